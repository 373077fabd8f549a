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

    /// <summary>All section text on one page together; past it, later sections are cut too.</summary>
    public const int MaxPageChars = 256 * 1024;

    /// <summary>
    /// The largest message a circuit accepts: the biggest is the page state the browser hands back when the circuit
    /// starts, at most two values of <see cref="PageState.MaxBytes"/> (about 1.8 times that once protected and encoded),
    /// with room to spare. Each connection may make the server hold up to this much until its message is complete.
    /// </summary>
    public const long MaxMessageBytes = 256 * 1024;

    /// <summary>The article cut to the page's limits, and the anchors of the sections that were shortened.</summary>
    public static (Article Article, IReadOnlyList<string> Shortened, int SectionsLeftOut) ForReading(Article article)
    {
        var shortened = new List<string>();
        var budget = MaxPageChars;
        var sections = article.Sections.Take(MaxSections).Select(section =>
        {
            var limit = Math.Min(MaxSectionChars, Math.Max(0, budget));
            budget -= Math.Min(section.Body.Length, limit);
            if (section.Body.Length <= limit)
                return section;
            shortened.Add(section.Anchor);
            return section with { Body = Cut(section.Body, limit) };
        }).ToList();
        var trimmed = article with { Sections = sections };
        return (trimmed, shortened, Math.Max(0, article.Sections.Count - MaxSections));
    }

    // Cut at a line break so Markdown blocks stay whole.
    private static string Cut(string text, int limit)
    {
        if (text.Length <= limit)
            return text;
        var at = limit == 0 ? -1 : text.LastIndexOf('\n', limit - 1);
        return text[..(at > limit / 2 ? at : limit)];
    }
}
