using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CptKb.Bench.Circuits;

/// <summary>
/// The live managed heap of another .NET process, read with <c>dotnet-gcdump</c> when it is installed
/// (<c>dotnet tool install -g dotnet-gcdump</c>): it forces a full GC in the target and counts what survives.
/// </summary>
internal static partial class GcDump
{
    [GeneratedRegex(@"^\s*([\d,]+)\s+GC Heap bytes", RegexOptions.Multiline)]
    private static partial Regex HeapBytes();

    /// <summary>The tool's path, or null when it is not installed.</summary>
    public static string? Tool { get; } = Find();

    private static string? Find()
    {
        var home = Environment.GetEnvironmentVariable("HOME") ?? "";
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append(Path.Combine(home, ".dotnet", "tools"))
            .Select(dir => Path.Combine(dir, "dotnet-gcdump"));
        return candidates.FirstOrDefault(File.Exists);
    }

    /// <summary>Live GC heap bytes of the process after a full collection, or null when the tool is missing or fails.</summary>
    public static async Task<long?> LiveHeapBytesAsync(int pid, string workFolder)
    {
        if (Tool is null)
            return null;
        var file = Path.Combine(workFolder, $"{pid}-{Guid.NewGuid():N}.gcdump");
        if (await RunAsync("collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", file) is null || !File.Exists(file))
            return null;
        var report = await RunAsync("report", file);
        File.Delete(file);
        var match = report is null ? null : HeapBytes().Match(report);
        return match is { Success: true } ? long.Parse(match.Groups[1].Value.Replace(",", ""), CultureInfo.InvariantCulture) : null;
    }

    private static async Task<string?> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Tool!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start);
        if (process is null)
            return null;
        var output = process.StandardOutput.ReadToEndAsync();
        await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? await output : null;
    }
}
