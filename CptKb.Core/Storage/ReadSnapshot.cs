using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CptKb.Core.Storage;

/// <summary>
/// One consistent view of the store for a read that takes several statements (an export reading a list, then each
/// batch's payers and modifiers): every statement on the context sees the store as it was at the first one, whatever an
/// import commits meanwhile. On SQLite it is a deferred transaction: it takes no lock a writer waits on (the database is
/// in WAL mode), it only keeps the snapshot its first read opened.
/// </summary>
public sealed class ReadSnapshot : IAsyncDisposable
{
    private readonly KbDbContext _db;
    private readonly DbTransaction _transaction;

    private ReadSnapshot(KbDbContext db, DbTransaction transaction) => (_db, _transaction) = (db, transaction);

    /// <summary>Opens <paramref name="db"/>'s connection and begins the snapshot on it; dispose it to end both.</summary>
    public static async Task<ReadSnapshot> BeginAsync(KbDbContext db, CancellationToken cancellationToken = default)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        // BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default) would take the write lock and hold up every import.
        var transaction = connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await db.Database.UseTransactionAsync(transaction, cancellationToken);
        return new ReadSnapshot(db, transaction);
    }

    /// <summary>Ends the snapshot (nothing was written: it is rolled back) and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await _db.Database.UseTransactionAsync(null);
        await _transaction.DisposeAsync();
        await _db.Database.CloseConnectionAsync();
    }
}
