using CptKb.Core.Storage;
using Microsoft.Extensions.Logging;

namespace CptKb.Core.Import;

/// <summary>How a <see cref="FolderWatch"/> waits before it imports.</summary>
public sealed record FolderWatchTimings
{
    /// <summary>How long the folder must be quiet (no file event) before a burst of writes is imported, as one run.</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a changed file's size and modification time must stay the same before it is imported.</summary>
    public TimeSpan StableFor { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long a file that keeps changing is waited for before the folder is imported anyway (the importer then leaves
    /// out a file written to while it is read, and the next event brings it back).
    /// </summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the whole folder is imported again even without events (events are lost on network shares).</summary>
    public TimeSpan Rescan { get; init; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Keeps the knowledge base in step with a folder while the app runs: file-system events, debounced, and a periodic full
/// rescan each start an import through the one <see cref="Importer"/> (which runs one import at a time; readers are never
/// blocked, SQLite's WAL lets them read while it writes). A changed file is imported once its size and modification time
/// have stopped changing. Runs that change nothing are not kept (<see cref="Importer.ImportChangesAsync"/>).
/// </summary>
public sealed class FolderWatch : IDisposable
{
    private readonly string folder;
    private readonly Importer importer;
    private readonly FolderWatchTimings timings;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly Lock gate = new();
    private readonly SemaphoreSlim wake = new(0, 1);
    private readonly HashSet<string> changedPaths = new(StringComparer.Ordinal);
    private FileSystemWatcher? watcher;
    private long lastEventTicks;
    private bool rescanNow;

    /// <summary>A watch over <paramref name="folder"/>; nothing happens until <see cref="Start"/> and <see cref="RunAsync"/>.</summary>
    public FolderWatch(string folder, Importer importer, FolderWatchTimings timings, TimeProvider clock, ILogger logger)
    {
        this.folder = Path.GetFullPath(folder);
        this.importer = importer;
        this.timings = timings;
        this.clock = clock;
        this.logger = logger;
    }

    /// <summary>Called after each import the watch started, with its report (null when the run changed nothing and was not kept).</summary>
    public event Action<ImportRunReport?>? Imported;

    /// <summary>
    /// Starts listening to file-system events (collected until <see cref="RunAsync"/> imports them). Returns false, and
    /// logs why, when the folder cannot be watched (missing, unreadable, too many watches); the rescans still run.
    /// </summary>
    public bool Start()
    {
        try
        {
            var fileWatcher = new FileSystemWatcher(folder)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
                InternalBufferSize = 64 * 1024,
            };
            fileWatcher.Changed += (_, e) => OnEvent(e.FullPath);
            fileWatcher.Created += (_, e) => OnEvent(e.FullPath);
            fileWatcher.Deleted += (_, e) => OnEvent(e.FullPath);
            fileWatcher.Renamed += (_, e) =>
            {
                OnEvent(e.OldFullPath);
                OnEvent(e.FullPath);
            };
            // Events were lost (the buffer overflowed): only a full import is sure to see everything.
            fileWatcher.Error += (_, e) =>
            {
                logger.LogWarning("Watching {Folder} lost events ({Error}); the folder is imported again whole",
                    PrintableText.Escape(folder), PrintableText.Escape(e.GetException().Message));
                lock (gate) rescanNow = true;
                Wake();
            };
            fileWatcher.EnableRaisingEvents = true;
            watcher = fileWatcher;
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            logger.LogWarning("{Folder} cannot be watched ({Error}); it is imported again every {Seconds} s",
                PrintableText.Escape(folder), PrintableText.Escape(ex.Message), timings.Rescan.TotalSeconds);
            return false;
        }
    }

    /// <summary>Has the next round of <see cref="RunAsync"/> import the folder whole (after a time nothing watched it).</summary>
    public void RescanNow()
    {
        lock (gate) rescanNow = true;
        Wake();
    }

    /// <summary>Imports what changes until <paramref name="cancellationToken"/> ends; a failing import is logged and the watch goes on.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var nextRescan = clock.GetUtcNow() + timings.Rescan;
        while (!cancellationToken.IsCancellationRequested)
        {
            var untilRescan = nextRescan - clock.GetUtcNow();
            if (untilRescan > TimeSpan.Zero && !HasWork())
            {
                try
                {
                    await wake.WaitAsync(untilRescan, cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
            }

            try
            {
                var fullRescan = clock.GetUtcNow() >= nextRescan || TakeRescanNow();
                if (!fullRescan)
                {
                    if (!HasWork())
                        continue;
                    await SettleAsync(cancellationToken);
                }
                ClearChangedPaths();
                var report = await importer.ImportChangesAsync(folder, cancellationToken);
                nextRescan = clock.GetUtcNow() + timings.Rescan;
                Log(report);
                Imported?.Invoke(report);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError("Importing the watched folder {Folder} failed: {Error}", PrintableText.Escape(folder), PrintableText.Escape(ex));
                nextRescan = clock.GetUtcNow() + timings.Rescan;
            }
        }
    }

    private void OnEvent(string path)
    {
        if (!Concerns(path))
            return;
        lock (gate)
        {
            changedPaths.Add(path);
            lastEventTicks = clock.GetTimestamp();
        }
        Wake();
    }

    // Publications are *.txt and *.md; a folder's own events (created, renamed, deleted) can move many of them. Other
    // files (an editor's swap and backup files) are not worth an import.
    private static bool Concerns(string path)
    {
        var name = Path.GetFileName(path);
        if (name.StartsWith('.'))
            return false;
        var extension = Path.GetExtension(name);
        return extension.Equals(".txt", StringComparison.OrdinalIgnoreCase)
            || extension.Equals(".md", StringComparison.OrdinalIgnoreCase)
            || extension.Length == 0;
    }

    private void Wake()
    {
        lock (gate)
        {
            if (wake.CurrentCount == 0)
                wake.Release();
        }
    }

    private bool HasWork()
    {
        lock (gate) return changedPaths.Count > 0 || rescanNow;
    }

    private bool TakeRescanNow()
    {
        lock (gate)
        {
            var now = rescanNow;
            rescanNow = false;
            return now;
        }
    }

    // The import about to run reads the whole folder: the paths heard so far are in it.
    private void ClearChangedPaths()
    {
        lock (gate) changedPaths.Clear();
    }

    /// <summary>Waits until no event came for <see cref="FolderWatchTimings.Debounce"/> and the changed files have stopped changing.</summary>
    private async Task SettleAsync(CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        while (clock.GetElapsedTime(started) < timings.MaxWait)
        {
            TimeSpan quiet;
            lock (gate) quiet = timings.Debounce - clock.GetElapsedTime(lastEventTicks);
            if (quiet > TimeSpan.Zero)
            {
                await Task.Delay(quiet, clock, cancellationToken);
                continue;
            }
            List<string> paths;
            lock (gate) paths = [.. changedPaths];
            var before = Snapshot(paths);
            await Task.Delay(timings.StableFor, clock, cancellationToken);
            bool newEvents;
            lock (gate) newEvents = clock.GetElapsedTime(lastEventTicks) < timings.StableFor;
            if (!newEvents && before.SequenceEqual(Snapshot(paths)))
                return;
        }
        logger.LogInformation("Files in {Folder} kept changing for {Seconds} s; importing what is stable now",
            PrintableText.Escape(folder), timings.MaxWait.TotalSeconds);
    }

    private static List<(long Length, DateTime Written)> Snapshot(List<string> paths) =>
        [.. paths.Select(path =>
        {
            try
            {
                var file = new FileInfo(path);
                return file.Exists ? (file.Length, file.LastWriteTimeUtc) : (-1L, DateTime.MinValue);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return (-2L, DateTime.MinValue);
            }
        })];

    private void Log(ImportRunReport? report)
    {
        if (report is null)
        {
            logger.LogDebug("The watched folder {Folder} was read again; nothing had changed", PrintableText.Escape(folder));
            return;
        }
        foreach (var file in report.Files.Where(f => f.Status is ImportFileStatus.Failed))
            logger.LogWarning("{File} failed to import: {Messages}", PrintableText.Escape(file.FileName), PrintableText.Escape(string.Join("; ", file.Messages)));
        if (report.Error is not null)
        {
            logger.LogWarning("Importing the watched folder failed: {Error}", PrintableText.Escape(report.Error));
            return;
        }
        logger.LogInformation(
            "Watched folder imported: {Imported} imported, {Updated} updated, {Withdrawn} withdrawn, {Restored} restored, {Failed} failed",
            report.Imported, report.Updated, report.Withdrawn, report.Restored, report.Failed);
    }

    /// <summary>Stops listening to file-system events.</summary>
    public void Dispose()
    {
        watcher?.Dispose();
        wake.Dispose();
    }
}
