namespace CptKb.Bench.Harness;

/// <summary>A process's memory as Linux reports it in /proc/PID/status, in bytes.</summary>
/// <param name="Rss">VmRSS: resident pages, file-backed (code, mapped files) and anonymous.</param>
/// <param name="RssAnon">RssAnon: resident anonymous pages: the GC heap, native heaps and stacks.</param>
/// <param name="Peak">VmHWM: the highest VmRSS since start or since <see cref="ProcessMemory.ResetPeak"/>.</param>
internal sealed record MemorySnapshot(long Rss, long RssAnon, long Peak);

internal static class ProcessMemory
{
    public static MemorySnapshot Read(int pid)
    {
        long Field(string[] lines, string name)
        {
            var line = lines.FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal));
            if (line is null)
                return 0;
            var kb = line[(name.Length + 1)..].Trim().Split(' ')[0];
            return long.Parse(kb, System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        var status = File.ReadAllLines($"/proc/{pid}/status");
        return new MemorySnapshot(Field(status, "VmRSS"), Field(status, "RssAnon"), Field(status, "VmHWM"));
    }

    public static MemorySnapshot ReadSelf() => Read(Environment.ProcessId);

    /// <summary>Resets this process's VmHWM to its current RSS (Linux 4.0+: "5" to clear_refs); false when not allowed.</summary>
    public static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024.0):0} MB";
}
