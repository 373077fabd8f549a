using CptKb.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CptKb.Core.Import;

/// <summary>What is stored before the run: one query each for file revisions and articles.</summary>
internal sealed class StoredContent
{
    private readonly Dictionary<string, LatestRevision> latestByFile = new(StringComparer.Ordinal);

    public Dictionary<string, int> ArticleIdByCode { get; } = new(StringComparer.Ordinal);

    /// <summary>The codes of the stored articles that are withdrawn.</summary>
    public HashSet<string> WithdrawnCodes { get; } = new(StringComparer.Ordinal);

    /// <summary>Each stored article's title, by code, for the history entry that records its withdrawal.</summary>
    public Dictionary<string, string> TitleByCode { get; } = new(StringComparer.Ordinal);

    /// <summary>The file each stored article's current revision was read from, by code.</summary>
    public Dictionary<string, string> SourceFileByCode { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The folder whose import stored each article's current revision, by code; absent when no run is recorded for it
    /// (a revision from before runs were kept, or whose run was removed).
    /// </summary>
    public Dictionary<string, string> SourceFolderByCode { get; } = new(StringComparer.Ordinal);

    public LatestRevision? Latest(string fileName) => latestByFile.GetValueOrDefault(fileName);

    /// <summary>
    /// The stored code when the file's latest revision has these bytes and is still its current article's source. Null
    /// when that article is withdrawn: the file came back, and is read again to restore its rows.
    /// </summary>
    public string? UnchangedCode(string fileName, string sha256) =>
        Latest(fileName) is { } latest && latest.Sha256 == sha256 && latest.ArticleCode is { } code && !WithdrawnCodes.Contains(code)
            ? code
            : null;

    public static async Task<StoredContent> LoadAsync(KbDbContext db, CancellationToken cancellationToken)
    {
        var content = new StoredContent();
        var articles = await db.Articles.AsNoTracking().IgnoreQueryFilters()
            .Select(a => new { a.Id, a.Code, a.Title, a.SourceDocumentId, Withdrawn = a.WithdrawnAt != null })
            .ToListAsync(cancellationToken);
        var codeBySource = new Dictionary<int, string>();
        foreach (var article in articles)
        {
            content.ArticleIdByCode[article.Code] = article.Id;
            content.TitleByCode[article.Code] = article.Title;
            codeBySource[article.SourceDocumentId] = article.Code;
            if (article.Withdrawn) content.WithdrawnCodes.Add(article.Code);
        }
        var revisions = await db.SourceDocuments.AsNoTracking()
            .Select(s => new { s.Id, s.FileName, s.Revision, s.Sha256, s.ImportRunId })
            .ToListAsync(cancellationToken);
        var folderByRun = await db.ImportRuns.AsNoTracking()
            .ToDictionaryAsync(r => r.Id, r => r.SourceFolder, cancellationToken);
        foreach (var revision in revisions)
        {
            if (codeBySource.TryGetValue(revision.Id, out var sourceOf))
            {
                content.SourceFileByCode[sourceOf] = revision.FileName;
                if (revision.ImportRunId is { } runId && folderByRun.TryGetValue(runId, out var folder))
                    content.SourceFolderByCode[sourceOf] = folder;
            }
            if (content.latestByFile.TryGetValue(revision.FileName, out var seen) && seen.Revision > revision.Revision) continue;
            content.latestByFile[revision.FileName] = new LatestRevision(
                revision.Id, revision.Revision, revision.Sha256, codeBySource.GetValueOrDefault(revision.Id));
        }
        return content;
    }
}

internal sealed record LatestRevision(int SourceDocumentId, int Revision, string Sha256, string? ArticleCode);

/// <summary>Decides each file's outcome in file order and stores each article as it comes.</summary>
internal sealed class ContentWriter(ImportRowWriter rows, ImportRun run, StoredContent stored, HistoryRecorder history)
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
            // The new rows take the old id, so links to the article by id keep working; a withdrawn article's new row
            // is current again.
            rows.Delete(id);
            row.Id = id;
            if (stored.WithdrawnCodes.Contains(code))
            {
                result.Status = ImportFileStatus.Restored;
                result.Messages.Add($"code {code} had been withdrawn; its article is current again");
            }
            else
            {
                result.Status = ImportFileStatus.Updated;
            }
        }
        else
        {
            result.Status = ImportFileStatus.Imported;
        }
        rows.Insert(row, work.Index);
        if (work.Article is { } article)
            history.Stored(code, row.SourceDocumentId, article, restored: result.Status == ImportFileStatus.Restored);
    }

    public void AddSkipped(SkippedEntry entry) => run.Files.Add(new ImportRunFile
    {
        ImportRunId = run.Id,
        Position = run.Files.Count,
        FileName = entry.Path,
        Status = ImportFileStatus.Skipped,
        Messages = [entry.Reason],
    });

    /// <summary>
    /// Withdraws the current articles whose code no file of this run holds, when their file is gone (or now holds another
    /// code). An article whose file failed to read, or lies below a link or folder the walk did not read, is left as it is:
    /// nothing says its code is gone. So is an article stored from another folder (an <c>import</c> of a second folder, a
    /// sample written outside the seeds folder): this run says nothing about that folder's files. Nor is anything
    /// withdrawn when the folder holds no publication at all.
    /// </summary>
    public void WithdrawMissing(DateTimeOffset at)
    {
        // A folder with no publication at all is more likely a share that is not mounted than a knowledge base emptied
        // on purpose: nothing is withdrawn.
        if (!run.Files.Any(f => f.Status != ImportFileStatus.Skipped))
            return;
        var outcomeByFile = run.Files.Where(f => f.Status != ImportFileStatus.Skipped)
            .ToDictionary(f => f.FileName, f => f.Status, StringComparer.Ordinal);
        var skippedPaths = run.Files.Where(f => f.Status == ImportFileStatus.Skipped).Select(f => f.FileName).ToList();
        foreach (var (code, id) in stored.ArticleIdByCode.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            if (claims.ContainsKey(code) || stored.WithdrawnCodes.Contains(code)) continue;
            if (stored.SourceFolderByCode.TryGetValue(code, out var folder) && !string.Equals(folder, run.SourceFolder, StringComparison.Ordinal))
                continue;
            var file = stored.SourceFileByCode.GetValueOrDefault(code) ?? "";
            if (outcomeByFile.TryGetValue(file, out var outcome) && outcome == ImportFileStatus.Failed) continue;
            if (skippedPaths.Any(p => file.StartsWith(p + "/", StringComparison.Ordinal))) continue;
            rows.Withdraw(id, at, run.Id);
            history.Withdrawn(code, stored.TitleByCode.GetValueOrDefault(code));
            run.Files.Add(new ImportRunFile
            {
                ImportRunId = run.Id,
                Position = run.Files.Count,
                FileName = file,
                Code = code,
                Status = ImportFileStatus.Withdrawn,
                Messages = [outcomeByFile.ContainsKey(file)
                    ? $"{file} no longer holds code {code} and no other file does; its article was withdrawn"
                    : $"{file} is gone and no other file holds code {code}; its article was withdrawn"],
            });
        }
    }

    /// <summary>Whether the run changed an article (imported, updated, withdrawn or restored one).</summary>
    public bool ChangedArticles => run.Files.Any(f => f.Status is
        ImportFileStatus.Imported or ImportFileStatus.Updated or ImportFileStatus.Withdrawn or ImportFileStatus.Restored);

    /// <summary>The failed files and why, to tell whether a run failed the same files as another.</summary>
    public IEnumerable<string> FailedFiles => FailuresOf(run.Files);

    public static IEnumerable<string> FailuresOf(IEnumerable<ImportRunFile> files) => files
        .Where(f => f.Status == ImportFileStatus.Failed)
        .Select(f => f.FileName + "\n" + string.Join("\n", f.Messages))
        .Order(StringComparer.Ordinal);

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
