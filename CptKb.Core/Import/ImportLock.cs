using CptKb.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CptKb.Core.Import;

/// <summary>
/// One import (or rebuild) at a time across every node on a PostgreSQL database: a <see cref="PostgreSqlAdvisoryLock"/>
/// under a key of its own, held for the whole run. On SQLite there is one process per database file, and the importer's
/// own one-run-at-a-time rule is enough.
/// </summary>
internal static class ImportLock
{
    /// <summary>The lock's key: "CptKbImp" in ASCII (the migration lock's is "CptKbMig").</summary>
    internal const long Key = 0x4370_744B_6249_6D70;

    /// <summary>
    /// Takes the lock on PostgreSQL, waiting up to <paramref name="wait"/> for another node's run; null on SQLite.
    /// <paramref name="waiting"/> is told who holds it when this run has to wait.
    /// </summary>
    /// <exception cref="ImportLockedException">Another node still held it after <paramref name="wait"/>; the message names it.</exception>
    public static async Task<IAsyncDisposable?> AcquireAsync(
        IDbContextFactory<KbDbContext> contexts, TimeSpan wait, Action<string> waiting, CancellationToken cancellationToken)
    {
        string connectionString;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (db is not PostgreSqlKbDbContext)
                return null;
            connectionString = db.Database.GetConnectionString() ?? "";
        }
        return await PostgreSqlAdvisoryLock.AcquireAsync(connectionString, Key, wait, waiting, holder => new ImportLockedException(
            $"Another import is running on this database, held by {holder}; this one waited {wait.TotalSeconds:0.#} s " +
            $"({FolderWalkLimits.SectionName}:LockWaitSeconds) for it to finish and stopped without changing anything. " +
            "Import again once that one has finished."), cancellationToken);
    }
}

/// <summary>
/// An import or rebuild could not start: another node's import held the database's import lock for longer than
/// <see cref="FolderWalkLimits.LockWaitSeconds"/>. The message names that node; nothing was changed.
/// </summary>
/// <param name="message">What happened, naming the node that holds the lock.</param>
public sealed class ImportLockedException(string message) : Exception(message);
