using CptKb.Core.Import;
using CptKb.Core.Storage;
using Microsoft.Data.Sqlite;
using System.Reflection;
using CptKb.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace CptKb.Tests.Storage;

public sealed class KbDatabaseTests
{
    [Fact]
    public async Task Initializing_a_fresh_file_creates_its_folder_applies_the_migrations_and_turns_on_WAL()
    {
        await using var db = await TestDatabase.CreateAsync(initialize: false);
        Assert.False(Directory.Exists(Path.GetDirectoryName(db.DatabasePath)));

        await db.Database.InitializeAsync();
        await db.Database.InitializeAsync(); // a second start-up finds nothing to do

        Assert.True(File.Exists(db.DatabasePath));
        Assert.Empty(await db.QueryAsync(c => c.Database.GetPendingMigrationsAsync()));
        Assert.Contains(await db.QueryAsync(c => c.Database.GetAppliedMigrationsAsync()), m => m.EndsWith("_Initial", StringComparison.Ordinal));
        Assert.Equal("wal", await PragmaAsync(db.DatabasePath, "journal_mode"));
    }

    [Fact]
    public async Task Every_connection_of_the_context_uses_synchronous_normal_and_a_busy_timeout()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var context = await db.Contexts.CreateDbContextAsync();
        await context.Database.OpenConnectionAsync();

        var connection = context.Database.GetDbConnection();
        Assert.Equal(1L, await ScalarAsync(connection, "PRAGMA synchronous")); // 1 = NORMAL
        Assert.True(await ScalarAsync(connection, "PRAGMA busy_timeout") is long timeout && timeout >= 1000);
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_gives_an_error_naming_the_file_and_what_to_do()
    {
        await using var db = await TestDatabase.CreateAsync(initialize: false);
        Directory.CreateDirectory(Path.GetDirectoryName(db.DatabasePath) ?? db.Root);
        await File.WriteAllBytesAsync(db.DatabasePath, [.. Enumerable.Range(0, 8192).Select(i => (byte)(i * 7 % 251))]);

        var error = await Assert.ThrowsAsync<KbDatabaseException>(() => db.Database.InitializeAsync());

        Assert.Contains(db.DatabasePath, error.Message);
        Assert.Contains("is not a CptKb database or is damaged", error.Message);
        Assert.Contains("Move it aside", error.Message);
    }

    [Fact]
    public async Task A_database_folder_that_cannot_be_created_gives_an_error_naming_the_file()
    {
        var blocker = Path.Combine(Path.GetTempPath(), "cptkb-tests", $"blocker-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.GetDirectoryName(blocker) ?? ".");
        await File.WriteAllTextAsync(blocker, "a file where the data folder should be");
        var path = Path.Combine(blocker, "data", "kb.db");
        try
        {
            await using var db = await TestDatabase.CreateAsync(initialize: false, databasePath: path);

            var error = await Assert.ThrowsAsync<KbDatabaseException>(() => db.Database.InitializeAsync());

            Assert.Contains(path, error.Message);
            Assert.Contains("cannot be made", error.Message);
        }
        finally
        {
            File.Delete(blocker);
        }
    }

    [Fact]
    public async Task A_read_only_database_file_gives_an_error_naming_the_file()
    {
        await using var db = await TestDatabase.CreateAsync();
        SqliteConnection.ClearAllPools();
        File.SetAttributes(db.DatabasePath, FileAttributes.ReadOnly);
        try
        {
            var error = await Assert.ThrowsAsync<KbDatabaseException>(() => db.Database.InitializeAsync());

            Assert.Contains(db.DatabasePath, error.Message);
            Assert.Contains("read-only", error.Message);
        }
        finally
        {
            File.SetAttributes(db.DatabasePath, FileAttributes.Normal);
        }
    }

    [Fact]
    public async Task A_run_left_running_by_a_stopped_process_is_marked_failed_at_start_up()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using (var context = await db.Contexts.CreateDbContextAsync())
        {
            context.ImportRuns.Add(new ImportRun { SourceFolder = "/x", StartedAt = DateTimeOffset.UtcNow, Status = ImportRunStatus.Running });
            await context.SaveChangesAsync();
        }

        await db.Database.InitializeAsync();

        var run = await db.Runs.GetLatestAsync();
        Assert.Equal(ImportRunStatus.Failed, run?.Status);
        Assert.Contains("stopped before the import finished", run?.Error);
    }

    [Fact(Timeout = 60_000)]
    public async Task Migrations_kept_waiting_past_the_timeout_stop_with_a_message_giving_the_SQL_that_removes_the_lock()
    {
        // A shared in-memory database takes no side lock, so a lock row in it is left alone and keeps the migrator waiting.
        var connectionString = $"Data Source=lock-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
        await using var keepAlive = new SqliteConnection(connectionString);
        await keepAlive.OpenAsync();
        await using (var insert = keepAlive.CreateCommand())
        {
            insert.CommandText = $"""
                CREATE TABLE "{KbDatabase.EfMigrationsLockTable}" ("Id" INTEGER NOT NULL PRIMARY KEY, "Timestamp" TEXT NOT NULL);
                INSERT INTO "{KbDatabase.EfMigrationsLockTable}" VALUES (1, '2026-11-30 08:00:00+00:00');
                """;
            await insert.ExecuteNonQueryAsync();
        }
        await using var services = new ServiceCollection()
            .AddCptKbCore(connectionString)
            .Configure<KbDatabaseOptions>(o => o.MigrationTimeoutSeconds = 1)
            .BuildServiceProvider();

        var error = await Assert.ThrowsAsync<KbDatabaseException>(() => services.GetRequiredService<KbDatabase>().InitializeAsync());

        Assert.Contains("did not finish within 1 s (Kb:Database:MigrationTimeoutSeconds)", error.Message);
        Assert.Contains("DELETE FROM \"__EFMigrationsLock\";", error.Message);
    }

    [Fact]
    public async Task The_lock_table_is_the_one_EF_Cores_SQLite_migrator_uses()
    {
        await using var db = await TestDatabase.CreateAsync(initialize: false);
        await using var context = await db.Contexts.CreateDbContextAsync();
        var history = context.GetService<IHistoryRepository>();

        // EF Core 10 keeps the name in a protected property of its SQLite history repository.
        var name = history.GetType().GetProperty("LockTableName", BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(history);

        Assert.Equal(KbDatabase.EfMigrationsLockTable, name);
    }

    private static async Task<object?> PragmaAsync(string databasePath, string pragma)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath}");
        await connection.OpenAsync();
        return await ScalarAsync(connection, $"PRAGMA {pragma}");
    }

    private static async Task<object?> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
