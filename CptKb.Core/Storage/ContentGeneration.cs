using Microsoft.EntityFrameworkCore;

namespace CptKb.Core.Storage;

/// <summary>
/// A stamp of the stored articles, replaced in the same transaction as every change to them (an import's commit, a
/// rebuild, samples removed). What a process keeps in memory from the articles is checked against it, so a change made by
/// another process sharing the database (another node, an <c>import</c> command) is seen at the next read.
/// </summary>
internal static class ContentGeneration
{
    /// <summary>The stamp's key in <see cref="StoreInfo"/>.</summary>
    public const string Key = "content-generation";

    /// <summary>Replaces the stamp; call inside the transaction that changes articles.</summary>
    public static Task ChangeAsync(KbDbContext db, CancellationToken cancellationToken) =>
        // One statement that SQLite and PostgreSQL both read: no tracked entity, nothing else saved by it.
        db.Database.ExecuteSqlRawAsync(
            "INSERT INTO \"StoreInfo\" (\"Key\", \"Value\") VALUES ({0}, {1}) ON CONFLICT (\"Key\") DO UPDATE SET \"Value\" = excluded.\"Value\";",
            [Key, Guid.NewGuid().ToString("N")], cancellationToken);

    /// <summary>The current stamp; null before the first change.</summary>
    public static Task<string?> ReadAsync(KbDbContext db, CancellationToken cancellationToken) =>
        db.StoreInfo.AsNoTracking().Where(i => i.Key == Key).Select(i => i.Value).FirstOrDefaultAsync(cancellationToken);
}
