using CptKb.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CptKb.Core.Import;

/// <summary>What is stored before the run: one query each for file revisions and articles.</summary>
internal sealed class StoredContent
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
        if (work.Article is { } article)
            history.Stored(code, row.SourceDocumentId, article);
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
