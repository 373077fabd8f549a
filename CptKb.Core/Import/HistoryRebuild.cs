using CptKb.Core.Articles;
using CptKb.Core.Changes;
using CptKb.Core.Storage;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace CptKb.Core.Import;

/// <summary>
/// Writes every article's history again from the stored revisions: each revision's text is read to learn its code, the
/// revisions of a code in the order they were stored are its history, and consecutive ones are compared. Withdrawals
/// and restores are in no text: the entries that recorded them are kept and put back in their place by time.
/// </summary>
internal static class HistoryRebuild
{
    private sealed record Event(string Code, int SourceDocumentId, DateTimeOffset RecordedAt, int? ImportRunId, ChangeKind Kind);

    private sealed record Revision(int Id, DateTimeOffset ImportedAt, int? ImportRunId, string Title);

    /// <summary>Deletes and writes again every history entry and change; returns the number of entries.</summary>
    public static async Task<int> RunAsync(KbDbContext db, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var events = (await db.ArticleRevisions.AsNoTracking().Where(r => r.Event != null)
                .Select(r => new { r.Code, r.SourceDocumentId, r.RecordedAt, r.ImportRunId, r.Event, r.Number })
                .ToListAsync(cancellationToken))
            .Where(e => Enum.TryParse<ChangeKind>(e.Event, out _))
            .OrderBy(e => e.Code, StringComparer.Ordinal).ThenBy(e => e.Number)
            .Select(e => new Event(e.Code, e.SourceDocumentId, e.RecordedAt, e.ImportRunId, Enum.Parse<ChangeKind>(e.Event!)))
            .GroupBy(e => e.Code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new Queue<Event>(g), StringComparer.Ordinal);
        await db.ArticleChanges.ExecuteDeleteAsync(cancellationToken);
        await db.ArticleRevisions.ExecuteDeleteAsync(cancellationToken);

        // First the code of every revision, in the order they were stored.
        var byCode = new Dictionary<string, List<Revision>>(StringComparer.Ordinal);
        var lastId = 0;
        while (true)
        {
            var batch = await db.SourceDocuments.AsNoTracking().Where(s => s.Id > lastId).OrderBy(s => s.Id).Take(500)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
                break;
            lastId = batch[^1].Id;
            foreach (var source in batch)
            {
                if (ParsedArticles.Parse(source) is not { } article)
                    continue;
                if (!byCode.TryGetValue(article.Code, out var list))
                    byCode[article.Code] = list = [];
                list.Add(new Revision(source.Id, source.ImportedAt, source.ImportRunId, article.Title));
            }
        }

        using var writer = new ArticleHistoryWriter(db, transaction);
        var written = 0;
        foreach (var (code, revisions) in byCode)
        {
            var pending = events.GetValueOrDefault(code) ?? new Queue<Event>();
            events.Remove(code);
            Article? last = null;
            var lastSource = 0;
            string? title = null;
            var number = 0;
            foreach (var revision in revisions)
            {
                // Events recorded before this revision come first.
                while (pending.TryPeek(out var e) && e.RecordedAt < revision.ImportedAt)
                    WriteEvent(pending.Dequeue());
                var restored = pending.TryPeek(out var head) && head.Kind == ChangeKind.ArticleRestored
                    && head.SourceDocumentId == revision.Id && pending.Dequeue() is not null;
                // Most codes have one revision: it needs only its title, read above; the others are parsed again to compare.
                var article = revisions.Count == 1 ? null : writer.ReadArticle(revision.Id);
                if (article is null && revisions.Count > 1)
                    continue;
                IReadOnlyList<ArticleChange> changes = article is null
                    ? [new ArticleChange(ChangeKind.ArticleAdded, After: revision.Title)]
                    : ArticleComparer.Compare(last, article);
                if (restored)
                    changes = [new ArticleChange(ChangeKind.ArticleRestored, After: revision.Title), .. changes];
                writer.Write(new HistoryEntry(code, ++number, revision.Id, revision.ImportedAt, revision.ImportRunId, restored ? ChangeKind.ArticleRestored : null), changes);
                written++;
                last = article;
                lastSource = revision.Id;
                title = revision.Title;
            }
            while (pending.TryDequeue(out var e))
                WriteEvent(e);

            void WriteEvent(Event e)
            {
                var source = lastSource == 0 ? e.SourceDocumentId : lastSource;
                IReadOnlyList<ArticleChange> changes = e.Kind == ChangeKind.ArticleWithdrawn
                    ? [new ArticleChange(ChangeKind.ArticleWithdrawn, Before: title)]
                    : [new ArticleChange(ChangeKind.ArticleRestored, After: title)];
                writer.Write(new HistoryEntry(code, ++number, source, e.RecordedAt, e.ImportRunId, e.Kind), changes);
                written++;
            }
        }
        return written;
    }
}
