using System.Net;

namespace CptKb.Bench.Pages;

/// <summary>
/// HTTP GETs against the real app at 1, 8 and 32 concurrent clients, each level for a fixed time, beside the same
/// bytes served as static files by Kestrel (the limit). The article page is <c>/codes/{code}</c>; while that route
/// is missing from the build, the article's JSON and the home page (the list of all articles) are measured instead.
/// </summary>
internal static class PagesBench
{
    public static readonly int[] Concurrency = [1, 8, 32];
    public const double TargetP50Ms = 20;

    private sealed record Target(string Name, string Extension, IReadOnlyList<string> Paths, bool IsArticlePage, int[] Levels);

    public static async Task<BenchResult> RunAsync(BenchOptions options, TextWriter output)
    {
        var work = Path.Combine(options.OutFolder, "tmp", "pages");
        if (Directory.Exists(work))
            Directory.Delete(work, recursive: true);
        Directory.CreateDirectory(work);
        var duration = TimeSpan.FromSeconds(options.Quick ? 0.5 : 10);
        var warmUp = TimeSpan.FromSeconds(options.Quick ? 0.25 : 2);
        var codes = CorpusCodes(options.Corpus, 50);
        var notes = new List<string>();

        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(DatabasePath(options) + suffix);
        await using var app = await WebAppProcess.StartAsync(options.Corpus, DatabasePath(options), TimeSpan.FromMinutes(10));
        output.WriteLine($"  app ready (start-up import of the corpus) in {app.ReadySeconds:0.0} s");
        using var probe = new HttpClient { BaseAddress = app.BaseAddress };
        var articlePage = (await probe.GetAsync($"codes/{codes[0]}")).StatusCode;
        var targets = new List<Target>();
        if (articlePage == HttpStatusCode.OK)
        {
            targets.Add(new Target("article page /codes/{code}", ".html", [.. codes.Select(c => $"codes/{c}")], true, Concurrency));
        }
        else
        {
            notes.Add($"/codes/{{code}} answered {(int)articlePage} in this build (the article page is not merged yet): measured /api/articles/{{code}} and / instead");
            targets.Add(new Target("article JSON /api/articles/{code}", ".json", [.. codes.Select(c => $"api/articles/{c}")], false, Concurrency));
            // The home page renders every stored article, so its response grows with the corpus; 32 clients would only queue.
            targets.Add(new Target($"home page / (all {CountDocs(options.Corpus):N0} articles)", ".html", [""], false, options.Quick ? [1] : [1, 8]));
        }

        // The limit serves the very bytes the app sent for each path, as files of the same size.
        var staticRoot = Path.Combine(work, "static");
        var staticPaths = new List<List<string>>();
        for (var t = 0; t < targets.Count; t++)
        {
            var files = new List<string>();
            Directory.CreateDirectory(Path.Combine(staticRoot, $"t{t}"));
            for (var i = 0; i < targets[t].Paths.Count; i++)
            {
                var bytes = await probe.GetByteArrayAsync(targets[t].Paths[i]);
                var file = $"t{t}/{i}{targets[t].Extension}";
                await File.WriteAllBytesAsync(Path.Combine(staticRoot, file), bytes);
                files.Add(file);
            }
            staticPaths.Add(files);
        }
        await using var staticHost = await StaticFileHost.StartAsync(staticRoot, staticPaths[0][0]);

        var figures = new List<Figure>();
        var details = new List<object>();
        for (var t = 0; t < targets.Count; t++)
        {
            foreach (var clients in targets[t].Levels)
            {
                var cptkb = await HttpLoad.RunAsync(app.BaseAddress, targets[t].Paths, clients, duration, warmUp);
                var limit = await HttpLoad.RunAsync(staticHost.BaseAddress, staticPaths[t], clients, duration, warmUp);
                bool? met = targets[t].IsArticlePage && clients == 8 ? cptkb.P50Ms < TargetP50Ms : null;
                figures.Add(new Figure("pages", $"{targets[t].Name}, {clients} client{(clients == 1 ? "" : "s")} (req/s; p50 / p99)",
                    Describe(cptkb), Describe(limit) + " (static file)", $"{limit.RequestsPerSecond / cptkb.RequestsPerSecond:0.0}x",
                    targets[t].IsArticlePage && clients == 8 ? $"p50 < {TargetP50Ms} ms" : null, met));
                details.Add(new { target = targets[t].Name, clients, cptkb, limit });
                if (cptkb.Errors > 0 || limit.Errors > 0)
                    notes.Add($"{targets[t].Name} at {clients}: {cptkb.Errors} failed requests to CptKb, {limit.Errors} to the static host");
            }
            notes.Add($"{targets[t].Name}: {MeanBytes(staticRoot, t) / 1024.0:0.0} KB per response on average");
        }
        if (!targets.Any(t => t.IsArticlePage))
            figures.Add(new Figure("pages", "article page p50 at 8 clients", "not measured (no /codes/{code} page yet)", null, null, $"p50 < {TargetP50Ms} ms", null));
        notes.Add($"{duration.TotalSeconds:0.#} s per level after {warmUp.TotalSeconds:0.#} s of warm-up; the load client runs in the bench process on the same 2 cores as the server");
        return new BenchResult("pages", figures, notes, new { appReadySeconds = app.ReadySeconds, levels = details });
    }

    /// <summary>The app's database for this corpus, shared with the circuits bench.</summary>
    public static string DatabasePath(BenchOptions options) => Path.Combine(options.OutFolder, "tmp", $"app-{options.Docs}.db");

    private static string Describe(LoadResult r) =>
        $"{(r.RequestsPerSecond < 10 ? r.RequestsPerSecond.ToString("0.00") : r.RequestsPerSecond.ToString("N0"))}/s; {Format.Ms(r.P50Ms)} / {Format.Ms(r.P99Ms)}{(r.Errors > 0 ? $"; {r.Errors} FAILED" : "")}";

    private static double MeanBytes(string staticRoot, int target) =>
        Directory.EnumerateFiles(Path.Combine(staticRoot, $"t{target}")).Average(f => new FileInfo(f).Length);

    private static int CountDocs(string corpus) => Directory.EnumerateFiles(corpus, "*.txt").Count();

    /// <summary>Up to <paramref name="count"/> codes spread evenly over the corpus (file names are <c>NNNNNN_CODE.txt</c>).</summary>
    public static List<string> CorpusCodes(string corpus, int count)
    {
        var names = Directory.EnumerateFiles(corpus, "*.txt").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal).ToList();
        var step = Math.Max(1, names.Count / count);
        return [.. names.Where((_, i) => i % step == 0).Take(count).Select(n => n[(n.IndexOf('_') + 1)..])];
    }
}
