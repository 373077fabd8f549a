using CptKb.Core;
using CptKb.Core.Import;
using CptKb.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CptKb.Bench.Search;

/// <summary>
/// The database the search bench reads: the corpus imported by CptKb's own importer into a file under the out folder.
/// Kept between runs while the corpus and the schema (the last migration) are the same, since importing 100,000
/// documents costs more than searching them.
/// </summary>
internal static class SearchDatabase
{
    public static async Task<(string Path, string Note)> PrepareAsync(BenchOptions options)
    {
        var folder = Path.Combine(options.OutFolder, "tmp", "search");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"search-{options.Docs}-seed{options.Seed}.db");
        var marker = path + ".marker";
        var corpusMarker = File.ReadAllText(Path.Combine(options.Corpus, ".cptkb-corpus")).Trim();
        string schema;
        await using (var services = Services(path))
        await using (var db = await services.GetRequiredService<IDbContextFactory<KbDbContext>>().CreateDbContextAsync())
            schema = db.Database.GetMigrations().Last();
        var expected = $"{corpusMarker} schema={schema}";
        if (File.Exists(path) && File.Exists(marker) && File.ReadAllText(marker).Trim() == expected)
            return (path, $"database reused from an earlier run ({expected})");

        foreach (var file in Directory.EnumerateFiles(folder, Path.GetFileName(path) + "*"))
            File.Delete(file);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using (var services = Services(path))
        {
            await services.GetRequiredService<KbDatabase>().InitializeAsync();
            var report = await services.GetRequiredService<Importer>().ImportFolderAsync(options.Corpus);
            if (report.Status != ImportRunStatus.Succeeded || report.Failed != 0)
                throw new InvalidOperationException($"search bench import: {report.Status} {report.Error}; {report.Failed} failed");
        }
        SqliteConnection.ClearAllPools();
        File.WriteAllText(marker, expected);
        return (path, $"database imported by CptKb's importer in {Format.Seconds(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds)} ({expected})");
    }

    public static ServiceProvider Services(string path) =>
        new ServiceCollection().AddCptKbCore($"Data Source={path}").BuildServiceProvider();
}
