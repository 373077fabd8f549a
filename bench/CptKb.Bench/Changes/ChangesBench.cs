using System.Diagnostics;
using CptKb.Bench.Harness;
using CptKb.Bench.Pages;
using CptKb.Core;
using CptKb.Core.Changes;
using CptKb.Core.Import;
using CptKb.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CptKb.Bench.Changes;

/// <summary>
/// What recording changes costs and what reading them costs: a re-import of the corpus with 100 files edited (each
/// edit changes a payer's prior authorization, a benchmark and a sentence, so every file brings several changes), and
/// the diff page of an article with 50 revisions, rendered by the app (one client, so the figure is the server's render).
/// </summary>
internal static class ChangesBench
{
    public const int ChangedFiles = 100;
    public const int Revisions = 50;
    public const double TargetReimportSeconds = 1.0;
    public const double TargetDiffP50Ms = 50;

    public static async Task<BenchResult> RunAsync(BenchOptions options, TextWriter output)
    {
        var work = Path.Combine(options.OutFolder, "tmp", "changes");
        if (Directory.Exists(work))
            Directory.Delete(work, recursive: true);
        var folder = Path.Combine(work, "seeds");
        Directory.CreateDirectory(folder);
        var files = Directory.EnumerateFiles(options.Corpus, "*.txt").Order(StringComparer.Ordinal).ToList();
        foreach (var file in files)
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        var databasePath = Path.Combine(work, "changes.db");
        var rounds = options.Quick ? 1 : 3;

        await using var services = new ServiceCollection().AddCptKbCore($"Data Source={databasePath}").BuildServiceProvider();
        await services.GetRequiredService<KbDatabase>().InitializeAsync();
        var importer = services.GetRequiredService<Importer>();
        var first = await importer.ImportFolderAsync(folder);
        if (first.Status != ImportRunStatus.Succeeded)
            throw new InvalidOperationException($"changes bench: the first import failed: {first.Error}");

        // Spread over the corpus, the same files each round, edited differently each time.
        var changed = Enumerable.Range(0, Math.Min(ChangedFiles, files.Count)).Select(i => files[i * files.Count / Math.Min(ChangedFiles, files.Count)]).ToList();
        var seconds = new List<double>();
        var recorded = 0;
        for (var r = 0; r < rounds; r++)
        {
            foreach (var file in changed)
            {
                var target = Path.Combine(folder, Path.GetFileName(file));
                await File.WriteAllTextAsync(target, Edit(await File.ReadAllTextAsync(target), r + 1));
            }
            Rounds.Settle();
            var started = Stopwatch.GetTimestamp();
            var report = await importer.ImportFolderAsync(folder);
            seconds.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
            if (report.Status != ImportRunStatus.Succeeded || report.Updated != changed.Count)
                throw new InvalidOperationException($"changes bench: re-import {r}: {report.Status} {report.Error}; {report.Updated} updated of {changed.Count}");
        }
        var feed = await services.GetRequiredService<ChangeQueries>().FeedAsync(ChangeFilter.None, new PageRequest(1, 1));
        recorded = feed.Total - first.Imported;

        // One article gets 50 revisions, one import each.
        var watched = Path.Combine(folder, Path.GetFileName(changed[0]));
        for (var r = rounds; r < Revisions - 1; r++)
        {
            await File.WriteAllTextAsync(watched, Edit(await File.ReadAllTextAsync(watched), r + 1));
            await importer.ImportFolderAsync(folder);
        }
        var code = Path.GetFileNameWithoutExtension(watched).Split('_')[^1];
        var revisions = await services.GetRequiredService<ChangeQueries>().RevisionsAsync(code);
        SqliteConnection.ClearAllPools();

        LoadResult load, history;
        await using (var app = await WebAppProcess.StartAsync(folder, databasePath, TimeSpan.FromMinutes(5)))
        {
        var paths = new List<string> { $"codes/{code}/diff" };
        for (var n = 2; n <= revisions.Count; n += 7)
            paths.Add($"codes/{code}/diff?from={n - 1}&to={n}");
        paths.Add($"codes/{code}/diff?from=1&to={revisions.Count}&mode=inline");
        load = await HttpLoad.RunAsync(app.BaseAddress, paths, 1, TimeSpan.FromSeconds(options.Quick ? 0.5 : 10), TimeSpan.FromSeconds(options.Quick ? 0.25 : 2));
        history = await HttpLoad.RunAsync(app.BaseAddress, [$"codes/{code}/history"], 1, TimeSpan.FromSeconds(options.Quick ? 0.5 : 5), TimeSpan.FromSeconds(options.Quick ? 0.25 : 1));
        }
        SqliteConnection.ClearAllPools();
        Directory.Delete(work, recursive: true);

        var re = Stats.Median(seconds);
        var figures = new List<Figure>
        {
            new("changes", $"re-import of {files.Count:N0} docs with {changed.Count} changed, changes recorded, median of {rounds}", Format.Seconds(re), null, null,
                $"< {TargetReimportSeconds} s", re < TargetReimportSeconds),
            new("changes", $"diff page of an article with {revisions.Count} revisions, server render p50 (1 client)", Format.Ms(load.P50Ms), null, null,
                $"< {TargetDiffP50Ms} ms", load.P50Ms < TargetDiffP50Ms),
            new("changes", $"history page of that article, p50 (1 client)", Format.Ms(history.P50Ms)),
        };
        var notes = new List<string>
        {
            $"{recorded:N0} changes recorded by the {rounds} re-imports ({(double)recorded / (rounds * changed.Count):0.0} a file)",
            $"diff page: {load.Requests:N0} requests, {load.Errors} failed, p99 {Format.Ms(load.P99Ms)}, {load.MeanBytes / 1024:0.0} KB on average",
        };
        return new BenchResult("changes", figures, notes, new
        {
            documents = files.Count,
            changedFiles = changed.Count,
            reimportSeconds = seconds,
            changesRecorded = recorded,
            revisions = revisions.Count,
            diffP50Ms = load.P50Ms,
            diffP99Ms = load.P99Ms,
            historyP50Ms = history.P50Ms,
        });
    }

    /// <summary>
    /// An edit a payer's policy update makes: the first payer's prior authorization and benchmark, and a sentence of the
    /// policy section. Version <paramref name="round"/> differs from every other version.
    /// </summary>
    public static string Edit(string text, int round)
    {
        var lines = text.Split('\n');
        var priorDone = false;
        var benchmarkDone = false;
        var policy = false;
        for (var i = 0; i < lines.Length; i++)
        {
            if (!priorDone && lines[i].StartsWith("Prior authorization: ", StringComparison.Ordinal))
            {
                lines[i] = round % 2 == 1 ? $"Prior authorization: Required since update {round}." : $"Prior authorization: Not required after review {round}.";
                priorDone = true;
            }
            else if (!benchmarkDone && lines[i].StartsWith("Benchmark: ", StringComparison.Ordinal))
            {
                lines[i] = $"Benchmark: Median allowed amount of ${1000 + round * 37:N0} per claim (national, update {round}).";
                benchmarkDone = true;
            }
            else if (lines[i] == "Policy & Coding Considerations")
            {
                policy = true;
            }
            else if (policy)
            {
                lines[i] = $"Since update {round} payers review documentation before payment. " + lines[i];
                policy = false;
            }
        }
        return string.Join('\n', lines);
    }
}
