using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using CptKb.Bench.Corpus;
using CptKb.Bench.Harness;
using CptKb.Bench.Pages;
using Microsoft.Playwright;

namespace CptKb.Bench.Load;

/// <summary>
/// <c>load [--docs 2000] [--circuits 200] [--seconds 60] [--readers 8] [--out DIR]</c>: many interactive circuits
/// (real Chromium pages) searching and moving from article to article, plus plain HTTP readers, against the real
/// app on 127.0.0.1 for a fixed time. Counts failed requests, circuit errors and failed actions, and reads the
/// server's memory before, during and after. Exit code 0 only when nothing failed.
/// </summary>
internal static class LoadTest
{
    public const string Verb = "load";

    private static readonly string[] Words = ["graft", "knee", "coverage", "modifier", "authorization", "fracture", "biopsy", "imaging", "medicare", "arthroplasty"];

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var docs = Option(args, "--docs", 2000);
        var circuits = Option(args, "--circuits", 200);
        var seconds = Option(args, "--seconds", 60);
        var readers = Option(args, "--readers", 8);
        var outFolder = Path.GetFullPath(args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? "bench-out");
        var work = Path.Combine(outFolder, "tmp", "load");
        if (Directory.Exists(work))
            Directory.Delete(work, recursive: true);
        var corpus = Path.Combine(work, "corpus");
        Directory.CreateDirectory(corpus);
        var generator = new CorpusGenerator();
        var codes = new List<string>();
        for (var i = 0; i < docs; i++)
        {
            var publication = generator.Generate(i);
            await File.WriteAllTextAsync(Path.Combine(corpus, publication.FileName), publication.Text);
            codes.Add(publication.Code);
        }

