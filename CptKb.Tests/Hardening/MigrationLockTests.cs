using System.Diagnostics;
using CptKb.Tests.TestSupport;
using CptKb.Web.Commands;
using CptKb.Web.Hosting;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace CptKb.Tests.Hardening;

/// <summary>
/// The import command and the app killed (SIGKILL) while they apply the database migrations, and a stale migration lock
/// left in the database: the next start goes on. A live process holding the migration lock stops a second one with a
/// message, within the configured wait.
/// </summary>
[Collection(AppProcessesCollection.Name)]
public sealed class MigrationLockTests(ITestOutputHelper output) : IDisposable
{
    // EF Core's SQLite migrator takes this row while it migrates (SqliteHistoryRepository.DefaultLockTableName, Id 1).
    private const string InsertStaleLock = "INSERT INTO \"__EFMigrationsLock\" (\"Id\", \"Timestamp\") VALUES (1, '2026-11-30 08:00:00+00:00')";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "cptkb-tests", "miglock-" + Guid.NewGuid().ToString("N"));

    private string Seeds => Path.Combine(_root, "seeds");

    private static string Connection(string database) => $"--ConnectionStrings:Kb=Data Source={database}";

    private KbProcess StartImport(string database) => KbProcess.Start(["import", "--source", Seeds, Connection(database)]);

    [Fact]
    public async Task A_stale_migration_lock_is_removed_with_a_warning_and_the_import_and_the_app_start()
    {
        GeneratedCorpus.Write(Seeds, 3);
        var database = Path.Combine(_root, "kb.db");
        await StoredFile.ImportAsync(Seeds, database);
        Execute(database, InsertStaleLock);

        await using (var import = StartImport(database))
        {
            Assert.True(await ExitCodeAsync(import) == ExitCodes.Ok, import.Log);
            Assert.Contains("0 imported, 0 updated, 3 unchanged, 0 failed", import.Log);
            var warning = Assert.Single(import.Log.Split('\n'), l => l.Contains("stale", StringComparison.Ordinal));
            Assert.StartsWith("warning: ", warning);
            Assert.Contains(database, warning);
            Assert.Contains("stopped", warning);
        }
        Assert.Equal(0, LockRows(database, afterKill: true));

        Execute(database, InsertStaleLock);
        await using var app = await LiveApp.StartAsync(new LiveAppOptions { DatabasePath = database, SeedsFolder = Seeds });
        await app.StopAsync();
        Assert.Contains("warn: CptKb.Core.Storage.KbDatabase", app.Log);
        Assert.Contains($"'{database}' held a stale migration lock left by a process that stopped while applying migrations; it was removed", app.Log);
    }

    [Fact]
    public async Task Killing_the_import_command_or_the_app_during_start_up_never_blocks_the_next_start()
    {
        GeneratedCorpus.Write(Seeds, 3);
        var clock = Stopwatch.StartNew();
        var staleLocks = 0;
        var lockSeenAt = new List<long>();

        // First a kill the moment the migrator has taken its lock, which also shows when in the start-up that is on this
        // machine; then kills spread from a tenth of that time to twice it, each on a new database.
        double[] spread = [0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 2.0];
        for (var i = 0; i <= spread.Length; i++)
        {
            int? delay = i == 0 ? null : (int)(spread[i - 1] * (lockSeenAt.Count > 0 ? lockSeenAt[0] : 1000));
            var database = Path.Combine(_root, $"import-{i}.db");
            var started = Stopwatch.StartNew();
            await using (var killed = StartImport(database))
            {
                if (await KillAsync(killed, database, delay))
                    lockSeenAt.Add(started.ElapsedMilliseconds);
            }
            staleLocks += LockRows(database, afterKill: true);

            await using var next = StartImport(database);
            var exit = await ExitCodeAsync(next);
            Assert.True(exit == ExitCodes.Ok, $"after a kill at {(delay is { } ms ? $"{ms} ms" : "the lock")}: exit {exit}\n{next.Log}");
            Assert.Equal(3, StoredFile.Query(database, "SELECT COUNT(*) FROM Articles", r => r.GetInt32(0)).Single());
        }

        // The app: at its lock, then a little after the moment it took it.
        for (var i = 0; i < 2; i++)
        {
            int? delay = i == 0 ? null : (int)(1.1 * (lockSeenAt.Count > 0 ? lockSeenAt[^1] : 1000));
            var database = Path.Combine(_root, $"app-{i}.db");
            var options = new LiveAppOptions { DatabasePath = database, SeedsFolder = Seeds };
            var started = Stopwatch.StartNew();
            await using (var killed = KbProcess.Start(["--urls", "http://127.0.0.1:0", "--contentRoot", KbProcess.WebOutputFolder(), Connection(database), $"--Kb:SeedsPath={Seeds}"]))
            {
                if (await KillAsync(killed, database, delay))
                    lockSeenAt.Add(started.ElapsedMilliseconds);
            }
            staleLocks += LockRows(database, afterKill: true);

            await using var app = await LiveApp.StartAsync(options);
            using var client = app.CreateClient();
            Assert.Contains(GeneratedCorpus.Title(2, "first"), await client.GetStringAsync($"/codes/{GeneratedCorpus.Code(2)}"));
        }
        output.WriteLine($"{spread.Length + 3} kills, {staleLocks} of them left a stale migration lock; {clock.Elapsed.TotalSeconds:0} s in all; " +
            $"the migrator's lock was seen {string.Join(", ", lockSeenAt)} ms after start (the command first, then the app)");
    }

    [Fact]
    public async Task A_process_holding_the_migration_lock_stops_the_import_command_within_the_wait_with_a_message()
    {
        GeneratedCorpus.Write(Seeds, 1);
        var database = Path.Combine(_root, "data", "kb.db");
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        // Any process with the side file open this way stands for a CptKb process applying migrations.
        await using var held = new FileStream(database + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        await using var import = KbProcess.Start(["import", "--source", Seeds, Connection(database), "--Kb:Database:LockWaitSeconds=2"]);
        var exit = await ExitCodeAsync(import);

        Assert.True(exit == ExitCodes.RunFailed, import.Log);
        var error = Assert.Single(import.Log.Split('\n'), l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.Contains($"'{database}'", error);
        Assert.Contains("another CptKb process is applying migrations to it", error);
        Assert.Contains("waited 2 s", error);
        Assert.False(File.Exists(database), "nothing was written to the database");
    }

    /// <summary>The exit code, or -1 when the process is still running after a minute (it hangs).</summary>
    private static async Task<int> ExitCodeAsync(KbProcess process)
    {
        try
        {
            return await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        }
        catch (OperationCanceledException)
        {
            return -1;
        }
    }

    /// <summary>
    /// SIGKILL after <paramref name="delay"/> ms, or, when null, as soon as the migrator's lock row is in the file;
    /// true when it was killed holding that row.
    /// </summary>
    private static async Task<bool> KillAsync(KbProcess process, string database, int? delay)
    {
        var seen = false;
        if (delay is { } ms)
            await Task.Delay(ms);
        else
            seen = await Task.Factory.StartNew(() => WaitForLockRow(process, database), TaskCreationOptions.LongRunning);
        await process.KillAsync();
        return seen;
    }

    // The row stands for a fraction of a second: polled on a thread of its own, so a busy machine does not hide it.
    private static bool WaitForLockRow(KbProcess process, string database)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!process.HasExited && DateTime.UtcNow < deadline)
        {
            if (LockRows(database) > 0)
                return true;
            Thread.Sleep(1);
        }
        return false;
    }

    /// <summary>
    /// Rows in the migrator's lock table; 0 when the file or the table does not exist yet, or cannot be read this instant.
    /// Read-only while the process runs; after a kill, read-write, so the journal of its interrupted transaction is rolled
    /// back first, as the next process would.
    /// </summary>
    private static int LockRows(string database, bool afterKill = false)
    {
        if (!File.Exists(database))
            return 0;
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = afterKill ? SqliteOpenMode.ReadWrite : SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE name = '__EFMigrationsLock'";
            if ((long)(command.ExecuteScalar() ?? 0L) == 0)
                return 0;
            command.CommandText = "SELECT COUNT(*) FROM \"__EFMigrationsLock\"";
            return (int)(long)(command.ExecuteScalar() ?? 0L);
        }
        catch (SqliteException)
        {
            // Busy or half-made while the other process writes it.
            return 0;
        }
    }

    private static void Execute(string database, string sql)
    {
        using var connection = StoredFile.Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }
}
