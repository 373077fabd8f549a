namespace CptKb.Bench.Harness;

/// <summary>Medians and percentiles of timing samples (nearest-rank).</summary>
internal static class Stats
{
    public static double Median(IEnumerable<double> samples) => PercentileOfSorted([.. samples.Order()], 50);

    public static double PercentileOfSorted(double[] sorted, double percent)
    {
        if (sorted.Length == 0)
            return double.NaN;
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}

/// <summary>Runs a measured action after warm-up rounds; returns the seconds of each measured round.</summary>
internal static class Rounds
{
    public static List<double> Measure(int warmups, int rounds, Action run)
    {
        for (var i = 0; i < warmups; i++)
            run();
        var seconds = new List<double>(rounds);
        for (var i = 0; i < rounds; i++)
        {
            Settle();
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            run();
            seconds.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        return seconds;
    }

    /// <summary>Collects garbage left by the previous round so it is not charged to the next one.</summary>
    public static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
