using CptKb.Core.Articles;
using CptKb.Core.Changes;
using CptKb.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CptKb.Core.Import;

/// <summary>
/// Records, during an import run, each entry the run adds to an article's history and the changes it brought, compared
/// with the article's previous entry. Calls come in the writer's file order, inside the run's transaction.
/// </summary>
/// <remarks>
/// For withdrawing and restoring: call <see cref="Withdrawn"/> when an article's file has left the folder, and
/// <see cref="Stored"/> with <c>restored: true</c> when a withdrawn article's file is back (with the same bytes or not).
/// </remarks>
internal sealed class HistoryRecorder(ArticleHistoryWriter writer, ImportRun run, Dictionary<string, LatestEntry> latest)
{
    /// <summary>What each article's history ends with before the run: one query.</summary>
    public static async Task<Dictionary<string, LatestEntry>> LoadLatestAsync(KbDbContext db, CancellationToken cancellationToken)
    {
        // Standard SQL, so every engine runs it; the unique (Code, Number) index serves both the MAX and the join.
        var rows = await db.Database.SqlQueryRaw<LatestEntry>(
            "SELECT r.\"Code\", r.\"Number\", r.\"SourceDocumentId\" FROM \"ArticleRevisions\" r " +
            "JOIN (SELECT \"Code\", MAX(\"Number\") AS \"Last\" FROM \"ArticleRevisions\" GROUP BY \"Code\") l " +
            "ON l.\"Code\" = r.\"Code\" AND l.\"Last\" = r.\"Number\"")
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Code, StringComparer.Ordinal);
    }

    /// <summary>
    /// The article with the code was stored from the revision <paramref name="sourceDocumentId"/>: records a new entry
    /// with its changes, unless the article's history already ends with that revision (and it is not a restore).
    /// </summary>
    public void Stored(string code, int sourceDocumentId, Article article, bool restored = false)
    {
        var last = latest.GetValueOrDefault(code);
        var sameRevision = last is not null && last.SourceDocumentId == sourceDocumentId;
        if (sameRevision && !restored)
            return;
        // The previous revision is read (and parsed) only when there is one to compare with.
        IReadOnlyList<ArticleChange> changes = sameRevision
            ? []
            : ArticleComparer.Compare(last is null ? null : writer.ReadArticle(last.SourceDocumentId), article);
        if (restored)
            changes = [new ArticleChange(ChangeKind.ArticleRestored, After: article.Title), .. changes];
        Write(code, sourceDocumentId, restored ? ChangeKind.ArticleRestored : null, changes);
    }

    /// <summary>The article with the code was withdrawn: records the event (its text stays the last one stored).</summary>
    public void Withdrawn(string code, string? title = null)
    {
        if (latest.GetValueOrDefault(code) is not { } last)
            return;
        Write(code, last.SourceDocumentId, ChangeKind.ArticleWithdrawn, [new ArticleChange(ChangeKind.ArticleWithdrawn, Before: title)]);
    }

    private void Write(string code, int sourceDocumentId, ChangeKind? kind, IReadOnlyList<ArticleChange> changes)
    {
        var number = (latest.GetValueOrDefault(code)?.Number ?? 0) + 1;
        writer.Write(new HistoryEntry(code, number, sourceDocumentId, run.StartedAt, run.Id, kind), changes);
        latest[code] = new LatestEntry { Code = code, Number = number, SourceDocumentId = sourceDocumentId };
    }
}

/// <summary>The last entry of an article's history.</summary>
internal sealed class LatestEntry
{
    public required string Code { get; init; }
    public int Number { get; init; }
    public int SourceDocumentId { get; init; }
}
