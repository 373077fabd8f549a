using CptKb.Core.Articles;

namespace CptKb.Core.Search;

/// <summary>
/// One section as the search index holds it: the section's own text plus what lets a query find it by its
/// article (code, title) and by field (payer, modifier codes, site of service).
/// </summary>
/// <param name="Key">Which section it is.</param>
/// <param name="Code">The article's code, on every section so that "20962 medicare" finds 20962's Medicare section.</param>
/// <param name="Title">The article's title, on every section for the same reason.</param>
/// <param name="Heading">The section's heading path, e.g. "Payer Coverage &amp; Benchmarks &gt; Aetna".</param>
/// <param name="Body">The section's text, Markdown marks taken out (see <see cref="PlainText"/>).</param>
/// <param name="Payer">A payer subsection's payer; the summary's key payers; else empty.</param>
/// <param name="Modifiers">The modifier table's codes on the section that holds the table; else empty.</param>
/// <param name="Site">The typical site of service on the billing code overview, the sites of service section's text; else empty.</param>
/// <param name="Anchor">The section's URL fragment.</param>
public sealed record IndexedSection(
    SectionKey Key, string Code, string Title, string Heading, string Body, string Payer, string Modifiers, string Site, string Anchor)
{
    /// <summary>Sections past this place in an article are not indexed.</summary>
    public const int MaxPosition = SectionKey.MaxPosition;

    /// <summary>
    /// The indexed sections of an article stored under <paramref name="articleId"/>. Sections with no text of their own are
    /// left out: their headings are in their subsections' paths.
    /// </summary>
    public static IEnumerable<IndexedSection> From(int articleId, Article article)
    {
        var keyPayers = string.Join(", ", article.Payers);
        for (var position = 0; position < article.Sections.Count && position <= MaxPosition; position++)
        {
            var section = article.Sections[position];
            var body = SearchText.Of(article, section);
            if (string.IsNullOrWhiteSpace(body)) continue;
            var payer = section.Kind switch
            {
                SectionKind.Payer => article.PayerSections.FirstOrDefault(p => p.Anchor == section.Anchor)?.Payer ?? "",
                SectionKind.Summary => keyPayers,
                _ => "",
            };
            var modifiers = section.Anchor == article.ModifierTableAnchor
                ? string.Join(" ", article.Modifiers.Select(m => m.Code).OfType<string>())
                : "";
            var site = section.Kind switch
            {
                SectionKind.SitesOfService => body,
                SectionKind.BillingCodeOverview => article.SiteOfService ?? "",
                _ => "",
            };
            yield return new IndexedSection(
                new SectionKey(articleId, position, section.Kind),
                article.Code, article.Title, section.Path, body, payer, modifiers, site, section.Anchor);
        }
    }

    /// <summary>
    /// Markdown as plain-ish text for matching and snippets: emphasis and code marks, and list dashes are taken out; a
    /// table's rows read as rows, their cells joined by <see cref="SearchText.CellSeparator"/> ("22 · Increased procedural
    /// services"), without the pipes, the padding and the rule under the header; the \u0001 and \u0002 characters that mark
    /// highlights are removed. The words are the text's words, in order, so every engine's index reads the same words.
    /// </summary>
    public static string PlainText(string markdown)
    {
        var text = markdown
            .Replace("\u0001", "", StringComparison.Ordinal)
            .Replace("\u0002", "", StringComparison.Ordinal)
            .Replace("**", "", StringComparison.Ordinal)
            .Replace("__", "", StringComparison.Ordinal)
            .Replace("`", "", StringComparison.Ordinal)
            .Replace("\n- ", "\n", StringComparison.Ordinal);
        if (!text.Contains('|', StringComparison.Ordinal)) return text.Replace("---", "", StringComparison.Ordinal);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
            lines[i] = lines[i].Contains('|', StringComparison.Ordinal) ? TableRow(lines[i]) : lines[i].Replace("---", "", StringComparison.Ordinal);
        return string.Join('\n', lines);
    }

    /// <summary>A line of a pipe table as its cells joined by the separator; empty for the rule under the header.</summary>
    private static string TableRow(string line)
    {
        // Empty cells (the outer pipes', a missing value's) would read as a separator twice.
        var cells = line.Split('|').Select(c => c.Replace("---", "", StringComparison.Ordinal).Trim()).Where(c => c.Trim('-', ':').Length > 0);
        return string.Join(SearchText.CellSeparator, cells);
    }
}

/// <summary>Which section of which article: the address of a section in the index.</summary>
/// <param name="ArticleId">The stored article's id.</param>
/// <param name="Position">The section's 0-based place in the article.</param>
/// <param name="Kind">The section's kind.</param>
public readonly record struct SectionKey(int ArticleId, int Position, SectionKind Kind)
{
    /// <summary>The highest position a key can hold.</summary>
    public const int MaxPosition = 0xFFFF;
}
