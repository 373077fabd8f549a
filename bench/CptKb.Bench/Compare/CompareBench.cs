using System.Diagnostics;
using CptKb.Bench.Harness;
using CptKb.Bench.Pages;

namespace CptKb.Bench.Compare;

/// <summary>
/// The comparison of six codes (<c>/compare?codes=...</c>) rendered by the real app: HTTP GETs of the page's first HTML
/// (the prerendered page, as a browser first receives it), one client at a time, over sets of six codes spread across
/// the corpus, so most requests read and parse articles not read just before.
/// </summary>
internal static class CompareBench
{
    public const double TargetP50Ms = 30;

    public static async Task<BenchResult> RunAsync(BenchOptions options, TextWriter output)
    {
        var requests = options.Quick ? 20 : 300;
        // Sets of six neighbouring codes from across the corpus; each set is a page.
        var codes = PagesBench.CorpusCodes(options.Corpus, 60);
        var paths = codes.Chunk(6).Where(c => c.Length == 6).Select(c => "compare?codes=" + string.Join(',', c)).ToList();

        // The pages bench's database, when it left one: the start-up import of the corpus is then mostly done.
        await using var app = await WebAppProcess.StartAsync(options.Corpus, PagesBench.DatabasePath(options), TimeSpan.FromMinutes(10));
        output.WriteLine($"  app ready in {app.ReadySeconds:0.0} s; {paths.Count} sets of six codes");
        using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromMinutes(1) };
        // Each set once first: what is measured is the page, not the first request's JIT.
        long bytes = 0;
        foreach (var path in paths)
            bytes += (await GetAsync(http, path)).Bytes;

        var latencies = new List<double>(requests);
        var errors = 0;
        for (var i = 0; i < requests; i++)
        {
            var (ms, _, ok) = await GetAsync(http, paths[i % paths.Count]);
            latencies.Add(ms);
            if (!ok)
                errors++;
        }
        var sorted = latencies.Order().ToArray();
        var p50 = Stats.PercentileOfSorted(sorted, 50);
        var p95 = Stats.PercentileOfSorted(sorted, 95);
        var figures = new List<Figure>
        {
            new("compare", $"/compare of 6 codes, first HTML, 1 client, p50 of {requests}", Format.Ms(p50), null, null, $"p50 < {TargetP50Ms} ms", p50 < TargetP50Ms),
            new("compare", "p95", Format.Ms(p95)),
        };
        var notes = new List<string> { $"{bytes / (double)paths.Count / 1024.0:0.0} KB per page on average" };
        if (errors > 0)
            notes.Add($"{errors} requests FAILED");
        return new BenchResult("compare", figures, notes, new { documents = options.Docs, requests, p50Ms = p50, p95Ms = p95, errors, latenciesMs = latencies });
    }

    private static async Task<(double Ms, long Bytes, bool Ok)> GetAsync(HttpClient http, string path)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsByteArrayAsync();
        return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, body.Length, response.IsSuccessStatusCode);
    }
}
