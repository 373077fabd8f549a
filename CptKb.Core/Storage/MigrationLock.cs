using System.Diagnostics;
using System.Text;

namespace CptKb.Core.Storage;

/// <summary>
/// An exclusive lock, held by the operating system, on a side file next to the database (<c>kb.db</c> gets
/// <c>kb.db.lock</c>) for as long as one CptKb process applies migrations to it. EF Core's own lock is a row in the
/// database, which stays when its process is killed; this one goes with the process (on Linux and macOS .NET takes
/// <c>flock</c> for <see cref="FileShare.None"/>, which the kernel drops when the process dies), so holding it proves
/// that no live CptKb process is migrating.
/// </summary>
internal sealed class MigrationLock : IDisposable
{
    private readonly FileStream _file;

    private MigrationLock(FileStream file) => _file = file;

    /// <summary>The side file's path for a database file.</summary>
    public static string PathFor(string databaseFile) => databaseFile + ".lock";

    /// <summary>
    /// Takes the lock, waiting up to <paramref name="wait"/> for another process to let go of it. Null when the side file
    /// cannot be opened at all (no write access to the database's folder, a read-only file system): the database cannot
    /// be written then either, and SQLite says so in its own words.
    /// </summary>
    /// <exception cref="KbDatabaseException">Another process still held the lock after <paramref name="wait"/>.</exception>
    public static async Task<MigrationLock?> AcquireAsync(string databaseFile, TimeSpan wait, CancellationToken cancellationToken)
    {
        var path = PathFor(databaseFile);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            FileStream file;
            try
            {
                file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException ex) when (HeldByAnotherProcess(ex))
            {
                if (waited.Elapsed >= wait)
                    throw HeldTooLong(databaseFile, path, wait, ex);
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
                continue;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return null;
            }
            WriteHolder(file);
            return new MigrationLock(file);
        }
    }

    // Only for the operator: `cat kb.db.lock` tells which process holds it.
    private static void WriteHolder(FileStream file)
    {
        try
        {
            file.SetLength(0);
            file.Write(Encoding.ASCII.GetBytes($"{Environment.ProcessId}\n"));
            file.Flush();
        }
        catch (IOException)
        {
            // The lock is what matters, not its note (a full disk, for one).
        }
    }

    private static bool HeldByAnotherProcess(IOException ex) => ex.HResult switch
    {
        // .NET reports the errno of a refused flock(LOCK_NB): EWOULDBLOCK is 11 on Linux, 35 on macOS.
        11 when OperatingSystem.IsLinux() => true,
        35 when OperatingSystem.IsMacOS() => true,
        // Windows: ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION.
        unchecked((int)0x80070020) or unchecked((int)0x80070021) when OperatingSystem.IsWindows() => true,
        _ => false,
    };

    private static KbDatabaseException HeldTooLong(string databaseFile, string path, TimeSpan wait, IOException ex) => new(
        $"The database file '{databaseFile}' cannot be made ready: another CptKb process is applying migrations to it " +
        $"(the app or an import or reindex command using the same file; its process id is in '{path}'), " +
        $"and this one waited {wait.TotalSeconds:0.#} s ({KbDatabaseOptions.SectionName}:LockWaitSeconds) for it to finish. " +
        "Let that process finish starting, or stop it, then start this one again. The lock goes with its process, " +
        "so there is nothing to delete by hand.",
        ex);

    public void Dispose() => _file.Dispose();
}
