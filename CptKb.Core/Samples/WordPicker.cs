using System.Collections.Concurrent;

namespace CptKb.Core.Samples;

/// <summary>
/// A small deterministic random source (SplitMix64) and Zipf-skewed picks from ranked word lists.
/// System.Random's seeded sequence is not promised to stay the same across .NET versions; this one is.
/// </summary>
internal sealed class WordPicker(ulong seed)
{
    private const double ZipfExponent = 1.0;
    private static readonly ConcurrentDictionary<int, double[]> CumulativeByLength = new();
    private ulong state = seed;

    public ulong NextUInt64()
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>An integer in [min, max].</summary>
    public int Between(int min, int max) => min + (int)(NextUInt64() % (ulong)(max - min + 1));

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>Any item, all equally likely.</summary>
    public T Uniform<T>(IReadOnlyList<T> items) => items[(int)(NextUInt64() % (ulong)items.Count)];

    /// <summary>An item drawn with probability proportional to 1 / rank: the first items are the common words.</summary>
    public T Zipf<T>(IReadOnlyList<T> items) => items[ZipfIndex(items.Count)];

    /// <summary><paramref name="count"/> different items, Zipf-skewed, in the order drawn.</summary>
    public List<T> ZipfDistinct<T>(IReadOnlyList<T> items, int count)
    {
        var chosen = new List<int>(count);
        while (chosen.Count < Math.Min(count, items.Count))
        {
            var i = ZipfIndex(items.Count);
            if (!chosen.Contains(i))
                chosen.Add(i);
        }
        return [.. chosen.Select(i => items[i])];
    }

    private int ZipfIndex(int count)
    {
        var cumulative = CumulativeByLength.GetOrAdd(count, static n =>
        {
            var weights = new double[n];
            var sum = 0.0;
            for (var r = 0; r < n; r++)
                weights[r] = sum += 1.0 / Math.Pow(r + 1, ZipfExponent);
            for (var r = 0; r < n; r++)
                weights[r] /= sum;
            return weights;
        });
        var index = Array.BinarySearch(cumulative, NextDouble());
        return Math.Min(index < 0 ? ~index : index, count - 1);
    }
}
