using System.Diagnostics;
using System.Text.RegularExpressions;
using CptKb.Bench.Harness;
using CptKb.Bench.Pages;
using Microsoft.Data.Sqlite;

namespace CptKb.Bench.Matrix;

/// <summary>
/// The payer × code matrix page with every payer as a column and 200 codes a page
/// (<c>/payer-matrix?payers=all&amp;pageSize=200</c>), served by the app over the corpus: the time until its whole first
/// HTML (the server's prerender) has arrived, read by one client, each request a different page of codes or filter, so
/// what is measured is the page's queries and render, not a cache.
/// </summary>
internal static partial class MatrixBench
{
    public const double TargetMs = 100;

    public static async Task<BenchResult> RunAsync(BenchOptions options, TextWriter output)
    {
        var work = Path.Combine(options.OutFolder, "tmp", "matrix");
        if (Directory.Exists(work))
            Directory.Delete(work, recursive: true);
        Directory.CreateDirectory(work);
        var databasePath = Path.Combine(work, "matrix.db");
        var requests = options.Quick ? 5 : 100;

        var ms = new List<double>();
        int columns, rows;
        long bytes;
        await using (var app = await WebAppProcess.StartAsync(options.Corpus, databasePath, TimeSpan.FromMinutes(10)))
        {
            using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromMinutes(1) };
            var pages = Math.Max(1, (options.Docs + 199) / 200);
            string Address(int i) => i % 4 == 3
                ? "payer-matrix?payers=all&pageSize=200&range=surgery-musculoskeletal"
                : $"payer-matrix?payers=all&pageSize=200&page={i % pages + 1}";
            // Warm-up: the first requests pay for JIT and the EF model.
            string html = "";
            for (var i = 0; i < 3; i++)
                html = await http.GetStringAsync(Address(0));
            columns = ColumnHeader().Count(html);
            rows = RowHeader().Count(html);
            bytes = html.Length;
            for (var i = 0; i < requests; i++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(Address(i));
                response.EnsureSuccessStatusCode();
                _ = await response.Content.ReadAsByteArrayAsync();
                ms.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
        SqliteConnection.ClearAllPools();
        Directory.Delete(work, recursive: true);

        var sorted = ms.Order().ToArray();
        var p50 = Stats.PercentileOfSorted(sorted, 50);
        var p95 = Stats.PercentileOfSorted(sorted, 95);
        output.WriteLine($"  matrix: {columns} payer columns x {rows} codes, {bytes / 1024.0:N0} KB of HTML");
        var figures = new List<Figure>
        {
            new("matrix", $"matrix page, {columns} payers x {rows} codes, first HTML (server render), p50 of {requests}",
                Format.Ms(p50), null, null, $"< {TargetMs} ms", p50 < TargetMs),
            new("matrix", "the same, p95", Format.Ms(p95)),
        };
        return new BenchResult("matrix", figures, [$"one client; {requests} requests over the pages of codes and a range filter; HTML {bytes / 1024.0:N0} KB"], new
        {
            documents = options.Docs,
            columns,
            rows,
            htmlBytes = bytes,
            milliseconds = ms,
        });
    }

    [GeneratedRegex("<th scope=\"col\" data-payer=")]
    private static partial Regex ColumnHeader();

    [GeneratedRegex("<th scope=\"row\" class=\"kb-mx-code\"")]
    private static partial Regex RowHeader();
}
