using System.Security;
using System.Security.Cryptography;
using CptKb.Core.Articles;
using CptKb.Core.Parsing;
using CptKb.Core.Search;
using CptKb.Core.Storage;
using Microsoft.Data.Sqlite;
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
    ILogger<Importer> logger)
{
    /// <summary>Larger files are not publications (those are a few kilobytes) and are reported as failed unread.</summary>
    public const long MaxFileBytes = 16 * 1024 * 1024;

    private readonly SemaphoreSlim oneRunAtATime = new(1, 1);

    /// <summary>
    /// Imports the publication files <see cref="FolderWalk"/> finds below <paramref name="folder"/> (<c>*.txt</c> and
    /// <c>*.md</c> in any letter case; hidden files and folders are left out), in ordinal order of their relative paths.
    /// A file whose bytes match its stored latest revision is not parsed again; a file that fails is reported and the
    /// others go on. When two files hold the same code, the first in that order is kept. Articles of files that are
    /// gone stay stored. What the walk did not read (links not followed, folders too deep) is reported as
    /// <see cref="ImportFileStatus.Skipped"/>.
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
        await oneRunAtATime.WaitAsync(cancellationToken);
        try
        {
            return await RunAsync(folder, progress, cancellationToken);
        }
        finally
        {
            oneRunAtATime.Release();
        }
    }

    /// <summary>Runs <paramref name="work"/> while no import runs, and keeps imports waiting until it is done.</summary>
    internal async Task<T> ExclusivelyAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await oneRunAtATime.WaitAsync(cancellationToken);
        try
        {
            return await work();
        }
        finally
        {
            oneRunAtATime.Release();
        }
    }

    private async Task<ImportRunReport> RunAsync(string folder, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var root = FullPathOrSame(folder);
        var run = new ImportRun { SourceFolder = root, StartedAt = clock.GetUtcNow(), Status = ImportRunStatus.Running };
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
            await ImportFilesAsync(state, root, progress, cancellationToken);
            return run.ToReport();
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

    private async Task<ImportRunReport> SaveFailedRunAsync(ImportRun run, string error)
    {
        // The content transaction is gone (rolled back or never begun): this is saved on its own,
        // and even when the caller has cancelled, so the run does not stay "Running".
        run.Status = ImportRunStatus.Failed;
        run.Error = error;
        run.FinishedAt = clock.GetUtcNow();
        run.ImportedCount = run.UpdatedCount = run.UnchangedCount = run.FailedCount = 0;
        run.Files = [];
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        await UpdateRunAsync(db, run, CancellationToken.None);
        return run.ToReport();
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

    private async Task ImportFilesAsync(RunState state, string root, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var stored = await StoredContent.LoadAsync(db, cancellationToken);

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
                slots[i].SetResult(await ReadAsync(root, files[i], stored, token));
            }
            catch (Exception ex)
            {
                slots[i].SetException(ex);
            }
        });

        try
        {
            using var rows = new ImportRowWriter(db, (SqliteTransaction)transaction.GetDbTransaction(), searchIndex);
            var writer = new ContentWriter(rows, state.Run, stored);
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
            writer.FinishRun(clock.GetUtcNow());
            await UpdateRunAsync(db, state.Run, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            searchIndex.MarkChanged();
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

    private static async Task<FileWork> ReadAsync(string root, string fileName, StoredContent stored, CancellationToken cancellationToken)
    {
        var path = Path.Combine(root, fileName);
        byte[] bytes;
        try
        {
            if (new FileInfo(path).Length > MaxFileBytes)
            {
                return FileWork.Failed(fileName, $"the file is larger than {MaxFileBytes / (1024 * 1024)} MB; publications are a few kilobytes");
            }
            bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SecurityException)
        {
            return FileWork.Failed(fileName, $"the file cannot be read: {ex.Message}");
        }

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (stored.UnchangedCode(fileName, sha256) is { } code)
        {
            return new FileWork(fileName, sha256) { Code = code, Unchanged = true };
        }

        var decoded = TextDecoder.Decode(bytes);
        var result = PublicationParser.Parse(decoded);
        var warnings = result.Warnings.Select(Describe).ToList();
        if (result.Article is not { } article || decoded.Text is not { } text)
        {
            return FileWork.Failed(fileName, result.Error ?? "the file is not a publication", warnings);
        }
        // The text is stored once, as the parser reads it; the article's rows and index rows are worked out here, in
        // parallel, so the one writer only writes.
        return new FileWork(fileName, sha256)
        {
            Code = article.Code,
            Row = article.ToStored(),
            Index = [.. IndexedSection.From(0, article)],
            Content = StoredText.Compress(PublicationParser.Normalize(text)),
            DecodingNote = decoded.Warnings.FirstOrDefault()?.Message,
            Messages = warnings,
        };
    }

    private static string Describe(ParseWarning warning) =>
        warning.Line is { } line ? $"line {line}: {warning.Message}" : warning.Message;

    private sealed class RunState(ImportRun run, FolderListing listing)
    {
        public ImportRun Run { get; } = run;
        public IReadOnlyList<string> Files { get; } = listing.Files;
        public IReadOnlyList<SkippedEntry> Skipped { get; } = listing.Skipped;
        public string? CurrentFile { get; set; }
    }

    /// <summary>One file after reading: unchanged, failed, or parsed into an article.</summary>
    private sealed record FileWork(string FileName, string? Sha256)
    {
        public string? Code { get; init; }
        public bool Unchanged { get; init; }
        public StoredArticle? Row { get; init; }
        public IReadOnlyList<IndexedSection> Index { get; init; } = [];
        public byte[]? Content { get; init; }
        public string? DecodingNote { get; init; }
        public string? Error { get; init; }
        public List<string> Messages { get; init; } = [];

        public static FileWork Failed(string fileName, string error, List<string>? warnings = null) =>
            new(fileName, null) { Error = error, Messages = warnings ?? [] };
    }

    /// <summary>What is stored before the run: one query each for file revisions and articles.</summary>
    private sealed class StoredContent
    {
        private readonly Dictionary<string, LatestRevision> latestByFile = new(StringComparer.Ordinal);

        public Dictionary<string, int> ArticleIdByCode { get; } = new(StringComparer.Ordinal);

        public LatestRevision? Latest(string fileName) => latestByFile.GetValueOrDefault(fileName);

        /// <summary>The stored code when the file's latest revision has these bytes and is still its article's source.</summary>
        public string? UnchangedCode(string fileName, string sha256) =>
            Latest(fileName) is { } latest && latest.Sha256 == sha256 ? latest.ArticleCode : null;

        public static async Task<StoredContent> LoadAsync(KbDbContext db, CancellationToken cancellationToken)
        {
            var content = new StoredContent();
            var articles = await db.Articles.AsNoTracking()
                .Select(a => new { a.Id, a.Code, a.SourceDocumentId })
                .ToListAsync(cancellationToken);
            var codeBySource = new Dictionary<int, string>();
            foreach (var article in articles)
            {
                content.ArticleIdByCode[article.Code] = article.Id;
                codeBySource[article.SourceDocumentId] = article.Code;
            }
            var revisions = await db.SourceDocuments.AsNoTracking()
                .Select(s => new { s.Id, s.FileName, s.Revision, s.Sha256 })
                .ToListAsync(cancellationToken);
            foreach (var revision in revisions)
            {
                if (content.latestByFile.TryGetValue(revision.FileName, out var seen) && seen.Revision > revision.Revision) continue;
                content.latestByFile[revision.FileName] = new LatestRevision(
                    revision.Id, revision.Revision, revision.Sha256, codeBySource.GetValueOrDefault(revision.Id));
            }
            return content;
        }
    }

    private sealed record LatestRevision(int SourceDocumentId, int Revision, string Sha256, string? ArticleCode);

    /// <summary>Decides each file's outcome in file order and stores each article as it comes.</summary>
    private sealed class ContentWriter(ImportRowWriter rows, ImportRun run, StoredContent stored)
    {
        private readonly Dictionary<string, ImportRunFile> claims = new(StringComparer.Ordinal);

        public void Add(FileWork work)
        {
            var result = new ImportRunFile
            {
                ImportRunId = run.Id,
                Position = run.Files.Count,
                FileName = work.FileName,
                Code = work.Code,
                Messages = work.Error is { } error ? [error, .. work.Messages] : [.. work.Messages],
            };
            run.Files.Add(result);

            if (work.Code is not { } code)
            {
                result.Status = ImportFileStatus.Failed;
                return;
            }
            if (claims.TryGetValue(code, out var kept))
            {
                // Files come in ordinal order, so the first claimant is kept in every run.
                kept.Messages.Add($"code {code} is also claimed by {work.FileName}, which was not imported; {kept.FileName} was kept");
                result.Messages.Add($"code {code} is also claimed by {kept.FileName}, which was kept; {work.FileName} was not imported");
                result.Status = ImportFileStatus.Failed;
                return;
            }
            claims[code] = result;

            if (work.Unchanged)
            {
                result.Status = ImportFileStatus.Unchanged;
                return;
            }
            if (work.Row is not { } row || work.Sha256 is not { } sha256)
            {
                throw new InvalidOperationException($"{work.FileName} has a code but no article or checksum.");
            }

            var latest = stored.Latest(work.FileName);
            if (latest is not null && latest.Sha256 == sha256)
            {
                // The same bytes as the stored revision (whose article another file had taken): no new revision.
                row.SourceDocumentId = latest.SourceDocumentId;
            }
            else
            {
                row.SourceDocument = new SourceDocument
                {
                    FileName = work.FileName,
                    Revision = (latest?.Revision ?? 0) + 1,
                    Content = work.Content,
                    DecodingNote = work.DecodingNote,
                    Sha256 = sha256,
                    ImportedAt = run.StartedAt,
                    ImportRunId = run.Id,
                };
            }
            if (stored.ArticleIdByCode.TryGetValue(code, out var id))
            {
                // The new rows take the old id, so links to the article by id keep working.
                rows.Delete(id);
                row.Id = id;
                result.Status = ImportFileStatus.Updated;
            }
            else
            {
                result.Status = ImportFileStatus.Imported;
            }
            rows.Insert(row, work.Index);
        }

        public void AddSkipped(SkippedEntry entry) => run.Files.Add(new ImportRunFile
        {
            ImportRunId = run.Id,
            Position = run.Files.Count,
            FileName = entry.Path,
            Status = ImportFileStatus.Skipped,
            Messages = [entry.Reason],
        });

        public void FinishRun(DateTimeOffset finishedAt)
        {
            run.Status = ImportRunStatus.Succeeded;
            run.FinishedAt = finishedAt;
            run.ImportedCount = run.Files.Count(f => f.Status == ImportFileStatus.Imported);
            run.UpdatedCount = run.Files.Count(f => f.Status == ImportFileStatus.Updated);
            run.UnchangedCount = run.Files.Count(f => f.Status == ImportFileStatus.Unchanged);
            run.FailedCount = run.Files.Count(f => f.Status == ImportFileStatus.Failed);
            foreach (var file in run.Files) rows.Insert(file);
        }
    }
}
