using CptKb.Core.Articles;

namespace CptKb.Core.Storage;

/// <summary>An <see cref="Article"/> as a row of the <c>Articles</c> table; its lists live in their own tables.</summary>
public sealed class StoredArticle
{
    /// <summary>Row id. Kept when an article is replaced by a newer import of the same code.</summary>
    public int Id { get; set; }

    /// <summary>The CPT code; unique.</summary>
    public required string Code { get; set; }

    /// <summary>The code's digits as a number, for range filters (20962 for "20962", 1 for "0001T").</summary>
    public int CodeNumber { get; set; }

    /// <summary>See <see cref="Article.Title"/>.</summary>
    public required string Title { get; set; }

    /// <summary>See <see cref="Article.Summary"/>.</summary>
    public string Summary { get; set; } = "";

    /// <summary>See <see cref="Article.ServiceType"/>.</summary>
    public string? ServiceType { get; set; }

    /// <summary>See <see cref="Article.SiteOfService"/>.</summary>
    public string? SiteOfService { get; set; }

    /// <summary>See <see cref="Article.ClinicalContext"/>.</summary>
    public string? ClinicalContext { get; set; }

    /// <summary>How many data gaps the article has, so lists need not count rows.</summary>
    public int DataGapCount { get; set; }

    /// <summary>The revision of the source file this article was read from.</summary>
    public int SourceDocumentId { get; set; }

    /// <summary>The revision of the source file this article was read from.</summary>
    public SourceDocument? SourceDocument { get; set; }

    /// <summary>The key payers, in document order.</summary>
    public List<StoredPayer> Payers { get; set; } = [];

    /// <summary>Every fact, in document order; payer subsection facts carry their payer.</summary>
    public List<StoredFact> Facts { get; set; } = [];

    /// <summary>The modifier table's rows, in document order.</summary>
    public List<StoredModifier> Modifiers { get; set; } = [];

    /// <summary>The payer subsections, in document order.</summary>
    public List<StoredPayerSection> PayerSections { get; set; } = [];

    /// <summary>The sections, in document order.</summary>
    public List<StoredSection> Sections { get; set; } = [];

    /// <summary>The data gaps, in document order.</summary>
    public List<StoredDataGap> DataGaps { get; set; } = [];

    /// <summary>The parser's warnings, in the order given.</summary>
    public List<StoredWarning> Warnings { get; set; } = [];
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

/// <summary>A stored <see cref="Fact"/>.</summary>
public sealed class StoredFact : ArticlePart
{
    /// <summary>See <see cref="Fact.Label"/>.</summary>
    public required string Label { get; set; }

    /// <summary>See <see cref="Fact.Value"/>.</summary>
    public required string Value { get; set; }

    /// <summary>See <see cref="Fact.SectionPath"/>.</summary>
    public required string SectionPath { get; set; }

    /// <summary>See <see cref="Fact.Payer"/>.</summary>
    public string? Payer { get; set; }
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

/// <summary>A stored <see cref="PayerSection"/>; its facts are the article's facts with the same payer.</summary>
public sealed class StoredPayerSection : ArticlePart
{
    /// <summary>See <see cref="PayerSection.Payer"/>.</summary>
    public required string Payer { get; set; }

    /// <summary>See <see cref="PayerSection.Anchor"/>.</summary>
    public required string Anchor { get; set; }

    /// <summary>See <see cref="PayerSection.Text"/>.</summary>
    public required string Text { get; set; }

    /// <summary>See <see cref="PayerSection.DataMissing"/>.</summary>
    public bool DataMissing { get; set; }
}

/// <summary>A stored <see cref="Section"/>.</summary>
public sealed class StoredSection : ArticlePart
{
    /// <summary>See <see cref="Section.Heading"/>.</summary>
    public required string Heading { get; set; }

    /// <summary>See <see cref="Section.Level"/>.</summary>
    public int Level { get; set; }

    /// <summary>See <see cref="Section.Anchor"/>.</summary>
    public required string Anchor { get; set; }

    /// <summary>See <see cref="Section.Path"/>.</summary>
    public required string Path { get; set; }

    /// <summary>See <see cref="Section.Kind"/>; stored by name.</summary>
    public SectionKind Kind { get; set; }

    /// <summary>See <see cref="Section.Body"/>.</summary>
    public required string Body { get; set; }
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
}

/// <summary>A stored <see cref="ParseWarning"/>.</summary>
public sealed class StoredWarning : ArticlePart
{
    /// <summary>See <see cref="ParseWarning.Message"/>.</summary>
    public required string Message { get; set; }

    /// <summary>See <see cref="ParseWarning.Line"/>.</summary>
    public int? Line { get; set; }
}
