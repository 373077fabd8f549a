using System.Diagnostics;
using CptKb.Bench.Harness;
using CptKb.Bench.Pages;
using Microsoft.Playwright;

namespace CptKb.Bench.Circuits;

/// <summary>
/// Server memory per interactive circuit: real Chromium pages are opened one after another on one page of a freshly
/// started app, each waited for until its Blazor circuit has answered over the <c>_blazor</c> WebSocket; the app's
/// resident memory (/proc/PID/status) is read before and after.
/// </summary>
internal static class CircuitsBench
{
    public const double TargetKbPerCircuit = 300;

    public static async Task<BenchResult> RunAsync(BenchOptions options, TextWriter output)
    {
        var work = Path.Combine(options.OutFolder, "tmp", "circuits");
        if (Directory.Exists(work))
            Directory.Delete(work, recursive: true);
        Directory.CreateDirectory(work);
        var pages = options.Quick ? 3 : 50;
        var code = PagesBench.CorpusCodes(options.Corpus, 1)[0];

        // The pages bench's database, when it ran first: the start-up import then finds every file unchanged.
        await using var app = await WebAppProcess.StartAsync(options.Corpus, PagesBench.DatabasePath(options), TimeSpan.FromMinutes(10));
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var path = $"codes/{code}";
        var status = (int)(await http.GetAsync(path)).StatusCode;
        var notes = new List<string>();
        if (status != 200)
        {
            notes.Add($"/{path} answered {status} with an empty body in this build (the article page is not merged yet): the circuits were opened on " +
                      "/not-found, the smallest interactive page inside the app's full MudBlazor layout, so the figure is a circuit's floor, not an article's cost");
            path = "not-found";
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var context = await browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });

        // Warm-up: the first circuits pay for JIT and first-use caches, which are not a circuit's cost.
        for (var i = options.Quick ? 1 : 3; i > 0; i--)
            await (await OpenAsync(context, path)).CloseAsync();
        var settle = options.Quick ? TimeSpan.FromMilliseconds(300) : TimeSpan.FromSeconds(1);
        var before = await SettledAsync(app.ProcessId, settle);
        // A heap dump takes seconds; quick mode (the smoke test) leaves it out.
        var heapBefore = options.Quick ? null : await GcDump.LiveHeapBytesAsync(app.ProcessId, Path.Combine(work, "before.gcdump"));

        var started = Stopwatch.GetTimestamp();
        var open = new List<IPage>();
        for (var i = 0; i < pages; i++)
            open.Add(await OpenAsync(context, path));
        var openSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var after = await SettledAsync(app.ProcessId, settle);
        var heapAfter = options.Quick ? null : await GcDump.LiveHeapBytesAsync(app.ProcessId, Path.Combine(work, "after.gcdump"));
        foreach (var page in open)
            await page.CloseAsync();
        await context.CloseAsync();

        var perCircuitRss = (after.Rss - before.Rss) / 1024.0 / pages;
        var perCircuitAnon = (after.RssAnon - before.RssAnon) / 1024.0 / pages;
        double? perCircuitHeap = heapBefore is { } b && heapAfter is { } a ? (a - b) / 1024.0 / pages : null;
        var figures = new List<Figure>
        {
            new("circuits", $"server memory per circuit, {pages} Chromium pages on /{path} (resident, VmRSS)", $"{perCircuitRss:0} KB", null, null,
                $"< {TargetKbPerCircuit} KB", perCircuitRss < TargetKbPerCircuit),
            new("circuits", "per circuit, anonymous memory only (RssAnon: GC heap, native heap, stacks)", $"{perCircuitAnon:0} KB"),
            new("circuits", "per circuit, live GC heap after a full GC (dotnet-gcdump)",
                perCircuitHeap is { } heap ? $"{heap:0} KB" : options.Quick ? "not measured in quick mode" : "not measured (dotnet-gcdump not installed)", null, null,
                $"< {TargetKbPerCircuit} KB", perCircuitHeap < TargetKbPerCircuit),
            new("circuits", $"server resident memory before / after {pages} circuits", $"{ProcessMemory.Megabytes(before.Rss)} / {ProcessMemory.Megabytes(after.Rss)}"),
            new("circuits", $"time to open {pages} pages one by one, each until its circuit answered", Format.Seconds(openSeconds)),
        };
        notes.Add($"resident memory is read from /proc/PID/status of the app process (median of 5 readings {settle.TotalSeconds:0.#} s apart once the pages are open) and includes garbage " +
                  "not yet collected; the live GC heap is read with dotnet-gcdump, which forces a full collection in the app first " +
                  $"(dumps kept in {work} for dotnet-gcdump report)");
        return new BenchResult("circuits", figures, notes, new
        {
            pages, path, status, before, after, heapBefore, heapAfter, perCircuitRssKb = perCircuitRss, perCircuitAnonKb = perCircuitAnon, perCircuitHeapKb = perCircuitHeap, openSeconds,
        });
    }

    /// <summary>Opens a page and waits until the Blazor circuit has sent its first messages over the WebSocket.</summary>
    private static async Task<IPage> OpenAsync(IBrowserContext context, string path)
    {
        var page = await context.NewPageAsync();
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        page.WebSocket += (_, socket) =>
        {
            if (!socket.Url.Contains("_blazor", StringComparison.Ordinal))
                return;
            var frames = 0;
            socket.FrameReceived += (_, _) =>
            {
                // The handshake answer, then the first render batch.
                if (Interlocked.Increment(ref frames) >= 2)
                    answered.TrySetResult();
            };
        };
        await page.GotoAsync(path);
        await answered.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return page;
    }

    /// <summary>Waits for the server to go quiet, then takes the median of five readings.</summary>
    private static async Task<MemorySnapshot> SettledAsync(int pid, TimeSpan interval)
    {
        await Task.Delay(interval * 2);
        var readings = new List<MemorySnapshot>();
        for (var i = 0; i < 5; i++)
        {
            readings.Add(ProcessMemory.Read(pid));
            await Task.Delay(interval);
        }
        return readings.OrderBy(r => r.Rss).ElementAt(2);
    }
}
