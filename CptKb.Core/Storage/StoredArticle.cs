using CptKb.Core.Articles;

namespace CptKb.Core.Storage;

/// <summary>
/// An article as a row of the <c>Articles</c> table: what lists, filters and the matrix ask of it. Its text is not here:
/// the article is read whole from its source revision (<see cref="SourceDocument"/>), which is stored once.
/// </summary>
public sealed class StoredArticle
{
    /// <summary>Row id. Kept when an article is replaced by a newer import of the same code.</summary>
    public int Id { get; set; }

    /// <summary>The CPT code; unique.</summary>
    public required string Code { get; set; }

    /// <summary>The code's <see cref="CptCode.SortKey"/>: lists are ordered by it and code ranges are spans of it.</summary>
    public int CodeSortKey { get; set; }

    /// <summary>See <see cref="Article.Title"/>.</summary>
    public required string Title { get; set; }

    /// <summary>See <see cref="Article.ServiceType"/>.</summary>
    public string? ServiceType { get; set; }

    /// <summary>See <see cref="Article.SiteOfService"/>.</summary>
    public string? SiteOfService { get; set; }

    /// <summary>The <see cref="SiteCategory"/> flags the site of service mentions, so lists filter by them in the database.</summary>
    public int SiteCategories { get; set; }

    /// <summary>See <see cref="Article.ModifierTableAnchor"/>.</summary>
    public string? ModifierTableAnchor { get; set; }

    /// <summary>See <see cref="Article.IsGeneratedSample"/>: lets every page say while generated samples are stored.</summary>
    public bool IsSample { get; set; }

    /// <summary>How many data gaps the article has, so lists need not count rows.</summary>
    public int DataGapCount { get; set; }

    /// <summary>The revision of the source file this article was read from.</summary>
    public int SourceDocumentId { get; set; }

    /// <summary>The revision of the source file this article was read from.</summary>
    public SourceDocument? SourceDocument { get; set; }

    /// <summary>
    /// When the article was withdrawn: no file in the import folder held its code any more. A withdrawn article keeps
    /// its row and its revisions but has no parts and no search index rows, so lists, filters and search leave it out;
    /// <see cref="KbDbContext"/> hides it from queries unless they ask for it. Null while it is current.
    /// </summary>
    public DateTimeOffset? WithdrawnAt { get; set; }

    /// <summary>The import run that withdrew the article; null while it is current.</summary>
    public int? WithdrawnInRunId { get; set; }

    /// <summary>The key payers, in document order.</summary>
    public List<StoredPayer> Payers { get; set; } = [];

    /// <summary>The modifier table's rows, in document order.</summary>
    public List<StoredModifier> Modifiers { get; set; } = [];

    /// <summary>The payer subsections, in document order.</summary>
    public List<StoredPayerSection> PayerSections { get; set; } = [];

    /// <summary>The data gaps, in document order.</summary>
    public List<StoredDataGap> DataGaps { get; set; } = [];
}

/// <summary>A row that belongs to one article, at a place in its list. The key is (ArticleId, Position).</summary>
public abstract class ArticlePart
{
    /// <summary>The article the row belongs to.</summary>
    public int ArticleId { get; set; }

    /// <summary>0-based place in the article's list, to keep document order.</summary>
    public int Position { get; set; }
}

/// <summary>One key payer named in an article's summary.</summary>
public sealed class StoredPayer : ArticlePart
{
    /// <summary>The payer's name as written.</summary>
    public required string Name { get; set; }
}

/// <summary>A stored <see cref="Modifier"/>.</summary>
public sealed class StoredModifier : ArticlePart
{
    /// <summary>See <see cref="Modifier.Code"/>.</summary>
    public string? Code { get; set; }

    /// <summary>See <see cref="Modifier.Description"/>.</summary>
    public string? Description { get; set; }

    /// <summary>See <see cref="Modifier.WhenToUse"/>.</summary>
    public string? WhenToUse { get; set; }
}

/// <summary>A payer subsection: whose it is, where it is and the stance it states; its text is the article's.</summary>
public sealed class StoredPayerSection : ArticlePart
{
    /// <summary>See <see cref="PayerSection.Payer"/>.</summary>
    public required string Payer { get; set; }

    /// <summary>See <see cref="PayerSection.Anchor"/>.</summary>
    public required string Anchor { get; set; }

    /// <summary>See <see cref="PayerSection.DataMissing"/>.</summary>
    public bool DataMissing { get; set; }

    /// <summary>See <see cref="PayerSection.Stance"/>; stored by name.</summary>
    public CoverageStance Stance { get; set; }
}

/// <summary>A stored <see cref="DataGap"/>.</summary>
public sealed class StoredDataGap : ArticlePart
{
    /// <summary>See <see cref="DataGap.SectionPath"/>.</summary>
    public required string SectionPath { get; set; }

    /// <summary>See <see cref="DataGap.Anchor"/>.</summary>
    public required string Anchor { get; set; }

    /// <summary>See <see cref="DataGap.FactLabel"/>.</summary>
    public string? FactLabel { get; set; }

    /// <summary>See <see cref="DataGap.Payer"/>.</summary>
    public string? Payer { get; set; }

    /// <summary>See <see cref="DataGap.Kind"/>.</summary>
    public DataGapKind Kind { get; set; }
}
