using CptKb.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CptKb.Core.Import;

/// <summary>
/// The right to watch the import folder, held by one node at a time among those sharing a PostgreSQL database: a
/// <see cref="PostgreSqlAdvisoryLock"/> under a key of its own, held for as long as the node watches. A node that stops or
/// dies lets it go with its connection, and another takes it at its next try. On SQLite (one process per database file)
/// it is always granted.
/// </summary>
public sealed class FolderWatchLease : IAsyncDisposable
{
    /// <summary>The lease's key: "CptKbWat" in ASCII.</summary>
    internal const long Key = 0x4370_744B_6257_6174;

    private readonly PostgreSqlAdvisoryLock? held;

    private FolderWatchLease(PostgreSqlAdvisoryLock? held) => this.held = held;

    /// <summary>
    /// Takes the lease when no other node holds it. Otherwise returns no lease and, as <c>Holder</c>, the node that holds
    /// it in plain words (its application name, address and server process).
    /// </summary>
    public static async Task<(FolderWatchLease? Lease, string? Holder)> TryTakeAsync(
        IDbContextFactory<KbDbContext> contexts, CancellationToken cancellationToken)
    {
        string connectionString;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (db is not PostgreSqlKbDbContext)
                return (new FolderWatchLease(null), null);
            connectionString = db.Database.GetConnectionString() ?? "";
        }
        var (taken, holder) = await PostgreSqlAdvisoryLock.TryAcquireAsync(connectionString, Key, cancellationToken);
        return taken is null ? (null, holder) : (new FolderWatchLease(taken), null);
    }

    /// <summary>Whether this node still holds the lease: false once the database has lost the lease's connection.</summary>
    public Task<bool> IsHeldAsync(CancellationToken cancellationToken) =>
        held?.IsHeldAsync(cancellationToken) ?? Task.FromResult(true);

    /// <summary>Lets the lease go.</summary>
    public async ValueTask DisposeAsync()
    {
        if (held is not null) await held.DisposeAsync();
    }
}
