using System.Runtime.CompilerServices;
using System.Text;
using CptKb.Core.Articles;

namespace CptKb.Core.Search;

/// <summary>
/// The text of a section as search reads it: its prose without Markdown's marks, then its "Label: value" facts one per
/// line, then the modifier table's header and rows as "22 · Increased procedural services · When to use" when the section holds it. The
/// index is written from it and snippets are cut from it, so what is found is what is shown.
/// </summary>
public static class SearchText
{
    /// <summary>Between the cells of a table row.</summary>
    public const string CellSeparator = " · ";

    /// <summary>The modifier table's columns, as the format names them.</summary>
    public static IReadOnlyList<string> TableHeader { get; } = ["Modifier", "Description", "When to Use"];

    /// <summary>The section's searchable text.</summary>
    public static string Of(Article article, Section section)
    {
        var sb = new StringBuilder();
        if (section.Body.Length > 0)
            Line(sb, IndexedSection.PlainText(section.Body));
        foreach (var fact in article.FactsIn(section))
            Line(sb, $"{fact.Label}: {fact.Value}");
        if (section.Anchor == article.ModifierTableAnchor)
        {
            // The header's words too, so "modifier 54 cataract" finds the table that lists 54.
            if (article.Modifiers.Count > 0)
                Line(sb, string.Join(CellSeparator, TableHeader));
            foreach (var row in article.Modifiers)
                Line(sb, string.Join(CellSeparator, new[] { row.Code, row.Description, row.WhenToUse }.OfType<string>()));
        }
        return sb.ToString();
    }

    private static readonly ConditionalWeakTable<Section, string> Kept = new();

    /// <summary>
    /// <see cref="Of"/>, kept beside the section for as long as the section lives. A results page judges every matching
    /// section of its articles, which come from the parsed-article cache, so the same sections' text (a Markdown parse
    /// each) was made again at every search: kept, rare words' searches took about 15 % less time at 100,000 documents.
    /// </summary>
    public static string KeptOf(Article article, Section section) =>
        Kept.GetValue(section, s => Of(article, s));

    private static void Line(StringBuilder sb, string text)
    {
        if (text.Length == 0)
            return;
        if (sb.Length > 0)
            sb.Append('\n');
        sb.Append(text);
    }
}
