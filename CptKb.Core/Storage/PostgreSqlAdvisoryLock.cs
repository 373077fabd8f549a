using System.Diagnostics;
using Npgsql;

namespace CptKb.Core.Storage;

/// <summary>
/// A session-level PostgreSQL advisory lock held on a connection of its own, which nothing else uses: the server drops
/// the lock when that connection ends, so a node killed while holding it leaves nothing behind. The migration lock, the
/// import lock and the folder watcher's lease are each one of these, under keys of their own.
/// </summary>
internal sealed class PostgreSqlAdvisoryLock : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;
    private readonly long key;

    private PostgreSqlAdvisoryLock(NpgsqlConnection connection, long key)
    {
        this.connection = connection;
        this.key = key;
    }

    /// <summary>
    /// Takes the lock, trying every 100 ms for up to <paramref name="wait"/>. While another session holds it,
    /// <paramref name="waiting"/> is told once who that is.
    /// </summary>
    /// <param name="connectionString">The database's connection string; the lock's own connection is not pooled.</param>
    /// <param name="key">The lock's key.</param>
    /// <param name="wait">How long to keep trying.</param>
    /// <param name="waiting">Told who holds the lock when the first try fails; null to be told nothing.</param>
    /// <param name="timedOut">The exception to throw, given who still holds the lock, when <paramref name="wait"/> runs out.</param>
    /// <param name="cancellationToken">Stops the waiting.</param>
    public static async Task<PostgreSqlAdvisoryLock> AcquireAsync(
        string connectionString, long key, TimeSpan wait, Action<string>? waiting, Func<string, Exception> timedOut, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(connectionString, cancellationToken);
        try
        {
            var waited = Stopwatch.StartNew();
            var told = false;
            while (!await TryLockAsync(connection, key, cancellationToken))
            {
                if (!told && waiting is not null)
                {
                    waiting(await HolderAsync(connection, key, cancellationToken));
                    told = true;
                }
                if (waited.Elapsed >= wait)
                    throw timedOut(await HolderAsync(connection, key, cancellationToken));
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
            return new PostgreSqlAdvisoryLock(connection, key);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Takes the lock if no other session holds it; otherwise no lock and, in Holder, who does.</summary>
    public static async Task<(PostgreSqlAdvisoryLock? Lock, string? Holder)> TryAcquireAsync(string connectionString, long key, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(connectionString, cancellationToken);
        try
        {
            if (await TryLockAsync(connection, key, cancellationToken))
                return (new PostgreSqlAdvisoryLock(connection, key), null);
            var holder = await HolderAsync(connection, key, cancellationToken);
            await connection.DisposeAsync();
            return (null, holder);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Whether the lock's connection still answers; false once the server has lost it (and the lock with it).</summary>
    public async Task<bool> IsHeldAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT 1;", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            return false;
        }
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        // Not pooled: the lock belongs to the session, which must end with this object whatever happens.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, long key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key);", connection);
        command.Parameters.AddWithValue("key", key);
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    /// <summary>Who holds the lock, as the server knows the session: its application name (a CptKb node's name), client address and process id.</summary>
    private static async Task<string> HolderAsync(NpgsqlConnection connection, long key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT a.pid, COALESCE(host(a.client_addr), 'local socket'), a.application_name FROM pg_locks l " +
            "JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 " +
            "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) " +
            "AND ((l.classid::bigint << 32) | l.objid::bigint) = @key LIMIT 1;", connection);
        command.Parameters.AddWithValue("key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return "it has just let go";
        var application = reader.IsDBNull(2) ? "" : reader.GetString(2);
        return $"server process {reader.GetInt32(0)}, connected from {reader.GetString(1)}" + (application.Length > 0 ? $" as '{application}'" : "");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key);", connection);
            command.Parameters.AddWithValue("key", key);
            await command.ExecuteScalarAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            // The connection is gone, and the lock with it.
        }
        await connection.DisposeAsync();
    }
}
