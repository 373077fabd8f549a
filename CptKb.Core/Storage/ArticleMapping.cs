using CptKb.Core.Articles;

namespace CptKb.Core.Storage;

/// <summary>An article as served: the parsed <see cref="Articles.Article"/> and the file revision it came from.</summary>
/// <param name="Article">The article.</param>
/// <param name="Source">The source file revision.</param>
public sealed record ArticleDocument(Article Article, ArticleSource Source);

/// <summary>Which file revision an article was read from.</summary>
/// <param name="FileName">The path relative to the import folder, with '/' separators.</param>
/// <param name="Sha256">SHA-256 of the file's bytes, lowercase hex.</param>
/// <param name="ImportedAt">When this revision was stored.</param>
/// <param name="Revision">1 for the file's first import, then one more for each change.</param>
public sealed record ArticleSource(string FileName, string Sha256, DateTimeOffset ImportedAt, int Revision);

/// <summary>Turns an <see cref="Article"/> into stored rows and back.</summary>
public static class ArticleMapping
{
    /// <summary>
    /// The rows for an article, parts numbered in list order. <see cref="StoredArticle.SourceDocumentId"/>
    /// (or <see cref="StoredArticle.SourceDocument"/>) is left for the caller to set.
    /// Payer sections' facts are not stored apart: they are the article's facts with the section's payer.
    /// </summary>
    public static StoredArticle ToStored(this Article article) => new()
    {
        Code = article.Code,
        CodeNumber = CodeNumberOf(article.Code),
        Title = article.Title,
        Summary = article.Summary,
        ServiceType = article.ServiceType,
        SiteOfService = article.SiteOfService,
        ClinicalContext = article.ClinicalContext,
        DataGapCount = article.DataGaps.Count,
        Payers = [.. article.Payers.Select((name, i) => new StoredPayer { Position = i, Name = name })],
        Facts = [.. article.Facts.Select((f, i) => new StoredFact
        {
            Position = i, Label = f.Label, Value = f.Value, SectionPath = f.SectionPath, Payer = f.Payer,
        })],
        Modifiers = [.. article.Modifiers.Select((m, i) => new StoredModifier
        {
            Position = i, Code = m.Code, Description = m.Description, WhenToUse = m.WhenToUse,
        })],
        PayerSections = [.. article.PayerSections.Select((p, i) => new StoredPayerSection
        {
            Position = i, Payer = p.Payer, Anchor = p.Anchor, Text = p.Text, DataMissing = p.DataMissing,
        })],
        Sections = [.. article.Sections.Select((s, i) => new StoredSection
        {
            Position = i, Heading = s.Heading, Level = s.Level, Anchor = s.Anchor, Path = s.Path, Kind = s.Kind, Body = s.Body,
        })],
        DataGaps = [.. article.DataGaps.Select((g, i) => new StoredDataGap
        {
            Position = i, SectionPath = g.SectionPath, Anchor = g.Anchor, FactLabel = g.FactLabel, Payer = g.Payer,
        })],
        Warnings = [.. article.Warnings.Select((w, i) => new StoredWarning { Position = i, Message = w.Message, Line = w.Line })],
    };

    /// <summary>The article the rows hold. The part lists must have been loaded.</summary>
    public static Article ToArticle(this StoredArticle stored)
    {
        var facts = stored.Facts.OrderBy(f => f.Position)
            .Select(f => new Fact(f.Label, f.Value, f.SectionPath, f.Payer))
            .ToList();
        return new Article
        {
            Code = stored.Code,
            Title = stored.Title,
            Summary = stored.Summary,
            ServiceType = stored.ServiceType,
            SiteOfService = stored.SiteOfService,
            ClinicalContext = stored.ClinicalContext,
            Payers = [.. stored.Payers.OrderBy(p => p.Position).Select(p => p.Name)],
            Facts = facts,
            Modifiers = [.. stored.Modifiers.OrderBy(m => m.Position).Select(m => new Modifier(m.Code, m.Description, m.WhenToUse))],
            PayerSections = [.. stored.PayerSections.OrderBy(p => p.Position).Select(p => new PayerSection(
                p.Payer, p.Anchor, p.Text, [.. facts.Where(f => f.Payer == p.Payer)], p.DataMissing))],
            Sections = [.. stored.Sections.OrderBy(s => s.Position)
                .Select(s => new Section(s.Heading, s.Level, s.Anchor, s.Path, s.Kind, s.Body))],
            DataGaps = [.. stored.DataGaps.OrderBy(g => g.Position).Select(g => new DataGap(g.SectionPath, g.Anchor, g.FactLabel, g.Payer))],
            Warnings = [.. stored.Warnings.OrderBy(w => w.Position).Select(w => new ParseWarning(w.Message, w.Line))],
        };
    }

    /// <summary>The source information of a file revision.</summary>
    public static ArticleSource ToSource(this SourceDocument source) =>
        new(source.FileName, source.Sha256, source.ImportedAt, source.Revision);

    /// <summary>The leading digits of a code as a number: 20962 for "20962", 1 for "0001T", 0 when there are none.</summary>
    public static int CodeNumberOf(string code)
    {
        var digits = 0;
        while (digits < code.Length && digits < 9 && char.IsAsciiDigit(code[digits])) digits++;
        return digits == 0 ? 0 : int.Parse(code.AsSpan(0, digits), System.Globalization.CultureInfo.InvariantCulture);
    }
}
