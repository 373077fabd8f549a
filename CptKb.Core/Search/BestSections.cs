using System.Numerics;
using CptKb.Core.Articles;
using CptKb.Core.Parsing;

namespace CptKb.Core.Search;

/// <summary>
/// Which of an article's matching sections to show first. The index scores a section by its own text and by its
/// article's code and title, which every section shares: when the words are in the title, every section matches about
/// as well, and the shortest one (often a payer's "Data not available in the input.") would win. So, for the page of
/// results only (its articles are read for their snippets anyway), best first:
/// <list type="number">
/// <item>a section that holds nothing but data-missing notes comes last, unless the query asks for a payer or a section by name;</item>
/// <item>the section of a payer the query names;</item>
/// <item>the section whose own heading and text hold the most of the query's terms that are not in the article's title
/// (the title's words say which article, not which section), then the most terms of any kind;</item>
/// <item>the summary, so a match on the code or the title only lands there;</item>
/// <item>then the index's score, then document order.</item>
/// </list>
/// </summary>
internal static class BestSections
{
    /// <summary>The matches in the order to show them, best first, each with its section's search text (see <see cref="SearchText.Of"/>).</summary>
    public static List<(SectionMatch Match, string Text)> Order(Article article, IEnumerable<SectionMatch> matches, SearchQuery query, HighlightTerms terms)
    {
        var notesAsked = query.Terms.Any(t => !t.Excluded && t is FieldTerm { Field: SearchField.Payer or SearchField.Section });
        var inTitle = SnippetBuilder.TermsIn(article.Title, terms);
        var judged = new List<(SectionMatch Match, string Text, bool NoteOnly, bool NamedPayer, int Own, int All, bool Summary)>();
        foreach (var match in matches)
        {
            if (match.Key.Position >= article.Sections.Count) continue;
            var section = article.Sections[match.Key.Position];
            var text = SearchText.KeptOf(article, section);
            var found = SnippetBuilder.TermsIn(section.Heading + "\n" + text, terms);
            var namedPayer = section.Kind == SectionKind.Payer
                && article.PayerSections.FirstOrDefault(p => p.Anchor == section.Anchor) is { } payer
                && SnippetBuilder.TermsIn(payer.Payer, terms) != 0;
            judged.Add((match, text, !notesAsked && IsNoteOnly(article, section, text), namedPayer,
                BitOperations.PopCount(found & ~inTitle), BitOperations.PopCount(found),
                section.Kind is SectionKind.Summary or SectionKind.Preamble));
        }
        return [.. judged
            .OrderBy(j => j.NoteOnly)
            .ThenByDescending(j => j.NamedPayer)
            .ThenByDescending(j => j.Own)
            .ThenByDescending(j => j.All)
            .ThenByDescending(j => j.Summary)
            .ThenByDescending(j => j.Match.Score)
            .ThenBy(j => j.Match.Key.Position)
            .Select(j => (j.Match, j.Text))];
    }

    /// <summary>
    /// True when the section says nothing but that its data is missing: every fact's value is the note, and its prose and
    /// table hold no word once the notes are taken out.
    /// </summary>
    internal static bool IsNoteOnly(Article article, Section section, string text)
    {
        if (!DataGapRule.IsNote(text)) return false;
        if (section.Anchor == article.ModifierTableAnchor && article.Modifiers.Count > 0) return false;
        if (article.FactsIn(section).Any(f => !f.DataMissing)) return false;
        var prose = DataGapRule.NoteRegex.Replace(IndexedSection.PlainText(section.Body), "");
        return SearchQuery.Words(prose).Count == 0;
    }
}
