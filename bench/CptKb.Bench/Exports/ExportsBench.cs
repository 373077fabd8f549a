using System.Diagnostics;
using CptKb.Bench.Harness;
using CptKb.Bench.Pages;
using Microsoft.Data.Sqlite;

namespace CptKb.Bench.Exports;

/// <summary>
/// The whole code list as CSV and as JSON (<c>/api/export/codes.csv</c>, <c>.json</c>, no filter) from the app over the
/// corpus, read by one client: the time to the first and to the last byte (median of a few downloads each), and the
/// evidence that the file is streamed rather than built in memory first: how much the server's resident anonymous memory
/// (RssAnon: the GC heap, native heaps, stacks) grows while each file is written, beside the file's size and beside a
/// control (the same route with a filter that keeps no code). A list built whole grows it by more than the file's size
/// (its strings are UTF-16, plus a row object per code) and more with every thousand codes; a streamed one by about one
/// batch of rows, as much at 300 documents as at 10,000.
/// </summary>
internal static class ExportsBench
{
    public const double TargetSeconds = 1.0;

    /// <summary>Below this size a file is within the GC's own slack, so its memory growth proves nothing either way.</summary>
    private const long JudgedFileBytes = 1024 * 1024;

    private const string Method =
        "memory: the server's RssAnon (/proc/PID/status) sampled every 10 ms during each download; growth = its peak minus its value " +
        "before the request. A list built whole in memory grows it by more than the file's size; a streamed one by about one batch " +
        "of rows (500 codes) whatever the list's length. Control: the same route with a filter that keeps no code (header only, or [])." +
        " Judged flat when the whole list's growth is below the file's size (only for files of 1 MB or more).";

    private sealed record Export(string Format, string Path, string Control);

    private static readonly Export[] Exports =
    [
        new("CSV", "api/export/codes.csv", "api/export/codes.csv?q=no-code-is-called-this"),
        new("JSON", "api/export/codes.json", "api/export/codes.json?q=no-code-is-called-this"),
    ];

    private sealed record Download(long Bytes, int Lines, double FirstByteSeconds, double Seconds, long Growth);

    public static async Task<BenchResult> RunAsync(BenchOptions options, TextWriter output)
    {
        var work = Path.Combine(options.OutFolder, "tmp", "exports");
        if (Directory.Exists(work))
            Directory.Delete(work, recursive: true);
        Directory.CreateDirectory(work);
        var databasePath = Path.Combine(work, "exports.db");
        var rounds = options.Quick ? 1 : 5;

        var figures = new List<Figure>();
        var notes = new List<string> { Method };
        var details = new Dictionary<string, object> { ["documents"] = options.Docs };
        try
        {
            await using var app = await WebAppProcess.StartAsync(options.Corpus, databasePath, TimeSpan.FromMinutes(10));
            using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
            foreach (var export in Exports)
            {
                // Once first, so what is measured is the export, not the first request's JIT and EF model.
                await DownloadAsync(http, export.Path, app.ProcessId);
                await DownloadAsync(http, export.Control, app.ProcessId);
                var downloads = new List<Download>();
                var controls = new List<Download>();
                for (var r = 0; r < rounds; r++)
                {
                    Rounds.Settle();
                    controls.Add(await DownloadAsync(http, export.Control, app.ProcessId));
                    Rounds.Settle();
                    downloads.Add(await DownloadAsync(http, export.Path, app.ProcessId));
                }
                Add(export, downloads, controls, rounds, figures, notes, output);
                details[export.Format.ToLowerInvariant()] = new
                {
                    bytes = downloads[^1].Bytes,
                    seconds = downloads.Select(d => d.Seconds),
                    firstByteSeconds = downloads.Select(d => d.FirstByteSeconds),
                    rssAnonGrowthBytes = downloads.Select(d => d.Growth),
                    controlRssAnonGrowthBytes = controls.Select(d => d.Growth),
                };
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(work))
                Directory.Delete(work, recursive: true);
        }
        return new BenchResult("exports", figures, notes, details);
    }

    private static void Add(Export export, List<Download> downloads, List<Download> controls, int rounds, List<Figure> figures, List<string> notes, TextWriter output)
    {
        var bytes = downloads[^1].Bytes;
        var size = bytes >= 1024 * 1024 ? $"{bytes / 1024.0 / 1024.0:0.0} MB" : $"{bytes / 1024.0:N0} KB";
        var what = export.Format == "CSV" ? $"{downloads[^1].Lines - 1:N0} codes, {size}" : size;
        var median = Stats.Median(downloads.Select(d => d.Seconds));
        var grew = (long)Stats.Median(downloads.Select(d => (double)d.Growth));
        var control = (long)Stats.Median(controls.Select(d => (double)d.Growth));
        bool? flat = bytes >= JudgedFileBytes ? grew < bytes : null;
        figures.Add(new("exports", $"{export.Format} of the whole code list ({what}), to the last byte, median of {rounds}",
            Format.Seconds(median), null, null, $"< {TargetSeconds} s", median < TargetSeconds));
        figures.Add(new("exports", $"{export.Format}: time to the first byte, median", Format.Ms(Stats.Median(downloads.Select(d => d.FirstByteSeconds * 1000)))));
        figures.Add(new("exports", $"{export.Format}: server memory (RssAnon) growth while it is written, median (the file: {bytes / 1024.0:N0} KB; control, an empty export: {control / 1024.0:N0} KB)",
            $"{grew / 1024.0:N0} KB", null, bytes > 0 ? $"{(double)grew / bytes:0.00}× the file" : null, "flat (< the file's size)", flat));
        notes.Add($"{export.Format} growth per download: {string.Join(", ", downloads.Select(d => $"{d.Growth / 1024.0:N0} KB"))}; control: {string.Join(", ", controls.Select(d => $"{d.Growth / 1024.0:N0} KB"))}");
        output.WriteLine($"  exports: {export.Format} {what}, {Format.Seconds(median)} to the last byte, memory +{grew / 1024.0:N0} KB (control +{control / 1024.0:N0} KB)");
    }

    private static async Task<Download> DownloadAsync(HttpClient http, string path, int serverProcessId)
    {
        var before = ProcessMemory.Read(serverProcessId).RssAnon;
        var peak = before;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, ProcessMemory.Read(serverProcessId).RssAnon);
                await Task.Delay(10);
            }
        });

        var started = Stopwatch.GetTimestamp();
        long bytes = 0;
        var lines = 0;
        double first = 0;
        try
        {
            using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                if (bytes == 0)
                    first = Stopwatch.GetElapsedTime(started).TotalSeconds;
                bytes += read;
                lines += buffer.AsSpan(0, read).Count((byte)'\n');
            }
        }
        finally
        {
            await sampling.CancelAsync();
            await sampler;
        }
        // For the CSV every line ends a record, the first being the header; quoted cells may hold line breaks: close enough.
        return new Download(bytes, lines, first, Stopwatch.GetElapsedTime(started).TotalSeconds, Math.Max(0, peak - before));
    }
}
