using CptKb.Core.Articles;
using CptKb.Core.Changes;
using CptKb.Core.Storage;
using System.Data.Common;

namespace CptKb.Core.Import;

/// <summary>
/// Writes entries of articles' histories (<see cref="ArticleRevision"/>) and the changes each brought
/// (<see cref="StoredChange"/>) in the caller's transaction: the importer calls it for each article it stores, and
/// for each article it withdraws or restores; <see cref="Reindexer"/> calls it to write every history again.
/// </summary>
internal sealed class ArticleHistoryWriter : IDisposable
{
    /// <summary>Texts in the change feed are excerpts around what changed, at most this long.</summary>
    public const int ExcerptChars = 300;

    private readonly TableInserter<ArticleRevision> revisions;
    private readonly TableInserter<StoredChange> changes;
    private readonly DbCommand readText;

    public ArticleHistoryWriter(KbDbContext db, DbTransaction transaction)
    {
        revisions = new(db, transaction);
        changes = new(db, transaction);
        readText = transaction.Connection?.CreateCommand()
            ?? throw new InvalidOperationException("The transaction has no connection.");
        readText.Transaction = transaction;
        readText.CommandText = "SELECT \"Content\", \"RawText\", \"DecodingNote\" FROM \"SourceDocuments\" WHERE \"Id\" = @id;";
        StoreEngine.AddParameter(readText, "@id");
        StoreEngine.Of(transaction).Prepare(readText);
    }

    /// <summary>The article a stored revision holds, or null when it no longer reads as one.</summary>
    public Article? ReadArticle(int sourceDocumentId)
    {
        readText.Parameters[0].Value = sourceDocumentId;
        using var reader = readText.ExecuteReader();
        if (!reader.Read())
            return null;
        var revision = new SourceDocument
        {
            FileName = "",
            Sha256 = "",
            Content = reader.IsDBNull(0) ? null : (byte[])reader.GetValue(0),
            RawText = reader.IsDBNull(1) ? null : reader.GetString(1),
            DecodingNote = reader.IsDBNull(2) ? null : reader.GetString(2),
        };
        return ParsedArticles.Parse(revision);
    }

    /// <summary>Writes one entry of an article's history and its changes.</summary>
    public void Write(HistoryEntry entry, IReadOnlyList<ArticleChange> entryChanges)
    {
        var revision = new ArticleRevision
        {
            Code = entry.Code,
            Number = entry.Number,
            SourceDocumentId = entry.SourceDocumentId,
            RecordedAt = entry.RecordedAt,
            ImportRunId = entry.ImportRunId,
            Event = entry.Event?.ToString(),
            ChangeCount = entryChanges.Count,
        };
        revision.Id = revisions.Insert(revision);
        var sortKey = CptCode.TryParse(entry.Code, out var code) ? code.SortKey : 0;
        for (var i = 0; i < entryChanges.Count; i++)
        {
            var change = entryChanges[i];
            var (before, after) = Kept(change);
            changes.Insert(new StoredChange
            {
                RevisionId = revision.Id,
                Position = i,
                Code = entry.Code,
                CodeSortKey = sortKey,
                ChangedAt = entry.RecordedAt,
                Kind = change.Kind.ToString(),
                Section = change.Section,
                SectionAnchor = change.SectionAnchor,
                Payer = change.Payer,
                Label = change.Label,
                Cell = change.Cell?.ToString(),
                Before = before,
                After = after,
            });
        }
    }

    // A section's text is kept as the words around what changed; a whole section added or removed, as its start.
    private static (string? Before, string? After) Kept(ArticleChange change) => change.Kind switch
    {
        ChangeKind.SectionTextChanged or ChangeKind.PayerTextChanged => WordDiff.Excerpt(change.Before ?? "", change.After ?? "", ExcerptChars),
        _ => (Cut(change.Before), Cut(change.After)),
    };

    private static string? Cut(string? text) =>
        text is null || text.Length <= ExcerptChars ? text : string.Concat(text.AsSpan(0, ExcerptChars - 1), "…");

    public void Dispose()
    {
        revisions.Dispose();
        changes.Dispose();
        readText.Dispose();
    }
}

/// <summary>One entry of an article's history, before it is written.</summary>
/// <param name="Code">The article's code.</param>
/// <param name="Number">Its place in the article's history, from 1.</param>
/// <param name="SourceDocumentId">The stored text the article has from this entry on.</param>
/// <param name="RecordedAt">When: the start of the run that made it.</param>
/// <param name="ImportRunId">The run that made it.</param>
/// <param name="Event">For an entry no text holds, what happened (<see cref="ChangeKind.ArticleWithdrawn"/> or <see cref="ChangeKind.ArticleRestored"/>).</param>
internal sealed record HistoryEntry(string Code, int Number, int SourceDocumentId, DateTimeOffset RecordedAt, int? ImportRunId, ChangeKind? Event = null);
