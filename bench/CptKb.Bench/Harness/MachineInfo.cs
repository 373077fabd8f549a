using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace CptKb.Bench.Harness;

/// <summary>What the figures were measured on: written at the top of every report.</summary>
internal sealed record MachineInfo(
    string Date, string Commit, bool Dirty, int Cores, string Memory, string Cpu, string Runtime, string Os, string GcMode)
{
    public static MachineInfo Read()
    {
        var cpu = TryRead("/proc/cpuinfo")?.Split('\n').FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        var memory = TryRead("/proc/meminfo")?.Split('\n').FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        var commit = Git("rev-parse --short HEAD") ?? "unknown";
        var dirty = !string.IsNullOrWhiteSpace(Git("status --porcelain --untracked-files=no"));
        return new MachineInfo(
            DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture),
            commit, dirty, Environment.ProcessorCount, memory, cpu,
            RuntimeInformation.FrameworkDescription, RuntimeInformation.OSDescription,
            System.Runtime.GCSettings.IsServerGC ? "server" : "workstation");
    }

    private static string? TryRead(string path) => File.Exists(path) ? File.ReadAllText(path) : null;

    private static string? Git(string arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git", arguments) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
            using var git = Process.Start(start);
            if (git is null)
                return null;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}

/// <summary>Where the repository and the web app's build output are.</summary>
internal static class RepoPaths
{
    /// <summary>The folder holding CptKb.sln, found upwards from the program's folder (else the current folder).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The CptKb.Web build output of the same configuration, recorded at build time.</summary>
    public static string WebOutput { get; } =
        typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "CptKb.Web.Output")?.Value
        ?? throw new InvalidOperationException("The bench was built without the CptKb.Web.Output metadata.");

    /// <summary>The CptKb.Proxy build output of the same configuration, recorded at build time.</summary>
    public static string ProxyOutput { get; } =
        typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "CptKb.Proxy.Output")?.Value
        ?? throw new InvalidOperationException("The bench was built without the CptKb.Proxy.Output metadata.");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CptKb.sln")))
                return dir.FullName;
        }
        return Directory.GetCurrentDirectory();
    }
}
