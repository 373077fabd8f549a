using CptKb.Core.Samples;
using CptKb.Bench.Harness;

namespace CptKb.Bench.Search;

/// <summary>
/// Search latency over the fixed query set (<see cref="BenchQueries"/>): CptKb's search service, the same FTS5 statements
/// sent directly (its limit), and two peers on the same documents: lunr (Node) and ripgrep over the folder. The quick
/// mode runs CptKb and FTS5 only, so it needs no npm or apt.
/// </summary>
internal static class SearchBench
{
    public const double TargetP95Ms10k = 10;
    public const double TargetP95Ms100k = 50;
    public const double TargetP99Ms = 100;

    public static async Task<BenchResult> RunAsync(BenchOptions options, TextWriter output)
    {
        var queries = BenchQueries.For(new CorpusGenerator(options.Seed));
        var tools = Path.Combine(options.OutFolder, "tools");
        var quick = options.Quick;
        var (database, databaseNote) = await SearchDatabase.PrepareAsync(options);
        output.WriteLine($"  search: {databaseNote}");
        var (iterations, warmups) = quick ? (2, 1) : (20, 3);
        var cptkb = await CptKbSearchRunner.RunAsync(database, queries, iterations, warmups);
        var fts5 = Fts5Runner.Run(database, queries, iterations, warmups);
        var engines = new List<EngineResult> { cptkb, fts5 };
        var notes = new List<string> { databaseNote };
        if (quick)
        {
            notes.Add("quick mode: lunr and ripgrep not run");
        }
        else if (options.Docs > LunrRunner.MaxDocuments)
        {
            notes.Add($"lunr not run above {LunrRunner.MaxDocuments:N0} documents: its in-memory index of 100,000 does not fit this machine's memory and time budget");
            engines.Add(await RipgrepRunner.RunAsync(options.Corpus, queries, iterations: 3, warmups: 1));
        }
        else
        {
            engines.Add(await LunrRunner.RunAsync(options.Corpus, queries, tools, iterations: 20, warmups: 3));
            engines.Add(await RipgrepRunner.RunAsync(options.Corpus, queries, iterations: 3, warmups: 1));
        }

        var target = options.Docs > 10_000 ? TargetP95Ms100k : TargetP95Ms10k;
        var c = cptkb.AllSamples();
        var f = fts5.AllSamples();
        double P(double[] s, double p) => Stats.PercentileOfSorted(s, p);
        string Triple(double[] s) => $"{Format.Ms(P(s, 50))} / {Format.Ms(P(s, 95))} / {Format.Ms(P(s, 99))}";
        var figures = new List<Figure>
        {
            new("search", $"{queries.Count} queries x {iterations} runs, p50 / p95 / p99: CptKb search service vs the same FTS5 statements direct",
                Triple(c), Triple(f), $"{Format.Ratio(P(c, 95), P(f, 95))} at p95",
                $"p95 <= {target} ms, p99 < {TargetP99Ms} ms, <= 2x FTS5", P(c, 95) <= target && P(c, 99) < TargetP99Ms && P(c, 95) <= 2 * P(f, 95)),
        };
        foreach (var peer in engines.Skip(2))
        {
            if (peer.Note is not null)
            {
                notes.Add($"{peer.Engine}: {peer.Note}");
                continue;
            }
            var s = peer.AllSamples();
            figures.Add(new Figure("search", $"{peer.Engine}: same queries x {peer.Queries[0].Milliseconds.Count} runs (p50 / p95 / p99)",
                Triple(c), Triple(s), $"{Format.Ratio(P(c, 95), P(s, 95))} at p95", "faster than the peer at p95", P(c, 95) < P(s, 95)));
            if (peer.IndexSeconds is { } seconds)
                figures.Add(new Figure("search", $"{peer.Engine}: index build in memory", "", $"{Format.Seconds(seconds)}, {ProcessMemory.Megabytes(peer.IndexBytes ?? 0)} heap"));
        }

        // Per kind, the engines side by side: where CptKb's time goes beyond the FTS5 statements.
        foreach (var kind in queries.Select(q => q.Kind).Distinct())
        {
            var parts = engines.Where(e => e.Note is null).Select(e =>
            {
                var samples = e.Queries.Where(q => q.Kind == kind).SelectMany(q => q.Milliseconds).Order().ToArray();
                return $"{e.Engine} {Format.Ms(P(samples, 50))} / {Format.Ms(P(samples, 95))} / {Format.Ms(P(samples, 99))}";
            });
            var cptkbHits = cptkb.Queries.Where(q => q.Kind == kind).Average(q => q.Hits);
            var errors = engines.SelectMany(e => e.Queries.Where(q => q.Kind == kind && q.Error is not null).Select(q => $"{e.Engine} '{q.Query}': {q.Error}")).ToList();
            notes.Add($"{kind} (p50 / p95 / p99): {string.Join("; ", parts)}; CptKb mean articles found {cptkbHits:0}{(errors.Count > 0 ? "; errors: " + string.Join("; ", errors) : "")}");
        }
        var slowest = cptkb.Queries.OrderByDescending(q => q.Milliseconds.Max()).Take(5)
            .Select(q => $"{q.Query} ({q.Kind}) {Format.Ms(Stats.PercentileOfSorted([.. q.Milliseconds.Order()], 95))}");
        notes.Add($"CptKb's slowest queries at p95: {string.Join(", ", slowest)}");
        notes.Add($"CptKb: the first page (20 articles) with snippets, facets and spelling suggestion; warm-up (directory and vocabulary) {Format.Seconds(cptkb.IndexSeconds ?? 0)}, not timed per query");
        notes.Add("FTS5: the index's own MATCH text, the statements of its MatchAsync: the matching rowids in rowid order up to 2,001; under 2,000 of them, all ranked by weighted bm25 (ORDER BY it LIMIT 2000); over, the title-column matches up to 2,001 (the same statement, rows capped by its LIMIT). One open read-only connection; no snippets, grouping or facets");
        notes.Add("lunr has no phrases, sections or ranges: phrases are sent as required words, section filters dropped, ranges sent as every code in them; " +
                  "ripgrep matches substrings per file, one pipeline per query (rg | xargs rg ...), process start included");
        return new BenchResult("search", figures, notes, new { queries, engines });
    }
}
