using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using CptKb.Bench.Circuits;
using CptKb.Core.Samples;
using CptKb.Bench.Harness;
using CptKb.Bench.Pages;
using Microsoft.Playwright;

namespace CptKb.Bench.Load;

/// <summary>
/// <c>load [--docs 2000] [--circuits 200] [--seconds 60] [--readers 8] [--rounds 2] [--out DIR]</c>: many interactive
/// circuits (real Chromium pages) searching and moving from article to article, plus plain HTTP readers, against the
/// real app on 127.0.0.1 for a fixed time, in identical rounds against one running app. Counts failed requests, circuit
/// errors and failed actions, and reads the server's memory before, during and after each round: resident memory, and
/// the live managed heap after a forced full collection (dotnet-gcdump) once the round's circuits are released.
/// Exit code 0 only when nothing failed and the live heap after the last round is within
/// <see cref="FlatTolerance"/> of the heap after the first.
/// </summary>
internal static class LoadTest
{
    public const string Verb = "load";

    /// <summary>How much the live heap may grow from the first round to the last and still count as flat.</summary>
    public const double FlatTolerance = 0.10;

    private const int RetentionSeconds = 5;
    private const string CircuitHostType = "Microsoft.AspNetCore.Components.Server.Circuits.CircuitHost";

    /// <summary>True once the article header shows the code in the address (the old article stays until the new one renders).</summary>
    private const string ShowsAddressedArticle =
        "() => { const c = document.querySelector('[data-testid=article-header] .kb-code'); " +
        "return !!c && c.textContent.trim() === decodeURIComponent(location.pathname.split('/').pop()); }";

    private static readonly string[] Words = ["graft", "knee", "coverage", "modifier", "authorization", "fracture", "biopsy", "imaging", "medicare", "arthroplasty"];

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var docs = Option(args, "--docs", 2000);
        var settings = new RoundSettings(Option(args, "--circuits", 200), Option(args, "--seconds", 60), Option(args, "--readers", 8));
        var rounds = Math.Max(1, Option(args, "--rounds", 2));
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

