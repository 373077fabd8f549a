namespace CptKb.Bench.Harness;

/// <summary>CPU time a process has used, from /proc/PID/stat (user + system, in seconds); 0 once it is gone.</summary>
internal static class ProcessCpu
{
    public static double Seconds(int pid) => Read(pid)?.Seconds ?? 0;

    /// <summary>The process's parent and its CPU seconds, or null when it cannot be read.</summary>
    public static (int Parent, double Seconds)? Read(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The fields after the command's closing parenthesis: state, ppid, ..., utime (12th), stime (13th).
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var parent = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
            var ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
            return (parent, ticks / 100.0); // USER_HZ is 100 on Linux.
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>CPU seconds of a process and its direct children (a PostgreSQL postmaster and its backends).</summary>
    public static double WithChildren(int pid)
    {
        var total = 0.0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var each) && Read(each) is { } stat && (each == pid || stat.Parent == pid))
                total += stat.Seconds;
        }
        return total;
    }
}
