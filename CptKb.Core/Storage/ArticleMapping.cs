using CptKb.Core.Articles;

namespace CptKb.Core.Storage;

/// <summary>An article as served: the parsed <see cref="Articles.Article"/> and the file revision it came from.</summary>
/// <param name="Article">The article.</param>
/// <param name="Source">The source file revision.</param>
/// <param name="WithdrawnAt">When the article was withdrawn (its file is gone); null while it is current.</param>
public sealed record ArticleDocument(Article Article, ArticleSource Source, DateTimeOffset? WithdrawnAt = null);

/// <summary>Which file revision an article was read from.</summary>
/// <param name="FileName">The path relative to the import folder, with '/' separators.</param>
/// <param name="Sha256">SHA-256 of the file's bytes, lowercase hex.</param>
/// <param name="ImportedAt">When this revision was stored.</param>
/// <param name="Revision">1 for the file's first import, then one more for each change.</param>
public sealed record ArticleSource(string FileName, string Sha256, DateTimeOffset ImportedAt, int Revision);

/// <summary>Turns an <see cref="Article"/> into the rows lists and filters read.</summary>
public static class ArticleMapping
{
    /// <summary>
    /// The rows for an article, parts numbered in list order. <see cref="StoredArticle.SourceDocumentId"/>
    /// (or <see cref="StoredArticle.SourceDocument"/>) is left for the caller to set.
    /// </summary>
    public static StoredArticle ToStored(this Article article) => new()
    {
        Code = article.Code,
        CodeSortKey = CptCode.Parse(article.Code).SortKey,
        Title = article.Title,
        ServiceType = article.ServiceType,
        SiteOfService = article.SiteOfService,
        SiteCategories = SiteCategory.FlagsOf(article.SiteOfService),
        ModifierTableAnchor = article.ModifierTableAnchor,
        DataGapCount = article.DataGaps.Count,
        IsSample = article.IsGeneratedSample,
        Payers = [.. article.Payers.Select((name, i) => new StoredPayer { Position = i, Name = name })],
        Modifiers = [.. article.Modifiers.Select((m, i) => new StoredModifier
        {
            Position = i, Code = m.Code, Description = m.Description, WhenToUse = m.WhenToUse,
        })],
        PayerSections = [.. article.PayerSections.Select((p, i) => new StoredPayerSection
        {
            Position = i, Payer = p.Payer, Anchor = p.Anchor, DataMissing = p.DataMissing, Stance = p.Stance,
        })],
        DataGaps = [.. article.DataGaps.Select((g, i) => new StoredDataGap
        {
            Position = i, SectionPath = g.SectionPath, Anchor = g.Anchor, FactLabel = g.FactLabel, Payer = g.Payer, Kind = g.Kind,
        })],
    };

    /// <summary>The source information of a file revision.</summary>
    public static ArticleSource ToSource(this SourceDocument source) =>
        new(source.FileName, source.Sha256, source.ImportedAt, source.Revision);
}
