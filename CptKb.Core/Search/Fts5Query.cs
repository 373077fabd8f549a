using System.Globalization;
using CptKb.Core.Articles;

namespace CptKb.Core.Search;

/// <summary>
/// A parsed <see cref="SearchQuery"/> compiled to an FTS5 MATCH expression: every word and phrase quoted as an FTS5
/// string (so no character typed is read as syntax), fields as column filters, code prefixes and ranges as prefixes of
/// the code column, exclusions as NOT.
/// </summary>
internal static class Fts5Query
{
    /// <summary>The FTS5 MATCH expression of the query; with a column, the free terms must match in that column.</summary>
    internal static string Expression(SearchQuery query, string? freeTermsColumn)
    {
        var positive = query.Terms.Where(t => !t.Excluded).Select(t => Phrase(t, freeTermsColumn)).ToList();
        var negative = query.Terms.Where(t => t.Excluded).Select(t => Phrase(t, null)).ToList();
        var expression = string.Join(" AND ", positive);
        return negative.Count == 0 ? expression : $"({expression}) NOT ({string.Join(" OR ", negative)})";
    }

    /// <summary>A term that is free text (a word, a phrase, a code) rather than a field or a code prefix or range.</summary>
    internal static bool IsFree(SearchTerm term) => term is WordTerm or PhraseTerm or CodeTerm;

    private static string Phrase(SearchTerm term, string? freeTermsColumn)
    {
        var column = freeTermsColumn is null ? "" : freeTermsColumn + " : ";
        return term switch
        {
            WordTerm w => column + Quote(w.Text, w.IsPrefix),
            PhraseTerm p => column + Quote(p.Text, false),
            CodeTerm c => column + Quote(c.Code, false),
            // Typed digits: any word that starts with them, in any column, the code's among them.
            CodePrefixTerm { AlsoWord: true } p => Quote(p.Prefix, true),
            CodePrefixTerm p => "code : " + Quote(p.Prefix, true),
            CodeRangeTerm r => "code : (" + string.Join(" OR ", RangePrefixes(r).Select(p => Quote(p.Text, p.IsPrefix))) + ")",
            FieldTerm f => f.Field switch
            {
                SearchField.Payer => "payer",
                SearchField.Modifier => "modifiers",
                SearchField.Section => "heading",
                _ => "site",
            } + " : " + Quote(f.Value, f.IsPrefix),
            _ => throw new ArgumentOutOfRangeException(nameof(term), term, "Unknown search term."),
        };
    }

    /// <summary>
    /// Text as an FTS5 string: inside double quotes, inner quotes doubled, so no character is read as syntax. A NUL would
    /// end the string early for FTS5, so it becomes a blank.
    /// </summary>
    internal static string Quote(string text, bool prefix) =>
        "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal).Replace('\0', ' ') + "\"" + (prefix ? " *" : "");

    /// <summary>
    /// The exact codes and code prefixes that cover a range, e.g. 20955-20970 as 20955…20959, 2096*, 20970. For codes with
    /// a letter the prefixes cover the digits only, so they may also match other kinds of code: the caller filters.
    /// </summary>
    internal static IEnumerable<(string Text, bool IsPrefix)> RangePrefixes(CodeRangeTerm range)
    {
        var (from, to) = (CptCode.Parse(range.From), CptCode.Parse(range.To));
        var (low, high, letter) = (from.Number, to.Number, from.Letter);
        var width = letter == '\0' ? 5 : 4;
        var suffix = letter == '\0' ? "" : letter.ToString();
        long at = low;
        while (at <= high)
        {
            // The widest block of 10^k codes that starts here and stays in the range; at least one digit stays fixed.
            var (size, exponent) = (1L, 0);
            while (exponent + 1 < width && at % (size * 10) == 0 && at + size * 10 - 1 <= high) (size, exponent) = (size * 10, exponent + 1);
            var text = (at / size).ToString(CultureInfo.InvariantCulture).PadLeft(width - exponent, '0');
            yield return exponent == 0 ? (text + suffix, false) : (text, true);
            at += size;
        }
    }
}
