using System.Diagnostics;
using System.Text;
using CptKb.Bench.Harness;
using CptKb.Bench.Search;
using CptKb.Core;
using CptKb.Core.Import;
using CptKb.Core.Samples;
using CptKb.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CptKb.Bench.Engines;

/// <summary>
/// SQLite and PostgreSQL side by side at each size of <c>--docs</c> (e.g. <c>--docs 10000,100000</c>): the same corpus
/// (generated into a temp folder per size and removed after) imported by CptKb's importer into a fresh store of each
/// engine, then the search bench's query set through CptKb's search service on each. PostgreSQL is a throwaway cluster
/// of the bench's own on loopback; SQLite is a file with the app's own settings.
/// </summary>
internal static class EnginesBench
{
    private static readonly KbDatabaseProvider[] Engines = [KbDatabaseProvider.Sqlite, KbDatabaseProvider.PostgreSQL];

    private sealed record EngineFigures(
        int Documents, KbDatabaseProvider Engine, double ImportSeconds, long PeakBytes, long StoreBytes, double P50, double P95, double P99, EngineResult Search);

    public static async Task<BenchResult> RunAsync(BenchOptions options, TextWriter output)
    {
        var work = Path.Combine(options.OutFolder, "tmp", "engines");
        if (Directory.Exists(work))
            Directory.Delete(work, recursive: true);
        Directory.CreateDirectory(work);
        var generator = new CorpusGenerator(options.Seed);
        var queries = BenchQueries.For(generator);
        var (iterations, warmups) = options.Quick ? (2, 1) : (10, 2);
        var measured = new List<EngineFigures>();
        var notes = new List<string>();
        try
        {
            await using var postgres = await ThrowawayPostgreSql.StartAsync();
            output.WriteLine($"  PostgreSQL 15 on 127.0.0.1:{postgres.Port}: {postgres.SettingsText}; SQLite: WAL, synchronous=NORMAL (the app's settings)");

            // JIT, both engines' first-use costs and the cluster's first database are not charged to the first size.
            var warm = Path.Combine(work, "warm-up");
            generator.WriteFolder(warm, 200);
            foreach (var engine in Engines)
            {
                var (_, _, services) = await ImportAsync(engine, postgres, Path.Combine(work, "warm-up.db"), "warm_up", warm);
                await services.DisposeAsync();
                await DropAsync(engine, postgres, Path.Combine(work, "warm-up.db"), "warm_up");
            }

            foreach (var size in options.Sizes)
            {
                var corpus = Path.Combine(work, $"corpus-{size}");
                var started = Stopwatch.GetTimestamp();
                var bytes = generator.WriteFolder(corpus, size);
                output.WriteLine($"  {size:N0} documents, {bytes / 1024.0 / 1024.0:0.0} MB written in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
                try
                {
                    foreach (var engine in Engines)
                    {
                        var database = $"engines_{size}";
                        var file = Path.Combine(work, $"engines-{size}.db");
                        var (seconds, peak, services) = await ImportAsync(engine, postgres, file, database, corpus);
                        await using (services)
                        {
                            var storeBytes = engine == KbDatabaseProvider.PostgreSQL ? await postgres.DatabaseBytesAsync(database) : SqliteBytes(file);
                            output.WriteLine($"  {size:N0} on {Name(engine)}: imported in {Format.Seconds(seconds)}; searching ...");
                            var search = await CptKbSearchRunner.RunAsync(services, queries, iterations, warmups);
                            var samples = search.AllSamples();
                            measured.Add(new EngineFigures(size, engine, seconds, peak, storeBytes,
                                Stats.PercentileOfSorted(samples, 50), Stats.PercentileOfSorted(samples, 95), Stats.PercentileOfSorted(samples, 99),
                                search with { Engine = Name(engine) }));
                        }
                        await DropAsync(engine, postgres, file, database);
                    }
                }
                finally
                {
                    Directory.Delete(corpus, recursive: true);
                }
            }
            notes.Add($"PostgreSQL 15, a throwaway cluster on loopback: {postgres.SettingsText}, every other setting its default (shared_buffers 128 MB, work_mem 4 MB); " +
                      "SQLite with the app's settings (WAL, synchronous=NORMAL: no fsync per commit either, a checkpoint's fsync only). " +
                      "Durability differs: both lose only the last commits on a power loss, but PostgreSQL without fsync may also lose older ones; on a server with fsync on, its import would wait on the disk at each checkpoint");
        }
        finally
        {
            if (Directory.Exists(work))
                Directory.Delete(work, recursive: true);
        }

        var figures = new List<Figure>();
        foreach (var m in measured)
        {
            var other = measured.FirstOrDefault(o => o.Documents == m.Documents && o.Engine != m.Engine);
            var importTarget = ImportTargetSeconds(m.Documents);
            var p95Target = m.Documents > 10_000 ? SearchBench.TargetP95Ms100k : SearchBench.TargetP95Ms10k;
            figures.Add(new Figure("engines", $"{m.Documents:N0} docs, {Name(m.Engine)}: import into a fresh store",
                $"{Format.Seconds(m.ImportSeconds)} ({Format.Rate(m.Documents / m.ImportSeconds, "docs")})",
                other is null ? null : $"{Name(other.Engine)}: {Format.Seconds(other.ImportSeconds)}",
                other is null ? null : Format.Ratio(m.ImportSeconds, other.ImportSeconds),
                importTarget is null ? null : $"<= {importTarget:0.#} s", importTarget is null ? null : m.ImportSeconds <= importTarget));
            figures.Add(new Figure("engines", $"{m.Documents:N0} docs, {Name(m.Engine)}: store size; bench process peak working set during the import",
                $"{ProcessMemory.Megabytes(m.StoreBytes)}; {ProcessMemory.Megabytes(m.PeakBytes)}"));
            figures.Add(new Figure("engines", $"{m.Documents:N0} docs, {Name(m.Engine)}: search, {queries.Count} queries x {iterations} runs, p50 / p95 / p99",
                $"{Format.Ms(m.P50)} / {Format.Ms(m.P95)} / {Format.Ms(m.P99)}",
                other is null ? null : $"{Name(other.Engine)}: {Format.Ms(other.P50)} / {Format.Ms(other.P95)} / {Format.Ms(other.P99)}",
                other is null ? null : $"{Format.Ratio(m.P95, other.P95)} at p95",
                $"p95 <= {p95Target} ms, p99 < {SearchBench.TargetP99Ms} ms", m.P95 <= p95Target && m.P99 < SearchBench.TargetP99Ms));
        }
        foreach (var size in measured.Select(m => m.Documents).Distinct())
        {
            foreach (var kind in queries.Select(q => q.Kind).Distinct())
            {
                var parts = measured.Where(m => m.Documents == size).Select(m =>
                {
                    var s = m.Search.Queries.Where(q => q.Kind == kind).SelectMany(q => q.Milliseconds).Order().ToArray();
                    return $"{Name(m.Engine)} {Format.Ms(Stats.PercentileOfSorted(s, 50))} / {Format.Ms(Stats.PercentileOfSorted(s, 95))}";
                });
                notes.Add($"{size:N0}, {kind} (p50 / p95): {string.Join("; ", parts)}");
            }
            var differing = Differing(measured.Where(m => m.Documents == size).ToList());
            if (differing.Count > 0)
                notes.Add($"{size:N0}: queries whose number of articles found differs between the engines: {string.Join(", ", differing)}");
        }
        notes.Add($"each size: the corpus generated into a temp folder, imported once per engine into a fresh store (migrations not timed, a 200-document import on each engine first as a warm-up), " +
                  $"then the search set round by round ({warmups} warm-up round{(warmups == 1 ? "" : "s")}); the corpus and both stores removed after");
        output.WriteLine(SideBySide(measured));
        return new BenchResult("engines", figures, notes, new
        {
            sizes = options.Sizes,
            iterations,
            warmups,
            measured = measured.Select(m => new
            {
                documents = m.Documents,
                engine = Name(m.Engine),
                importSeconds = m.ImportSeconds,
                peakWorkingSetBytes = m.PeakBytes,
                storeBytes = m.StoreBytes,
                searchP50Ms = m.P50,
                searchP95Ms = m.P95,
                searchP99Ms = m.P99,
                queries = m.Search.Queries,
            }),
        });
    }

    private static string Name(KbDatabaseProvider engine) => engine == KbDatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL";

    /// <summary>The import targets of the import bench: 4 s at 10,000 and 60 s at 100,000, scaled between.</summary>
    private static double? ImportTargetSeconds(int n) => n switch
    {
        <= 10_000 => 4.0 * n / 10_000,
        <= 100_000 => 60.0 * n / 100_000,
        _ => null,
    };

    private static List<string> Differing(List<EngineFigures> both)
    {
        if (both.Count != 2)
            return [];
        return [.. both[0].Search.Queries.Zip(both[1].Search.Queries)
            .Where(pair => pair.First.Hits != pair.Second.Hits)
            .Select(pair => $"{pair.First.Query} ({pair.First.Hits:N0} vs {pair.Second.Hits:N0})")];
    }

    /// <summary>The engines in columns, one row per size and measure, for the console.</summary>
    private static string SideBySide(List<EngineFigures> measured)
    {
        var sb = new StringBuilder("\n| documents | measure | SQLite | PostgreSQL |\n|---|---|---|---|\n");
        foreach (var size in measured.Select(m => m.Documents).Distinct())
        {
            string Cell(KbDatabaseProvider engine, Func<EngineFigures, string> value) =>
                measured.FirstOrDefault(m => m.Documents == size && m.Engine == engine) is { } m ? value(m) : "";
            void Row(string measure, Func<EngineFigures, string> value) =>
                sb.Append($"| {size:N0} | {measure} | {Cell(KbDatabaseProvider.Sqlite, value)} | {Cell(KbDatabaseProvider.PostgreSQL, value)} |\n");
            Row("import", m => $"{Format.Seconds(m.ImportSeconds)} ({Format.Rate(m.Documents / m.ImportSeconds, "docs")})");
            Row("store size", m => ProcessMemory.Megabytes(m.StoreBytes));
            Row("search p50 / p95 / p99", m => $"{Format.Ms(m.P50)} / {Format.Ms(m.P95)} / {Format.Ms(m.P99)}");
        }
        return sb.ToString();
    }

    /// <summary>Imports a folder into a fresh store of the engine; the store's services are returned open.</summary>
    private static async Task<(double Seconds, long Peak, ServiceProvider Services)> ImportAsync(
        KbDatabaseProvider engine, ThrowawayPostgreSql postgres, string file, string database, string folder)
    {
        var connectionString = engine == KbDatabaseProvider.PostgreSQL ? postgres.ConnectionString(database) : $"Data Source={file}";
        var services = new ServiceCollection().AddCptKbCore(engine, connectionString).BuildServiceProvider();
        try
        {
            await services.GetRequiredService<KbDatabase>().InitializeAsync();
            var importer = services.GetRequiredService<Importer>();
            var n = Directory.EnumerateFiles(folder, "*.txt").Count();
            Rounds.Settle();
            ProcessMemory.ResetPeak();
            var started = Stopwatch.GetTimestamp();
            var report = await importer.ImportFolderAsync(folder);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var peak = ProcessMemory.ReadSelf().Peak;
            if (report.Status != ImportRunStatus.Succeeded || report.Imported != n || report.Failed != 0)
                throw new InvalidOperationException($"{Name(engine)} import of {folder}: {report.Status} {report.Error}; {report.Imported} imported, {report.Failed} failed of {n}");
            return (seconds, peak, services);
        }
        catch
        {
            await services.DisposeAsync();
            throw;
        }
    }

    private static async Task DropAsync(KbDatabaseProvider engine, ThrowawayPostgreSql postgres, string file, string database)
    {
        if (engine == KbDatabaseProvider.PostgreSQL)
            await postgres.DropDatabaseAsync(database);
        else
            DeleteSqlite(file);
    }

    private static long SqliteBytes(string file)
    {
        using (var connection = new SqliteConnection($"Data Source={file}"))
        {
            connection.Open();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();
        return new FileInfo(file).Length;
    }

    private static void DeleteSqlite(string file)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", ".lock" })
            File.Delete(file + suffix);
    }
}