        output.WriteLine($"load: {docs:N0} documents, {circuits} circuits, {readers} HTTP readers, {seconds} s; load average {BenchProgram.LoadAverage()}");
        await using var app = await WebAppProcess.StartAsync(corpus, Path.Combine(work, "kb.db"), TimeSpan.FromMinutes(10),
            "--Kb:RateLimit:ApiPerMinute=1000000", "--Kb:RateLimit:SearchPerMinute=1000000", "--Kb:Circuits:DisconnectedRetentionSeconds=5");
        var baseline = ProcessMemory.Read(app.ProcessId);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var context = await browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString(), ViewportSize = new() { Width = 1024, Height = 700 } });
        var circuitErrors = new ConcurrentBag<string>();
        var pages = new List<IPage>();
        var opening = Stopwatch.StartNew();
        for (var i = 0; i < circuits; i++)
        {
            var page = await context.NewPageAsync();
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                    circuitErrors.Add(message.Text);
            };
            page.PageError += (_, error) => circuitErrors.Add(error);
            await page.GotoAsync($"codes/{codes[i % codes.Count]}");
            try
            {
                await page.Locator("#kb-search[data-ready='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 120_000 });
            }
            catch (TimeoutException)
            {
                throw new InvalidOperationException($"circuit {i + 1} never became interactive; page errors: {string.Join(" | ", circuitErrors)}; app: {app.Output}");
            }
            pages.Add(page);
        }
        var withCircuits = ProcessMemory.Read(app.ProcessId);
        output.WriteLine($"  {circuits} circuits open in {opening.Elapsed.TotalSeconds:0.0} s; server RSS {ProcessMemory.Megabytes(baseline.Rss)} -> {ProcessMemory.Megabytes(withCircuits.Rss)}");

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var actions = new ConcurrentBag<(string Kind, double Ms, string? Error)>();
        var reads = new ConcurrentBag<(int Status, double Ms)>();
        var readErrors = new ConcurrentBag<string>();

        // Each circuit acts in turn: a handful at a time, since one browser drives them all.
        var actors = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            for (var turn = worker; !stop.IsCancellationRequested; turn += 8)
            {
                var page = pages[turn % pages.Count];
                var search = random.Next(2) == 0;
                var watch = Stopwatch.StartNew();
                try
                {
                    if (search)
                    {
                        var input = page.Locator("#kb-search");
                        await input.FillAsync(Words[random.Next(Words.Length)]);
                        await page.Locator("[data-testid=search-dropdown]").WaitForAsync(new() { Timeout = 15_000 });
                        await input.PressAsync("Escape");
                    }
                    else
                    {
                        var next = page.Locator("[data-testid=next-code], [data-testid=previous-code]").First;
                        var before = page.Url;
                        await next.ClickAsync(new() { Timeout = 15_000 });
                        await page.WaitForFunctionAsync("u => location.href !== u", before, new() { Timeout = 15_000 });
                        await page.Locator("[data-testid=article-header]").WaitForAsync(new() { Timeout = 15_000 });
                    }
                    actions.Add((search ? "search" : "navigate", watch.Elapsed.TotalMilliseconds, null));
                }
                catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
                {
                    actions.Add((search ? "search" : "navigate", watch.Elapsed.TotalMilliseconds, ex.Message.Split('\n')[0]));
                }
            }
        })).ToList();

        using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var peak = withCircuits.Rss;
        var readerTasks = Enumerable.Range(0, readers).Select(reader => Task.Run(async () =>
        {
            var random = new Random(1000 + reader);
            while (!stop.IsCancellationRequested)
            {
                var path = random.Next(3) == 0 ? $"api/search?q={Words[random.Next(Words.Length)]}" : $"codes/{codes[random.Next(codes.Count)]}";
                var watch = Stopwatch.StartNew();
                try
                {
                    using var response = await http.GetAsync(path);
                    await response.Content.ReadAsByteArrayAsync();
                    reads.Add(((int)response.StatusCode, watch.Elapsed.TotalMilliseconds));
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    readErrors.Add($"{path}: {ex.Message}");
                }
                peak = Math.Max(peak, ProcessMemory.Read(app.ProcessId).Rss);
            }
        })).ToList();

        await Task.WhenAll(actors.Concat(readerTasks));
        var errorUi = 0;
        foreach (var page in pages)
        {
            if (await page.Locator("#blazor-error-ui").IsVisibleAsync())
                errorUi++;
        }
        var afterRun = ProcessMemory.Read(app.ProcessId);
        await context.CloseAsync();
        await Task.Delay(TimeSpan.FromSeconds(20));
        var afterClose = ProcessMemory.Read(app.ProcessId);

        var failedReads = reads.Count(r => r.Status >= 400) + readErrors.Count;
        var failedActions = actions.Count(a => a.Error is not null);
        output.WriteLine($"  circuit actions: {actions.Count:N0} ({Summary(actions.Where(a => a.Kind == "search"))} search; {Summary(actions.Where(a => a.Kind == "navigate"))} navigate), failed {failedActions}");
        output.WriteLine($"  HTTP reads: {reads.Count:N0} ({reads.Count / (double)seconds:0} req/s; p50 {Percentile(reads.Select(r => r.Ms), 50):0.0} ms, p99 {Percentile(reads.Select(r => r.Ms), 99):0.0} ms), failed {failedReads}");
        output.WriteLine($"  circuit errors: {circuitErrors.Count} console/page errors, {errorUi} pages showing the error bar");
        output.WriteLine($"  server RSS: before {ProcessMemory.Megabytes(baseline.Rss)}, with circuits {ProcessMemory.Megabytes(withCircuits.Rss)}, peak {ProcessMemory.Megabytes(peak)}, " +
                         $"end of run {ProcessMemory.Megabytes(afterRun.Rss)}, 20 s after the pages closed {ProcessMemory.Megabytes(afterClose.Rss)}");
        foreach (var error in circuitErrors.Concat(readErrors).Concat(actions.Where(a => a.Error is not null).Select(a => a.Error!)).Distinct().Take(10))
            output.WriteLine($"  ! {error}");
        output.WriteLine($"  load average after: {BenchProgram.LoadAverage()}");
        return failedReads == 0 && failedActions == 0 && circuitErrors.IsEmpty && errorUi == 0 ? 0 : 1;
    }

    private static string Summary(IEnumerable<(string Kind, double Ms, string? Error)> actions)
    {
        var ok = actions.Where(a => a.Error is null).Select(a => a.Ms).ToList();
        return ok.Count == 0 ? "none" : $"{ok.Count:N0} p50 {Percentile(ok, 50):0} ms p95 {Percentile(ok, 95):0} ms";
    }

    private static double Percentile(IEnumerable<double> samples, double percent)
    {
        var sorted = samples.Order().ToArray();
        return sorted.Length == 0 ? 0 : Stats.PercentileOfSorted(sorted, percent);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}
