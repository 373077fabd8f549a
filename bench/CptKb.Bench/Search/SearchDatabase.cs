using CptKb.Core;
using CptKb.Core.Import;
using CptKb.Core.Search;
using CptKb.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CptKb.Bench.Search;

/// <summary>
/// The database the search bench reads: the corpus imported by CptKb's own importer into a file under the out folder.
/// Kept between runs while the corpus, the schema (the last migration) and the index's row layout are the same, since importing 100,000
/// documents costs more than searching them.
/// </summary>
internal static class SearchDatabase
{
    public static async Task<(string Path, string Note)> PrepareAsync(BenchOptions options)
    {
        var (path, marker, expected) = await LocateAsync(options);
        if (File.Exists(path) && File.Exists(marker) && File.ReadAllText(marker).Trim() == expected)
            return (path, $"database reused from an earlier run or the import bench ({expected})");

        Clear(path);
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

    /// <summary>
    /// Keeps a database the import bench filled from the whole corpus (closed, all its connections cleared) for the
    /// search bench, which then need not import the corpus again.
    /// </summary>
    public static async Task AdoptAsync(BenchOptions options, string imported)
    {
        var (path, marker, expected) = await LocateAsync(options);
        Clear(path);
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            if (File.Exists(imported + suffix))
                File.Move(imported + suffix, path + suffix);
        }
        File.WriteAllText(marker, expected);
    }

    private static async Task<(string Path, string Marker, string Expected)> LocateAsync(BenchOptions options)
    {
        var folder = Path.Combine(options.OutFolder, "tmp", "search");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"search-{options.Docs}-seed{options.Seed}.db");
        var corpusMarker = File.ReadAllText(Path.Combine(options.Corpus, ".cptkb-corpus")).Trim();
        await using var services = new ServiceCollection().AddCptKbCore("Data Source=:memory:").BuildServiceProvider();
        await using var db = await services.GetRequiredService<IDbContextFactory<KbDbContext>>().CreateDbContextAsync();
        return (path, path + ".marker", $"{corpusMarker} schema={db.Database.GetMigrations().Last()} derived={StoreInfo.CurrentDerivedVersion}");
    }

    private static void Clear(string path)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", ".marker" })
            File.Delete(path + suffix);
    }

    public static ServiceProvider Services(string path) =>
        new ServiceCollection().AddCptKbCore($"Data Source={path}").BuildServiceProvider();
}
