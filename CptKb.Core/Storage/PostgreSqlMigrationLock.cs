using System.Diagnostics;
using Npgsql;

namespace CptKb.Core.Storage;

/// <summary>
/// PostgreSQL's counterpart of <see cref="MigrationLock"/>: a session-level advisory lock, held on a connection of its own
/// while one CptKb node applies migrations to a shared database. The server drops it when that connection ends, so a node
/// killed while migrating leaves nothing behind.
/// </summary>
internal sealed class PostgreSqlMigrationLock : IAsyncDisposable
{
    /// <summary>The lock's key, one 64-bit number per database: "CptKbMig" in ASCII.</summary>
    internal const long Key = 0x4370_744B_624D_6967;

    private readonly NpgsqlConnection connection;

    private PostgreSqlMigrationLock(NpgsqlConnection connection) => this.connection = connection;

    /// <summary>Takes the lock, trying every 100 ms for up to <paramref name="wait"/>.</summary>
    /// <exception cref="KbDatabaseException">Another session still held it after <paramref name="wait"/>; the message names it.</exception>
    public static async Task<PostgreSqlMigrationLock> AcquireAsync(string connectionString, string database, TimeSpan wait, CancellationToken cancellationToken)
    {
        // Not pooled: the lock belongs to the session, which must end with this object whatever happens.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            var waited = Stopwatch.StartNew();
            while (!await TryLockAsync(connection, cancellationToken))
            {
                if (waited.Elapsed >= wait)
                    throw new KbDatabaseException(
                        $"The PostgreSQL database {database} cannot be made ready: another CptKb process ({await HolderAsync(connection, cancellationToken)}) " +
                        $"is applying migrations to it, and this one waited {wait.TotalSeconds:0.#} s ({KbDatabaseOptions.SectionName}:LockWaitSeconds) " +
                        "for it to finish. Let that process finish starting, or stop it, then start this one again. The lock ends with " +
                        "that process's connection, so there is nothing to delete by hand.");
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
            return new PostgreSqlMigrationLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key);", connection);
        command.Parameters.AddWithValue("key", Key);
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    /// <summary>Who holds the lock, as the server knows the session: its process id, client address and application name.</summary>
    private static async Task<string> HolderAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT a.pid, COALESCE(host(a.client_addr), 'local socket'), a.application_name FROM pg_locks l " +
            "JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 " +
            "AND ((l.classid::bigint << 32) | l.objid::bigint) = @key LIMIT 1;", connection);
        command.Parameters.AddWithValue("key", Key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return "it has just let go";
        var application = reader.GetString(2);
        return $"server process {reader.GetInt32(0)}, connected from {reader.GetString(1)}" + (application.Length > 0 ? $" as '{application}'" : "");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key);", connection);
            command.Parameters.AddWithValue("key", Key);
            await command.ExecuteScalarAsync();
        }
        catch (NpgsqlException)
        {
            // The connection is gone, and the lock with it.
        }
        await connection.DisposeAsync();
    }
}
