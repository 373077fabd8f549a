using System.Diagnostics;
using CptKb.Bench.Harness;
using CptKb.Bench.Pages;
using Microsoft.Data.Sqlite;

namespace CptKb.Bench.Exports;

/// <summary>
/// The CSV of the whole code list (<c>/api/export/codes.csv</c>, no filter) from the app over the corpus: the time to
/// its last byte, read by one client, and how much the server's resident memory grows while it is written, sampled
/// every 10 ms, shown beside the file's size: a list built whole in memory grows it by more than the file's size
/// (strings are UTF-16); a streamed one by about one batch of rows.
/// </summary>
internal static class ExportsBench
{
    public const double TargetSeconds = 1.0;

    public static async Task<BenchResult> RunAsync(BenchOptions options, TextWriter output)
    {
        var work = Path.Combine(options.OutFolder, "tmp", "exports");
        if (Directory.Exists(work))
            Directory.Delete(work, recursive: true);
        Directory.CreateDirectory(work);
        var databasePath = Path.Combine(work, "exports.db");
        var rounds = options.Quick ? 1 : 5;

        var seconds = new List<double>();
        var firstByteMs = new List<double>();
        var growth = new List<long>();
        long bytes = 0;
        var rows = 0;
        await using (var app = await WebAppProcess.StartAsync(options.Corpus, databasePath, TimeSpan.FromMinutes(10)))
        {
            using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
            // One export first, so what is measured is the export, not the first request's JIT and EF model.
            (bytes, rows, _, _) = await DownloadAsync(http);
            for (var r = 0; r < rounds; r++)
            {
                Rounds.Settle();
                var before = ProcessMemory.Read(app.ProcessId).RssAnon;
                var peak = before;
                using var sampling = new CancellationTokenSource();
                var sampler = Task.Run(async () =>
                {
                    while (!sampling.IsCancellationRequested)
                    {
                        peak = Math.Max(peak, ProcessMemory.Read(app.ProcessId).RssAnon);
                        await Task.Delay(10);
                    }
                });
                var (size, count, first, total) = await DownloadAsync(http);
                await sampling.CancelAsync();
                await sampler;
                (bytes, rows) = (size, count);
                seconds.Add(total);
                firstByteMs.Add(first * 1000);
                growth.Add(Math.Max(0, peak - before));
            }
        }
        SqliteConnection.ClearAllPools();
        Directory.Delete(work, recursive: true);

        var median = Stats.Median(seconds);
        var grew = (long)Stats.Median(growth.Select(g => (double)g));
        var figures = new List<Figure>
        {
            new("exports", $"CSV of the whole code list ({rows:N0} codes, {bytes / 1024.0 / 1024.0:0.0} MB), to the last byte, median of {rounds}",
                Format.Seconds(median), null, null, $"< {TargetSeconds} s", median < TargetSeconds),
            // Beside the file's size, not judged: at a few hundred codes the file is smaller than the GC's own slack.
            new("exports", $"server memory (RssAnon) growth while it is written, median (the file: {bytes / 1024.0:N0} KB)", $"{grew / 1024.0:N0} KB"),
            new("exports", "time to the first byte, median", Format.Ms(Stats.Median(firstByteMs))),
        };
        output.WriteLine($"  exports: {rows:N0} rows, {bytes:N0} bytes");
        return new BenchResult("exports", figures, [$"memory sampled every 10 ms; growth per round: {string.Join(", ", growth.Select(g => $"{g / 1024.0:N0} KB"))}"], new
        {
            documents = options.Docs,
            rows,
            bytes,
            seconds,
            firstByteMs,
            rssAnonGrowthBytes = growth,
        });
    }

    private static async Task<(long Bytes, int Rows, double FirstByteSeconds, double Seconds)> DownloadAsync(HttpClient http)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync("api/export/codes.csv", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        long bytes = 0;
        var lines = 0;
        double first = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            if (bytes == 0)
                first = Stopwatch.GetElapsedTime(started).TotalSeconds;
            bytes += read;
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }
        // Every line ends a record; the first is the header. Quoted cells may hold line breaks: close enough for a count.
        return (bytes, lines - 1, first, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }
}
