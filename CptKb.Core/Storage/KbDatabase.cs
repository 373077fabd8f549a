using CptKb.Core.Import;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CptKb.Core.Storage;

/// <summary>The database cannot be used: unreadable, read-only, damaged, or in a folder that cannot be made.</summary>
/// <param name="message">What is wrong, naming the file, and what to do about it.</param>
/// <param name="innerException">The error that showed it.</param>
public sealed class KbDatabaseException(string message, Exception? innerException = null) : Exception(message, innerException);

/// <summary>Makes the database ready at start-up: creates its folder, applies migrations, turns on WAL.</summary>
public sealed class KbDatabase(IDbContextFactory<KbDbContext> contexts)
{
    /// <summary>
    /// Creates the database file's folder when missing, applies pending migrations, stores
    /// <c>journal_mode=WAL</c> in the file, and marks runs left <see cref="ImportRunStatus.Running"/>
    /// by a stopped process as failed. Call once before serving requests.
    /// </summary>
    /// <exception cref="KbDatabaseException">The database file cannot be used; the message says why and what to do.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var file = DatabaseFile(db.Database.GetConnectionString());
        if (file is not null) PrepareFile(file);
        try
        {
            await db.Database.MigrateAsync(cancellationToken);
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA journal_mode=WAL;";
                await command.ExecuteScalarAsync(cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
            await db.ImportRuns.Where(r => r.Status == ImportRunStatus.Running).ExecuteUpdateAsync(set => set
                .SetProperty(r => r.Status, ImportRunStatus.Failed)
                .SetProperty(r => r.Error, "The application stopped before the import finished; nothing it changed was saved."),
                cancellationToken);
        }
        catch (Exception ex) when (FindSqliteError(ex) is { } sqlite)
        {
            throw Explain(file ?? "(in memory)", sqlite, ex);
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
