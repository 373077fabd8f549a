using CptKb.Core.Articles;

namespace CptKb.Web.Rendering;

/// <summary>
/// Keeps an article page a readable size whatever the document: a section's text past
/// <see cref="MaxSectionChars"/> characters, and sections past <see cref="MaxSections"/>, are left to the
/// source file (and the API), with a note on the page saying so.
/// </summary>
public static class ReadingLimits
{
    public const int MaxSectionChars = 64 * 1024;
    public const int MaxSections = 400;

    /// <summary>The article cut to the page's limits, and the anchors of the sections that were shortened.</summary>
    public static (Article Article, IReadOnlyList<string> Shortened, int SectionsLeftOut) ForReading(Article article)
    {
        var shortened = new List<string>();
        var sections = article.Sections.Take(MaxSections).Select(section =>
        {
            if (section.Body.Length <= MaxSectionChars)
                return section;
            shortened.Add(section.Anchor);
            return section with { Body = Cut(section.Body) };
        }).ToList();
        var payerSections = article.PayerSections.Select(p => p.Text.Length <= MaxSectionChars ? p : p with { Text = Cut(p.Text) }).ToList();
        var trimmed = article with
        {
            Sections = sections,
            PayerSections = payerSections,
            Summary = Cut(article.Summary),
            ClinicalContext = article.ClinicalContext is null ? null : Cut(article.ClinicalContext),
        };
        return (trimmed, shortened, Math.Max(0, article.Sections.Count - MaxSections));
    }

    // Cut at a line break so Markdown blocks stay whole.
    private static string Cut(string text)
    {
        if (text.Length <= MaxSectionChars)
            return text;
        var at = text.LastIndexOf('\n', MaxSectionChars);
        return text[..(at > MaxSectionChars / 2 ? at : MaxSectionChars)];
    }
}
