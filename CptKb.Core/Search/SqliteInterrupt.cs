using Microsoft.Data.Sqlite;

namespace CptKb.Core.Search;

/// <summary>
/// Stops a running SQLite statement when a token is cancelled. Microsoft.Data.Sqlite checks a token only before a
/// statement and between rows (its <c>SqliteCommand.Cancel</c> does nothing), so one row that takes minutes to make
/// would go on after its search was abandoned; <c>sqlite3_interrupt</c> makes the statement fail with
/// <c>SQLITE_INTERRUPT</c> at its next step instead, and the connection stays usable.
/// </summary>
internal static class SqliteInterrupt
{
    /// <summary>
    /// Interrupts whatever runs on the connection when the token is cancelled, until the registration is disposed.
    /// Dispose it before the connection closes: disposing waits for a callback under way.
    /// </summary>
    public static CancellationTokenRegistration On(SqliteConnection connection, CancellationToken token) =>
        token.CanBeCanceled
            ? token.UnsafeRegister(static state =>
            {
                if (((SqliteConnection)state!).Handle is { } handle) SQLitePCL.raw.sqlite3_interrupt(handle);
            }, connection)
            : default;

    /// <summary>Whether the exception is a statement stopped by <see cref="On"/>.</summary>
    public static bool IsInterrupt(SqliteException exception) => exception.SqliteErrorCode == SQLitePCL.raw.SQLITE_INTERRUPT;
}
