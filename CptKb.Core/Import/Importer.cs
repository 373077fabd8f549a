using CptKb.Core.Search;
using CptKb.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CptKb.Core.Import;

/// <summary>
/// Imports a folder of publications: every <c>*.txt</c> and <c>*.md</c> file below it becomes a stored article.
/// One run at a time; all of a run's changes are saved in one transaction or not at all.
/// </summary>
public sealed class Importer(
    IDbContextFactory<KbDbContext> contexts,
    ISearchIndex searchIndex,
    TimeProvider clock,
    IOptions<FolderWalkLimits> walkLimits,
    ArticleUpdates updates,
    ILogger<Importer> logger)
{
    /// <summary>Larger files are not publications (those are a few kilobytes) and are reported as failed unread.</summary>
    public const long MaxFileBytes = 16 * 1024 * 1024;

    private readonly SemaphoreSlim oneRunAtATime = new(1, 1);

    // In whole microseconds, the finest time PostgreSQL keeps: a run's times read back as they were reported, on either engine.
    private DateTimeOffset Now()
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }

    /// <summary>
    /// Imports the publication files <see cref="FolderWalk"/> finds below <paramref name="folder"/> (<c>*.txt</c> and
    /// <c>*.md</c> in any letter case; hidden files and folders are left out), in ordinal order of their relative paths.
    /// A file whose bytes match its stored latest revision is not parsed again; a file that fails is reported and the
    /// others go on. When two files hold the same code, the first in that order is kept. A file under another name with a
    /// stored code updates that article. An article whose file is gone, with no other file holding its code, is withdrawn
    /// (<see cref="ImportFileStatus.Withdrawn"/>: kept with its revisions, left out of lists and search); a file holding a
    /// withdrawn article's code restores it (<see cref="ImportFileStatus.Restored"/>). Once the run is committed, the
    /// changed articles are announced through <see cref="ArticleUpdates"/>. What the walk did not read (links not
    /// followed, folders too deep) is reported as <see cref="ImportFileStatus.Skipped"/>.
    /// </summary>
    /// <returns>
    /// The run's report. A missing or unreadable folder, one with more files than <see cref="FolderWalkLimits.MaxFiles"/>,
    /// or an error while storing, gives a run with status <see cref="ImportRunStatus.Failed"/> and no stored change;
    /// it does not throw.
    /// </returns>
    /// <exception cref="OperationCanceledException">The run was cancelled; nothing it changed was saved.</exception>
    public async Task<ImportRunReport> ImportFolderAsync(
        string folder, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        string? waitedFor = null;
        try
        {
            var report = await ExclusivelyAsync(() => RunAsync(folder, progress, cancellationToken, keepUnchangedRun: true), cancellationToken, holder =>
            {
                waitedFor = holder;
                progress?.Report(new ImportProgress(0, 0, null) { WaitingFor = holder });
            });
            return report with { WaitedFor = waitedFor };
        }
        catch (ImportLockedException ex)
        {
            return await SaveLockedOutRunAsync(folder, ex) with { WaitedFor = waitedFor };
        }
    }

    /// <summary>
    /// Imports like <see cref="ImportFolderAsync"/>, for a folder imported again and again (a watched folder): a run that
    /// changed no article and failed the same files for the same reasons as the last kept run is not kept, so rescans of
    /// an unchanged folder leave no run behind. Returns null for such a run.
    /// </summary>
    /// <exception cref="OperationCanceledException">The run was cancelled; nothing it changed was saved.</exception>
    public async Task<ImportRunReport?> ImportChangesAsync(string folder, CancellationToken cancellationToken = default)
    {
        string? waitedFor = null;
        try
        {
            var report = await ExclusivelyAsync(
                () => RunAsync(folder, null, cancellationToken, keepUnchangedRun: false), cancellationToken, holder => waitedFor = holder);
            return report.RunId == 0 ? null : report with { WaitedFor = waitedFor };
        }
        catch (ImportLockedException ex)
        {
            return await SaveLockedOutRunAsync(folder, ex) with { WaitedFor = waitedFor };
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> while no import runs, here or (on PostgreSQL) on another node sharing the database,
    /// and keeps imports waiting until it is done. <paramref name="waiting"/> is told which node holds the database's
    /// import lock when this run has to wait for it.
    /// </summary>
    /// <exception cref="ImportLockedException">Another node's import held the lock past <see cref="FolderWalkLimits.LockWaitSeconds"/>.</exception>
    internal async Task<T> ExclusivelyAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken, Action<string>? waiting = null)
    {
        await oneRunAtATime.WaitAsync(cancellationToken);
        try
        {
            // The run reads what is stored only once it holds the lock: it decides on the store as the other node left it.
            await using var acrossNodes = await ImportLock.AcquireAsync(
                contexts, TimeSpan.FromSeconds(walkLimits.Value.LockWaitSeconds), holder =>
                {
                    logger.LogWarning("Waiting for another import to finish: the database's import lock is held by {Holder}", PrintableText.Escape(holder));
                    waiting?.Invoke(holder);
                }, cancellationToken);
            return await work();
        }
        finally
        {
            oneRunAtATime.Release();
        }
    }

    private async Task<ImportRunReport> RunAsync(
        string folder, IProgress<ImportProgress>? progress, CancellationToken cancellationToken, bool keepUnchangedRun)
    {
        var root = FullPathOrSame(folder);
        var run = new ImportRun { SourceFolder = root, StartedAt = Now(), Status = ImportRunStatus.Running };
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            db.ImportRuns.Add(run);
            await db.SaveChangesAsync(cancellationToken);
        }

        var listing = FolderWalk.List(root, walkLimits.Value);
        if (listing.Error is { } error)
        {
            return await SaveFailedRunAsync(run, error);
        }

        var state = new RunState(run, listing);
        try
        {
            if (!await ImportFilesAsync(state, root, progress, keepUnchangedRun, cancellationToken))
            {
                await DiscardRunAsync(run);
                return run.ToReport() with { RunId = 0 };
            }
            var report = run.ToReport();
            updates.Announce(report);
            return report;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await SaveFailedRunAsync(run, "The import was cancelled; nothing it changed was saved.");
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError("Import of {Folder} failed at {File}: {Error}",
                PrintableText.Escape(root), PrintableText.Escape(state.CurrentFile ?? "-"), PrintableText.Escape(ex));
            var at = state.CurrentFile is { } file ? $" at {file}" : "";
            return await SaveFailedRunAsync(run, $"The import stopped{at}: {ex.Message} Nothing it changed was saved.");
        }
    }

    private static string FullPathOrSame(string folder)
    {
        try
        {
            return Path.GetFullPath(folder);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return folder;
        }
    }

    // Kept in the run history like any failed run, so the history says why this import did nothing.
    private async Task<ImportRunReport> SaveLockedOutRunAsync(string folder, ImportLockedException locked)
    {
        logger.LogWarning("{Error}", PrintableText.Escape(locked.Message));
        var run = new ImportRun { SourceFolder = FullPathOrSame(folder), StartedAt = Now(), Status = ImportRunStatus.Running };
        await using (var db = await contexts.CreateDbContextAsync(CancellationToken.None))
        {
            db.ImportRuns.Add(run);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        return await SaveFailedRunAsync(run, locked.Message);
    }

    private async Task<ImportRunReport> SaveFailedRunAsync(ImportRun run, string error)
    {
        // The content transaction is gone (rolled back or never begun): this is saved on its own,
        // and even when the caller has cancelled, so the run does not stay "Running".
        run.Status = ImportRunStatus.Failed;
        run.Error = error;
        run.FinishedAt = Now();
        run.ImportedCount = run.UpdatedCount = run.UnchangedCount = run.FailedCount = 0;
        run.Files = [];
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        await UpdateRunAsync(db, run, CancellationToken.None);
        return run.ToReport();
    }

    /// <summary>
    /// The engine's upkeep once <paramref name="articles"/> articles are written and committed (see
    /// <see cref="StoreEngine.UpkeepAsync"/>); a failure is logged as a warning, and what was written stands.
    /// </summary>
    internal static async Task UpkeepAsync(KbDbContext db, int articles, ILogger logger, CancellationToken cancellationToken)
    {
        if (await StoreEngine.UpkeepAsync(db, articles, cancellationToken) is { } error)
        {
            logger.LogWarning("The search index's upkeep after {Articles} articles were written did not run: {Error}. " +
                "Searches may be slow until the database's own upkeep (autovacuum) catches up", articles, PrintableText.Escape(error));
        }
    }

    private static Task UpdateRunAsync(KbDbContext db, ImportRun run, CancellationToken cancellationToken) =>
        db.ImportRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(set => set
            .SetProperty(r => r.Status, run.Status)
            .SetProperty(r => r.Error, run.Error)
            .SetProperty(r => r.FinishedAt, run.FinishedAt)
            .SetProperty(r => r.ImportedCount, run.ImportedCount)
            .SetProperty(r => r.UpdatedCount, run.UpdatedCount)
            .SetProperty(r => r.UnchangedCount, run.UnchangedCount)
            .SetProperty(r => r.FailedCount, run.FailedCount),
            cancellationToken);

    private async Task DiscardRunAsync(ImportRun run)
    {
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        await db.ImportRuns.Where(r => r.Id == run.Id).ExecuteDeleteAsync(CancellationToken.None);
    }

    private static async Task<bool> FailsAsLastRunAsync(KbDbContext db, ContentWriter writer, int runId, CancellationToken cancellationToken)
    {
        var last = await db.ImportRuns.AsNoTracking()
            .Where(r => r.Id != runId && r.Status == ImportRunStatus.Succeeded)
            .OrderByDescending(r => r.Id).Select(r => (int?)r.Id).FirstOrDefaultAsync(cancellationToken);
        if (last is null)
            return false;
        var lastFiles = await db.ImportRunFiles.AsNoTracking()
            .Where(f => f.ImportRunId == last && f.Status == ImportFileStatus.Failed).ToListAsync(cancellationToken);
        return ContentWriter.FailuresOf(lastFiles).SequenceEqual(writer.FailedFiles, StringComparer.Ordinal);
    }

    /// <summary>Stores the folder's files in one transaction; false when the run was not kept (see <see cref="ImportChangesAsync"/>).</summary>
    private async Task<bool> ImportFilesAsync(
        RunState state, string root, IProgress<ImportProgress>? progress, bool keepUnchangedRun, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var stored = await StoredContent.LoadAsync(db, cancellationToken);
        var latestEntries = await HistoryRecorder.LoadLatestAsync(db, cancellationToken);

        var files = state.Files;
        var skipped = state.Skipped;
        var slots = files.Select(_ => new TaskCompletionSource<FileWork>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        // Parsing outruns storing; a bounded read-ahead keeps memory flat however large the folder is.
        using var readAhead = new SemaphoreSlim(ReadAhead);
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Clamp(Environment.ProcessorCount, 1, 4),
            CancellationToken = stopReading.Token,
        };
        // Files are read and parsed in parallel, roughly in order, while this method stores them one by one in order.
        var reading = Parallel.ForEachAsync(InReadAheadOrder(files.Count, readAhead, stopReading.Token), parallel, async (i, token) =>
        {
            try
            {
                slots[i].SetResult(await FileReading.ReadAsync(root, files[i], stored, token));
            }
            catch (Exception ex)
            {
                slots[i].SetException(ex);
            }
        });

        try
        {
            using var rows = new ImportRowWriter(db, transaction.GetDbTransaction(), searchIndex);
            using var historyWriter = new ArticleHistoryWriter(db, transaction.GetDbTransaction());
            var writer = new ContentWriter(rows, state.Run, stored, new HistoryRecorder(historyWriter, state.Run, latestEntries));
            var nextSkipped = 0;
            for (var i = 0; i < files.Count; i++)
            {
                state.CurrentFile = files[i];
                // What was skipped takes its place among the files, in the same path order.
                for (; nextSkipped < skipped.Count && StringComparer.Ordinal.Compare(skipped[nextSkipped].Path, files[i]) < 0; nextSkipped++)
                    writer.AddSkipped(skipped[nextSkipped]);
                var work = await slots[i].Task.WaitAsync(cancellationToken);
                slots[i] = Consumed;
                readAhead.Release();
                writer.Add(work);
                progress?.Report(new ImportProgress(i + 1, files.Count, files[i]));
            }
            state.CurrentFile = null;
            for (; nextSkipped < skipped.Count; nextSkipped++)
                writer.AddSkipped(skipped[nextSkipped]);
            writer.WithdrawMissing(Now());
            if (!keepUnchangedRun && !writer.ChangedArticles && await FailsAsLastRunAsync(db, writer, state.Run.Id, cancellationToken))
            {
                // Nothing was written but the run's own row: the transaction is rolled back as it is disposed.
                return false;
            }
            writer.FinishRun(Now());
            await UpdateRunAsync(db, state.Run, cancellationToken);
            if (writer.ChangedArticles) await ContentGeneration.ChangeAsync(db, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            searchIndex.MarkChanged();
            // Every article whose rows were written: new, replaced, or restored after being withdrawn.
            var written = state.Run.Files.Count(f => f.Status is ImportFileStatus.Imported or ImportFileStatus.Updated or ImportFileStatus.Restored);
            await UpkeepAsync(db, written, logger, cancellationToken);
            return true;
        }
        finally
        {
            await stopReading.CancelAsync();
            try
            {
                await reading;
            }
            catch (OperationCanceledException)
            {
                // Reading was stopped because storing ended first; the reason is already on its way up.
            }
        }
    }

    private const int ReadAhead = 256;

    private static readonly TaskCompletionSource<FileWork> Consumed = new();

    // Indices are handed out in order, each only once the read-ahead has room, so the file the storing loop
    // waits for always gets a reader.
    private static async IAsyncEnumerable<int> InReadAheadOrder(
        int count, SemaphoreSlim readAhead, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var i = 0; i < count; i++)
        {
            await readAhead.WaitAsync(cancellationToken);
            yield return i;
        }
    }

    private sealed class RunState(ImportRun run, FolderListing listing)
    {
        public ImportRun Run { get; } = run;
        public IReadOnlyList<string> Files { get; } = listing.Files;
        public IReadOnlyList<SkippedEntry> Skipped { get; } = listing.Skipped;
        public string? CurrentFile { get; set; }
    }
}
