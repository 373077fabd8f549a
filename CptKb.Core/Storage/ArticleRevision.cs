namespace CptKb.Core.Storage;

/// <summary>
/// One entry of an article's history: a revision of its text as it became the article, or an event (withdrawn,
/// restored). Derived data: <c>Reindexer</c> rebuilds it from the stored revisions, keeping the events (which no text
/// holds). Its changes are <see cref="StoredChange"/> rows.
/// </summary>
public sealed class ArticleRevision
{
    /// <summary>Row id.</summary>
    public int Id { get; set; }

    /// <summary>The article's CPT code.</summary>
    public required string Code { get; set; }

    /// <summary>1 for the article's first revision, then one more for each entry of its history.</summary>
    public int Number { get; set; }

    /// <summary>The stored text the article had from this entry on (for a withdrawal, the text it had when withdrawn).</summary>
    public int SourceDocumentId { get; set; }

    /// <summary>When the entry was recorded: the start of the import run that made it.</summary>
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>The import run that made it, when known.</summary>
    public int? ImportRunId { get; set; }

    /// <summary>Null for a revision read from a text; the change kind's name for an event no text holds ("ArticleWithdrawn", "ArticleRestored").</summary>
    public string? Event { get; set; }

    /// <summary>How many changes it brought.</summary>
    public int ChangeCount { get; set; }
}

/// <summary>
/// One change an <see cref="ArticleRevision"/> brought, as kept for the change feed across the knowledge base. Texts are
/// kept as short excerpts around what changed; the full comparison is made again from the two revisions when asked.
/// </summary>
public sealed class StoredChange
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <summary>The revision that brought it.</summary>
    public int RevisionId { get; set; }

    /// <summary>0-based place among the revision's changes.</summary>
    public int Position { get; set; }

    /// <summary>The article's CPT code.</summary>
    public required string Code { get; set; }

    /// <summary>The code's sort key, so the feed filters by code range in the database.</summary>
    public int CodeSortKey { get; set; }

    /// <summary>When it was recorded (its revision's <see cref="ArticleRevision.RecordedAt"/>).</summary>
    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>The change kind's name.</summary>
    public required string Kind { get; set; }

    /// <summary>The path of the section it is in.</summary>
    public string? Section { get; set; }

    /// <summary>The anchor of that section.</summary>
    public string? SectionAnchor { get; set; }

    /// <summary>The payer it is about.</summary>
    public string? Payer { get; set; }

    /// <summary>A fact's label, a modifier's code.</summary>
    public string? Label { get; set; }

    /// <summary>For a modifier cell, which one.</summary>
    public string? Cell { get; set; }

    /// <summary>The value before (an excerpt for texts).</summary>
    public string? Before { get; set; }

    /// <summary>The value after (an excerpt for texts).</summary>
    public string? After { get; set; }
}
