using CptKb.Bench.Corpus;
using CptKb.Bench.Harness;

namespace CptKb.Bench.Search;

/// <summary>
/// Search latency over the fixed query set (<see cref="BenchQueries"/>). The peers run now: lunr (Node) and
/// ripgrep over the folder. CptKb's search service and the same FTS5 MATCH issued directly through
/// Microsoft.Data.Sqlite (its limit) join here when the search branch lands: each becomes one more
/// <see cref="EngineResult"/> over the same queries, and the table compares them at p50/p95/p99.
/// </summary>
internal static class SearchBench
{
    public const double TargetP95Ms10k = 10;
    public const double TargetP95Ms100k = 50;

    public static async Task<BenchResult> RunAsync(BenchOptions options, TextWriter output)
    {
        var queries = BenchQueries.For(new CorpusGenerator(options.Seed));
        var tools = Path.Combine(options.OutFolder, "tools");
        var quick = options.Quick;
        var engines = new List<EngineResult>
        {
            await LunrRunner.RunAsync(options.Corpus, queries, tools, iterations: quick ? 2 : 20, warmups: quick ? 1 : 3),
            await RipgrepRunner.RunAsync(options.Corpus, queries, iterations: quick ? 1 : 3, warmups: 1),
        };

        var figures = new List<Figure>
        {
            new("search", $"{queries.Count} queries: CptKb search service vs raw FTS5 MATCH", "pending: the search branch is not merged", null, null,
                $"p95 <= {(options.Docs > 10_000 ? TargetP95Ms100k : TargetP95Ms10k)} ms, <= 2x FTS5, below lunr and ripgrep", null),
        };
        var notes = new List<string>();
        foreach (var engine in engines)
        {
            if (engine.Note is not null)
            {
                notes.Add($"{engine.Engine}: {engine.Note}");
                continue;
            }
            var all = engine.AllSamples();
            figures.Add(new Figure("search", $"{engine.Engine}: {queries.Count} queries x {engine.Queries[0].Milliseconds.Count} runs (p50 / p95 / p99)", "",
                $"{Format.Ms(Stats.PercentileOfSorted(all, 50))} / {Format.Ms(Stats.PercentileOfSorted(all, 95))} / {Format.Ms(Stats.PercentileOfSorted(all, 99))}"));
            if (engine.IndexSeconds is { } seconds)
                figures.Add(new Figure("search", $"{engine.Engine}: index build in memory", "", $"{Format.Seconds(seconds)}, {ProcessMemory.Megabytes(engine.IndexBytes ?? 0)} heap"));
            foreach (var kind in engine.Queries.GroupBy(q => q.Kind))
            {
                var samples = kind.SelectMany(q => q.Milliseconds).Order().ToArray();
                notes.Add($"{engine.Engine}, {kind.Key}: p50 {Format.Ms(Stats.PercentileOfSorted(samples, 50))}, p95 {Format.Ms(Stats.PercentileOfSorted(samples, 95))}, " +
                          $"mean hits {kind.Average(q => q.Hits):0}{(kind.Any(q => q.Error is not null) ? $", errors: {string.Join("; ", kind.Where(q => q.Error is not null).Select(q => q.Error))}" : "")}");
            }
        }
        notes.Add("lunr has no phrases, sections or ranges: phrases are sent as required words, section filters dropped, ranges sent as every code in them; " +
                  "ripgrep matches substrings per file, one pipeline per query (rg | xargs rg ...), process start included");
        return new BenchResult("search", figures, notes, new { queries, engines });
    }
}
