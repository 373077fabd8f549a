using System.Globalization;
using System.Text.RegularExpressions;
using CptKb.Bench.Harness;

namespace CptKb.Bench.Circuits;

/// <summary>One heap dump's totals and its per-type report (<c>dotnet-gcdump report</c>).</summary>
/// <param name="Bytes">Live GC heap bytes after the full collection the dump forces.</param>
/// <param name="Report">The report's text: one line per type with its bytes and count.</param>
internal sealed partial record HeapDump(long Bytes, string Report)
{
    [GeneratedRegex(@"^\s*[\d,]+\s+([\d,]+)\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex TypeLine();

    /// <summary>How many live objects of exactly this type (full name) the dump holds.</summary>
    public long Count(string typeName) =>
        TypeLine().Matches(Report)
            .Where(m => m.Groups[2].Value == typeName)
            .Sum(m => long.Parse(m.Groups[1].Value.Replace(",", ""), CultureInfo.InvariantCulture));
}

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

    /// <summary>
    /// Live GC heap bytes of the process after a full collection, or null when the tool is missing or fails. The dump is
    /// kept in <paramref name="file"/> for <c>dotnet-gcdump report</c> (which types hold the memory).
    /// </summary>
    public static async Task<long?> LiveHeapBytesAsync(int pid, string file) => (await ReadAsync(pid, file))?.Bytes;

    /// <summary>A dump of the process's live heap after a full collection, or null when the tool is missing or fails.</summary>
    public static async Task<HeapDump?> ReadAsync(int pid, string file)
    {
        if (Tool is not { } tool)
            return null;
        if (await RunAsync(tool, "collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", file) is null || !File.Exists(file))
            return null;
        var report = await RunAsync(tool, "report", file);
        var match = report is null ? null : HeapBytes().Match(report);
        return match is { Success: true }
            ? new HeapDump(long.Parse(match.Groups[1].Value.Replace(",", ""), CultureInfo.InvariantCulture), report!)
            : null;
    }

    private static async Task<string?> RunAsync(string tool, params string[] arguments)
    {
        var (code, output, _) = await ChildProcess.RunAsync(tool, arguments);
        return code == 0 ? output : null;
    }
}