        output.WriteLine($"load: {docs:N0} documents, {settings.Circuits} circuits, {settings.Readers} HTTP readers, {settings.Seconds} s, {rounds} round(s); " +
                         $"load average {BenchProgram.LoadAverage()}");
        if (GcDump.Tool is null)
            output.WriteLine("  dotnet-gcdump is not installed (dotnet tool install -g dotnet-gcdump): the live heap is not measured");
        await using var app = await WebAppProcess.StartAsync(corpus, Path.Combine(work, "kb.db"), TimeSpan.FromMinutes(10),
            "--Kb:RateLimit:ApiPerMinute=1000000", "--Kb:RateLimit:SearchPerMinute=1000000", $"--Kb:Circuits:DisconnectedRetentionSeconds={RetentionSeconds}");
        var start = await SettledAsync(app.ProcessId, Path.Combine(work, "start.gcdump"));
        output.WriteLine($"  after start-up: {start}");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });

        var passed = true;
        var settled = new List<Reading>();
        for (var round = 1; round <= rounds; round++)
        {
            var result = await RoundAsync(app, browser, codes, settings, Path.Combine(work, $"round{round}-open.gcdump"), output);
            passed &= result.Passed;
            output.WriteLine($"  round {round}: {result.Summary}");
            // The closed pages' circuits are kept for the retention time, then disposed. The heap is read once none is
            // left, or after a minute and a half at most (then the ones still alive are reported).
            var closed = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(RetentionSeconds + 15));
            var reading = await SettledAsync(app.ProcessId, Path.Combine(work, $"round{round}.gcdump"));
            while (reading.CircuitHosts > 0 && closed.Elapsed < TimeSpan.FromSeconds(90) && reading.HeapBytes is not null)
            {
                await Task.Delay(TimeSpan.FromSeconds(15));
                reading = await SettledAsync(app.ProcessId, Path.Combine(work, $"round{round}.gcdump"));
            }
            settled.Add(reading);
            output.WriteLine($"  round {round}, {closed.Elapsed.TotalSeconds:0} s after its pages closed: {reading}");
            if (reading.CircuitHosts > 0)
            {
                output.WriteLine($"  ! {reading.CircuitHosts} circuits still alive {closed.Elapsed.TotalSeconds:0} s after round {round}");
                passed = false;
            }
        }

        if (settled[0].HeapBytes is { } first && settled[^1].HeapBytes is { } last && start.HeapBytes is { } initial)
        {
            var growth = (last - first) / (double)first;
            var flat = growth <= FlatTolerance;
            output.WriteLine($"  live heap: {Megabytes(initial)} after start-up, {string.Join(", ", settled.Select((r, i) => $"{Megabytes(r.HeapBytes!.Value)} after round {i + 1}"))}; " +
                             $"round 1 -> round {rounds}: {growth:+0.0%;-0.0%} ({(flat ? "flat" : "NOT flat")}, tolerance {FlatTolerance:0%})");
            passed &= flat || rounds == 1;
        }
        output.WriteLine($"  heap dumps kept in {work} (dotnet-gcdump report FILE: which types hold the memory)");
        output.WriteLine($"  load average after: {BenchProgram.LoadAverage()}");
        return passed ? 0 : 1;
    }

    private sealed record RoundSettings(int Circuits, int Seconds, int Readers);

    private sealed record RoundResult(bool Passed, string Summary);

    /// <summary>The server's memory once it is quiet: resident, and the live heap after a forced full collection.</summary>
    private sealed record Reading(MemorySnapshot Process, long? HeapBytes, long CircuitHosts)
    {
        public override string ToString() =>
            $"RSS {ProcessMemory.Megabytes(Process.Rss)} (anonymous {ProcessMemory.Megabytes(Process.RssAnon)}), " +
            (HeapBytes is { } heap ? $"live heap {Megabytes(heap)}, {CircuitHosts} live circuits" : "live heap not measured");
    }

    private static async Task<Reading> SettledAsync(int pid, string dumpFile)
    {
        var dump = await GcDump.ReadAsync(pid, dumpFile);
        // Read after the dump: its full collection is the one that may hand memory back to the system.
        await Task.Delay(TimeSpan.FromSeconds(2));
        return new Reading(ProcessMemory.Read(pid), dump?.Bytes, dump?.Count(CircuitHostType) ?? 0);
    }

    private static async Task<RoundResult> RoundAsync(
        WebAppProcess app, IBrowser browser, List<string> codes, RoundSettings settings, string dumpFile, TextWriter output)
    {
        var before = ProcessMemory.Read(app.ProcessId);
        var context = await browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString(), ViewportSize = new() { Width = 1024, Height = 700 } });
        var circuitErrors = new ConcurrentBag<string>();
        var pages = new List<IPage>();
        var opening = Stopwatch.StartNew();
        for (var i = 0; i < settings.Circuits; i++)
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
        output.WriteLine($"  {settings.Circuits} circuits open in {opening.Elapsed.TotalSeconds:0.0} s; server RSS {ProcessMemory.Megabytes(before.Rss)} -> {ProcessMemory.Megabytes(withCircuits.Rss)}");
        // The same reading with every circuit open: the live circuits counted here are the ones that must be gone later.
        var open = await SettledAsync(app.ProcessId, dumpFile);
        output.WriteLine($"  with the circuits open: {open}");
        if (open.HeapBytes is not null && open.CircuitHosts < settings.Circuits)
            throw new InvalidOperationException($"the heap dump counts {open.CircuitHosts} live circuits of {settings.Circuits} open: the count cannot be trusted");

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(settings.Seconds));
        var actions = new ConcurrentBag<(string Kind, double Ms, string? Error)>();
        var reads = new ConcurrentBag<(int Status, double Ms)>();
        var readErrors = new ConcurrentBag<string>();

        // Each circuit acts in turn: a handful at a time, since one browser drives them all. Each worker has its own
        // pages, so no page is driven by two workers at once.
        var workers = Math.Min(8, pages.Count);
        var actors = Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            var own = pages.Where((_, i) => i % workers == worker).ToList();
            for (var turn = 0; !stop.IsCancellationRequested; turn++)
            {
                var page = own[turn % own.Count];
                var search = random.Next(2) == 0;
                var watch = Stopwatch.StartNew();
                var step = "";
                try
                {
                    if (search)
                    {
                        var input = page.Locator("#kb-search");
                        step = "typing";
                        await input.FillAsync(Words[random.Next(Words.Length)]);
                        step = "waiting for the dropdown";
                        await page.Locator("[data-testid=search-dropdown]").WaitForAsync(new() { Timeout = 15_000 });
                        step = "closing the dropdown";
                        await input.PressAsync("Escape");
                    }
                    else
                    {
                        var next = page.Locator("[data-testid=next-code], [data-testid=previous-code]").First;
                        var url = page.Url;
                        step = "clicking next/previous";
                        await next.ClickAsync(new() { Timeout = 15_000 });
                        step = "waiting for the address to change";
                        await page.WaitForFunctionAsync("u => location.href !== u", url, new() { Timeout = 15_000 });
                        step = "waiting for the new article";
                        await page.WaitForFunctionAsync(ShowsAddressedArticle, null, new() { Timeout = 15_000 });
                    }
                    actions.Add((search ? "search" : "navigate", watch.Elapsed.TotalMilliseconds, null));
                }
                catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
                {
                    actions.Add((search ? "search" : "navigate", watch.Elapsed.TotalMilliseconds, $"{(search ? "search" : "navigate")} on {page.Url}, {step}: {ex.Message.Split('\n')[0]}"));
                }
            }
        })).ToList();

        using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var peak = withCircuits.Rss;
        var readerTasks = Enumerable.Range(0, settings.Readers).Select(reader => Task.Run(async () =>
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

        var failedReads = reads.Count(r => r.Status >= 400) + readErrors.Count;
        var failedActions = actions.Count(a => a.Error is not null);
        output.WriteLine($"  circuit actions: {actions.Count:N0} ({Summary(actions.Where(a => a.Kind == "search"))} search; {Summary(actions.Where(a => a.Kind == "navigate"))} navigate), failed {failedActions}");
        output.WriteLine($"  HTTP reads: {reads.Count:N0} ({reads.Count / (double)settings.Seconds:0} req/s; p50 {Percentile(reads.Select(r => r.Ms), 50):0.0} ms, p99 {Percentile(reads.Select(r => r.Ms), 99):0.0} ms), failed {failedReads}");
        output.WriteLine($"  circuit errors: {circuitErrors.Count} console/page errors, {errorUi} pages showing the error bar");
        foreach (var error in circuitErrors.Concat(readErrors).Concat(actions.Where(a => a.Error is not null).Select(a => a.Error!)).Distinct().Take(10))
            output.WriteLine($"  ! {error}");
        var passed = failedReads == 0 && failedActions == 0 && circuitErrors.IsEmpty && errorUi == 0;
        return new RoundResult(passed,
            $"{(passed ? "nothing failed" : "FAILURES")}; server RSS before {ProcessMemory.Megabytes(before.Rss)}, with circuits {ProcessMemory.Megabytes(withCircuits.Rss)}, " +
            $"peak {ProcessMemory.Megabytes(peak)}, end of run {ProcessMemory.Megabytes(afterRun.Rss)}");
    }

    private static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024.0):0.0} MB";

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
