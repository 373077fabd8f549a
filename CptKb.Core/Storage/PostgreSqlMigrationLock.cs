namespace CptKb.Core.Storage;

/// <summary>
/// PostgreSQL's counterpart of <see cref="MigrationLock"/>: a <see cref="PostgreSqlAdvisoryLock"/> held while one CptKb
/// node applies migrations to a shared database. The server drops it when that connection ends, so a node killed while
/// migrating leaves nothing behind.
/// </summary>
internal static class PostgreSqlMigrationLock
{
    /// <summary>The lock's key, one 64-bit number per database: "CptKbMig" in ASCII.</summary>
    internal const long Key = 0x4370_744B_624D_6967;

    /// <summary>Takes the lock, trying every 100 ms for up to <paramref name="wait"/>.</summary>
    /// <exception cref="KbDatabaseException">Another session still held it after <paramref name="wait"/>; the message names it.</exception>
    public static Task<PostgreSqlAdvisoryLock> AcquireAsync(string connectionString, string database, TimeSpan wait, CancellationToken cancellationToken) =>
        PostgreSqlAdvisoryLock.AcquireAsync(connectionString, Key, wait, waiting: null, holder => new KbDatabaseException(
            $"The PostgreSQL database {database} cannot be made ready: another CptKb process ({holder}) " +
            $"is applying migrations to it, and this one waited {wait.TotalSeconds:0.#} s ({KbDatabaseOptions.SectionName}:LockWaitSeconds) " +
            "for it to finish. Let that process finish starting, or stop it, then start this one again. The lock ends with " +
            "that process's connection, so there is nothing to delete by hand."), cancellationToken);
}
