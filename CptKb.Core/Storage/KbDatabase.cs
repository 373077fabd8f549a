using CptKb.Core.Import;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;
using Microsoft.Extensions.Options;

namespace CptKb.Core.Storage;

/// <summary>The database cannot be used: unreadable, read-only, damaged, in a folder that cannot be made, or kept busy by another process.</summary>
/// <param name="message">What is wrong, naming the file, and what to do about it.</param>
/// <param name="innerException">The error that showed it.</param>
public sealed class KbDatabaseException(string message, Exception? innerException = null) : Exception(message, innerException);

/// <summary>Makes the database ready at start-up: creates its folder, applies migrations, turns on WAL.</summary>
public sealed class KbDatabase(IDbContextFactory<KbDbContext> contexts, IOptions<KbDatabaseOptions> options, ILogger<KbDatabase> logger)
{
    /// <summary>
    /// The table where EF Core's SQLite migrator keeps its lock: it inserts row 1 before migrating, deletes it after, and
    /// while the row is there it waits a second and tries again, forever (SqliteHistoryRepository.LockTableName in EF Core 10).
    /// </summary>
    internal const string EfMigrationsLockTable = "__EFMigrationsLock";

    /// <summary>
    /// Creates the database file's folder when missing, applies pending migrations, stores
    /// <c>journal_mode=WAL</c> in the file, and marks runs left <see cref="ImportRunStatus.Running"/>
    /// by a stopped process as failed. Call once before serving requests.
    /// </summary>
    /// <remarks>
    /// For a database file, one process at a time migrates: each holds <c>&lt;file&gt;.lock</c> (an operating-system lock
    /// that ends with its process) meanwhile, and waits up to <see cref="KbDatabaseOptions.LockWaitSeconds"/> for it.
    /// Holding it, a row left in EF Core's lock table can only be a killed process's: it is removed, with a warning.
    /// </remarks>
    /// <exception cref="KbDatabaseException">The database file cannot be used; the message says why and what to do.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            await InitializePostgreSqlAsync(db, settings, cancellationToken);
            return;
        }
        var file = DatabaseFile(db.Database.GetConnectionString());
        if (file is not null) PrepareFile(file);
        var name = file ?? "(in memory)";
        using var migrationLock = file is null
            ? null
            : await MigrationLock.AcquireAsync(file, TimeSpan.FromSeconds(settings.LockWaitSeconds), cancellationToken);
        try
        {
            if (migrationLock is not null) await RemoveStaleLockAsync(db.Database.GetConnectionString(), name, cancellationToken);
            await MigrateAsync(db, name, TimeSpan.FromSeconds(settings.MigrationTimeoutSeconds), cancellationToken);
            await ExecuteAsync(db, "PRAGMA journal_mode=WAL;", cancellationToken);
            await FinishAsync(db, cancellationToken);
        }
        catch (Exception ex) when (FindSqliteError(ex) is { } sqlite)
        {
            throw Explain(name, sqlite, ex);
        }
    }

    /// <summary>What every engine does once its migrations are applied.</summary>
    private static async Task FinishAsync(KbDbContext db, CancellationToken cancellationToken)
    {
        await db.ImportRuns.Where(r => r.Status == ImportRunStatus.Running).ExecuteUpdateAsync(set => set
            .SetProperty(r => r.Status, ImportRunStatus.Failed)
            .SetProperty(r => r.Error, "The application stopped before the import finished; nothing it changed was saved."),
            cancellationToken);
        // A new, empty store is written by this version from its first row: nothing to rebuild later.
        if (!await db.SourceDocuments.AnyAsync(cancellationToken) && !await db.StoreInfo.AnyAsync(i => i.Key == StoreInfo.DerivedVersionKey, cancellationToken))
        {
            db.StoreInfo.Add(new StoreInfo { Key = StoreInfo.DerivedVersionKey, Value = StoreInfo.CurrentDerivedVersion });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>
    /// PostgreSQL: creates the database when the server has none of that name, then applies the migrations holding an
    /// advisory lock (<see cref="PostgreSqlMigrationLock"/>), so nodes that start together migrate one after the other.
    /// </summary>
    private static async Task InitializePostgreSqlAsync(KbDbContext db, KbDatabaseOptions settings, CancellationToken cancellationToken)
    {
        var connectionString = db.Database.GetConnectionString() ?? "";
        var name = PostgreSqlName(connectionString);
        try
        {
            var creator = db.GetService<IRelationalDatabaseCreator>();
            if (!await creator.ExistsAsync(cancellationToken))
            {
                try
                {
                    await creator.CreateAsync(cancellationToken);
                }
                catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
                {
                    // Another node made it first.
                }
            }
            await using var migrationLock = await PostgreSqlMigrationLock.AcquireAsync(
                connectionString, name, TimeSpan.FromSeconds(settings.LockWaitSeconds), cancellationToken);
            var timeout = TimeSpan.FromSeconds(settings.MigrationTimeoutSeconds);
            using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeoutSource.CancelAfter(timeout);
            try
            {
                await db.Database.MigrateAsync(timeoutSource.Token);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new KbDatabaseException(
                    $"Applying the migrations to the PostgreSQL database {name} did not finish within {timeout.TotalSeconds:0.#} s " +
                    $"({KbDatabaseOptions.SectionName}:MigrationTimeoutSeconds). Look for sessions holding locks on its tables " +
                    $"(pg_stat_activity), or raise {KbDatabaseOptions.SectionName}:MigrationTimeoutSeconds if they are only slow.",
                    ex);
            }
            await FinishAsync(db, cancellationToken);
        }
        catch (Exception ex) when (ex is not KbDatabaseException && FindPostgreSqlError(ex) is { } error)
        {
            throw new KbDatabaseException(
                $"The PostgreSQL database {name} (ConnectionStrings:Kb) cannot be used: {error.Message} " +
                "Check that the server runs and accepts connections from this machine, and the host, port, database, user and " +
                "password in ConnectionStrings:Kb.",
                ex);
        }
    }

    /// <summary>How a PostgreSQL connection string names its database in messages: host, port, database, never the password.</summary>
    internal static string PostgreSqlName(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"'{builder.Database}' on {builder.Host}:{builder.Port}";
    }

    private static NpgsqlException? FindPostgreSqlError(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is NpgsqlException npgsql) return npgsql;
        }
        return null;
    }

    /// <summary>Deletes EF Core's lock row; only called while holding the <see cref="MigrationLock"/>, so no live migrator owns it.</summary>
    private async Task RemoveStaleLockAsync(string? connectionString, string file, CancellationToken cancellationToken)
    {
        // A connection of its own: a file that is no database fails here as it would in the migrator, but without
        // EF Core logging a connection error beside the one message start-up gives for it.
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // A new database has no lock table yet; counting first leaves a database that needs no change unwritten.
        command.CommandText = $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{EfMigrationsLockTable}';";
        if (await command.ExecuteScalarAsync(cancellationToken) is 0L)
            return;
        command.CommandText = $"SELECT COUNT(*) FROM \"{EfMigrationsLockTable}\";";
        if (await command.ExecuteScalarAsync(cancellationToken) is 0L)
            return;
        command.CommandText = $"DELETE FROM \"{EfMigrationsLockTable}\";";
        await command.ExecuteNonQueryAsync(cancellationToken);
        logger.LogWarning(
            "The database file '{File}' held a stale migration lock left by a process that stopped while applying migrations; it was removed",
            file);
    }

    private static async Task MigrateAsync(KbDbContext db, string file, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // The backstop: whatever keeps the migrator waiting (a lock row of a process that takes no side lock, such as
        // `dotnet ef database update`), start-up ends with a message instead of hanging without a word.
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await db.Database.MigrateAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            var sql = $"DELETE FROM \"{EfMigrationsLockTable}\";";
            throw new KbDatabaseException(
                $"Applying the migrations to the database file '{file}' did not finish within {timeout.TotalSeconds:0.#} s " +
                $"({KbDatabaseOptions.SectionName}:MigrationTimeoutSeconds). Most likely they wait on a migration lock left in the " +
                "database by a process that was stopped while migrating. Stop every process using this database, remove the lock " +
                $"with the SQL {sql} (for example: sqlite3 '{file}' '{sql}') and start again. If the migrations are only slow " +
                $"on a large database, raise {KbDatabaseOptions.SectionName}:MigrationTimeoutSeconds.",
                ex);
        }
    }

    private static async Task<object?> ExecuteAsync(KbDbContext db, string sql, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            return await command.ExecuteScalarAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The full path of the database file, or null for an in-memory database.</summary>
    internal static string? DatabaseFile(string? connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:") return null;
        return Path.GetFullPath(builder.DataSource);
    }

    private static void PrepareFile(string file)
    {
        var folder = Path.GetDirectoryName(file);
        if (folder is not null && !Directory.Exists(folder))
        {
            try
            {
                Directory.CreateDirectory(folder);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new KbDatabaseException(
                    $"The database file '{file}' cannot be created: its folder '{folder}' is missing and cannot be made ({ex.Message}). " +
                    "Create the folder, or point the connection string at a folder this process can write to.", ex);
            }
        }
        if (File.Exists(file) && File.GetAttributes(file).HasFlag(FileAttributes.ReadOnly))
        {
            throw new KbDatabaseException(
                $"The database file '{file}' is read-only. Make it writable by this process, or point the connection string at a writable file.");
        }
    }

    private static SqliteException? FindSqliteError(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is SqliteException sqlite) return sqlite;
        }
        return null;
    }

    // SQLite primary result codes: https://www.sqlite.org/rescode.html
    private const int SqlitePerm = 3, SqliteReadOnly = 8, SqliteIoErr = 10, SqliteCorrupt = 11, SqliteCantOpen = 14, SqliteNotADb = 26;

    private static KbDatabaseException Explain(string file, SqliteException sqlite, Exception ex)
    {
        var reason = $"(SQLite: {sqlite.Message})";
        var message = (sqlite.SqliteErrorCode & 0xFF) switch
        {
            SqliteNotADb or SqliteCorrupt =>
                $"The database file '{file}' is not a CptKb database or is damaged {reason}. " +
                "Move it aside (or restore a backup) and start again: a new, empty database will be created and the publications can be imported again.",
            SqliteReadOnly =>
                $"The database file '{file}' is read-only {reason}. " +
                "Make the file and its folder writable by this process, or point the connection string at a writable file.",
            SqlitePerm or SqliteCantOpen or SqliteIoErr =>
                $"The database file '{file}' cannot be opened {reason}. " +
                "Check that the file and its folder exist and that this process may read and write them.",
            _ => $"The database file '{file}' cannot be made ready {reason}.",
        };
        return new KbDatabaseException(message, ex);
    }
}
