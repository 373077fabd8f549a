using System.Text;
using CptKb.Core.Articles;

namespace CptKb.Core.Search;

/// <summary>
/// What a user typed in the search box, read into terms. <see cref="Parse"/> is a pure function that never throws:
/// whatever is not one of the forms below is read as plain words.
/// <list type="bullet">
/// <item>words, all of which must match: <c>bone graft</c>; a prefix: <c>graft*</c>; an exclusion: <c>-pediatric</c>;</item>
/// <item>an exact phrase: <c>"bone graft"</c>;</item>
/// <item>a code <c>20962</c> (its article first), a code prefix <c>209*</c>, a range <c>20955-20970</c>; three or four
/// digits (<c>2096</c>) as a code prefix and a word at once;</item>
/// <item>fields: <c>payer:aetna</c>, <c>mod:22</c> or <c>modifier:22</c>, <c>section:"clinical context"</c>,
/// <c>site:"operating room"</c>.</item>
/// </list>
/// </summary>
/// <param name="Text">The text that was read: the input cut to <see cref="MaxLength"/> characters.</param>
/// <param name="Terms">The terms, in the order typed, without duplicates, at most <see cref="MaxTerms"/>.</param>
public sealed record SearchQuery(string Text, IReadOnlyList<SearchTerm> Terms)
{
    /// <summary>Longer input is cut to this many characters before it is read.</summary>
    public const int MaxLength = 500;

    /// <summary>Terms past this many are dropped.</summary>
    public const int MaxTerms = 32;

    /// <summary>
    /// Typed digits from this many up to four are read as the start of a code as well as a word (<c>2096</c>); fewer are
    /// only a word, so a modifier's number (<c>22</c>) does not list every code that starts with it.
    /// </summary>
    public const int MinCodeDigits = 3;

    /// <summary>The one code this query is, when it is nothing but one code (<c>20962</c>, <c>0042t</c>); else null.</summary>
    public string? SingleCode => Terms is [CodeTerm { Excluded: false } code] ? code.Code : null;

    /// <summary>True when no term must match, so the query finds nothing.</summary>
    public bool IsEmpty => !Terms.Any(t => !t.Excluded);

    /// <summary>The words to highlight on a result's page: the words of the positive word, phrase and field terms, lower-cased.</summary>
    public IReadOnlyList<string> HighlightWords =>
    [
        .. Terms.Where(t => !t.Excluded)
            .SelectMany(t => t switch
            {
                WordTerm w => Words(w.Text),
                PhraseTerm p => Words(p.Text),
                FieldTerm { Field: not SearchField.Modifier } f => Words(f.Value),
                _ => [],
            })
            .Select(w => w.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal),
    ];

    /// <summary>This query with one more term, unless it already has it.</summary>
    public SearchQuery With(SearchTerm term) => Terms.Contains(term) ? this : this with { Terms = [.. Terms, term] };

    /// <summary>Reads the text. Never throws; null or blank text gives a query with no terms.</summary>
    public static SearchQuery Parse(string? text)
    {
        var input = Cut(text ?? "");
        var terms = new List<SearchTerm>();
        var reader = new Reader(input);
        while (terms.Count < MaxTerms && reader.Next() is { } term)
        {
            if (!terms.Contains(term)) terms.Add(term);
        }
        return new SearchQuery(input, terms);
    }

    /// <summary>The text cut to <see cref="MaxLength"/> characters, without leaving half a surrogate pair.</summary>
    internal static string Cut(string text)
    {
        if (text.Length <= MaxLength) return text;
        var end = MaxLength;
        if (char.IsHighSurrogate(text[end - 1])) end--;
        return text[..end];
    }

    /// <summary>The runs of letters and digits in the text: what the index sees as its words.</summary>
    public static IReadOnlyList<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsWordRune(rune))
            {
                current.Append(rune.ToString());
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
        if (current.Length > 0) words.Add(current.ToString());
        return words;
    }

    internal static bool IsWordRune(Rune rune) =>
        Rune.IsLetterOrDigit(rune) || Rune.GetUnicodeCategory(rune) is System.Globalization.UnicodeCategory.NonSpacingMark;

    private static bool HasWord(string text) => text.EnumerateRunes().Any(IsWordRune);

    /// <summary>Reads one term at a time from the text, left to right.</summary>
    private sealed class Reader(string text)
    {
        private int position;

        public SearchTerm? Next()
        {
            while (position < text.Length)
            {
                if (char.IsWhiteSpace(text[position]))
                {
                    position++;
                    continue;
                }
                var excluded = false;
                if (text[position] == '-' && position + 1 < text.Length && !char.IsWhiteSpace(text[position + 1]))
                {
                    excluded = true;
                    position++;
                }
                var term = ReadTerm();
                if (term is not null) return term with { Excluded = excluded };
            }
            return null;
        }

        private SearchTerm? ReadTerm()
        {
            if (text[position] == '"')
            {
                var close = text.IndexOf('"', position + 1);
                if (close < 0)
                {
                    // An unbalanced quote is only a character: the rest is read as words.
                    position++;
                    return null;
                }
                var phrase = text[(position + 1)..close].Trim();
                position = close + 1;
                return HasWord(phrase) ? new PhraseTerm(Collapse(phrase)) : null;
            }

            var start = position;
            while (position < text.Length && !char.IsWhiteSpace(text[position])) position++;
            var token = text[start..position];

            var colon = token.IndexOf(':');
            if (colon > 0 && FieldNamed(token[..colon]) is { } field)
            {
                var value = token[(colon + 1)..];
                if (value.StartsWith('"'))
                {
                    var close = text.IndexOf('"', start + colon + 2);
                    if (close >= 0)
                    {
                        value = text[(start + colon + 2)..close];
                        position = close + 1;
                        return FieldTerm(field, value, prefix: false);
                    }
                    value = value[1..];
                }
                if (FieldTerm(field, value.TrimEnd('*'), prefix: value.EndsWith('*')) is { } fieldTerm) return fieldTerm;
            }
            return Classify(token);
        }

        private static SearchTerm? FieldTerm(SearchField field, string value, bool prefix)
        {
            value = Collapse(value.Trim());
            return HasWord(value) ? new FieldTerm(field, value, prefix) : null;
        }

        private static SearchField? FieldNamed(string name) => name.ToLowerInvariant() switch
        {
            "payer" => SearchField.Payer,
            "mod" or "modifier" => SearchField.Modifier,
            "section" => SearchField.Section,
            "site" => SearchField.Site,
            _ => null,
        };

        private static SearchTerm? Classify(string token)
        {
            if (IsCode(token)) return new CodeTerm(token.ToUpperInvariant());

            var dash = token.IndexOfAny(['-', '–']);
            if (dash == 5 && token.Length == 11 && IsCode(token[..5]) && IsCode(token[6..])
                && CodeRangeTerm.Create(token[..5], token[6..]) is { } range)
            {
                return range;
            }

            var stem = token.TrimEnd('*');
            if (stem.Length < token.Length)
            {
                if (CptCode.IsDigitPrefix(stem)) return new CodePrefixTerm(stem);
                var prefix = TrimToWord(stem);
                // The prefix mark must follow a word character: "graft*" is a prefix, "graft.*" is the word "graft".
                if (prefix.Length > 0) return new WordTerm(prefix, IsPrefix: prefix.Length == stem.Length);
                return null;
            }

            // A coder types a code digit by digit: three or four digits are the start of a code as well as a word.
            if (token.Length is >= MinCodeDigits and < 5 && CptCode.IsDigitPrefix(token)) return new CodePrefixTerm(token) { AlsoWord = true };

            var word = TrimToWord(token);
            return word.Length > 0 ? new WordTerm(word) : null;
        }

        private static bool IsCode(string token) => CptCode.TryParse(token, out _) && token.Trim().Length == token.Length;

        /// <summary>The token without the characters before its first and after its last letter or digit.</summary>
        private static string TrimToWord(string token)
        {
            var runes = token.EnumerateRunes().ToList();
            var first = runes.FindIndex(IsWordRune);
            if (first < 0) return "";
            var last = runes.FindLastIndex(IsWordRune);
            return string.Concat(runes.Skip(first).Take(last - first + 1).Select(r => r.ToString()));
        }

        private static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}

/// <summary>One part of a <see cref="SearchQuery"/>.</summary>
public abstract record SearchTerm
{
    /// <summary>True for a term written with a leading '-': sections that match it are left out.</summary>
    public bool Excluded { get; init; }
}

/// <summary>A word that must appear; with <paramref name="IsPrefix"/>, any word that starts with it.</summary>
/// <param name="Text">The word as typed, without leading or trailing punctuation; inner punctuation ("e/m") is kept.</param>
/// <param name="IsPrefix">True when typed with a trailing '*'.</param>
public sealed record WordTerm(string Text, bool IsPrefix = false) : SearchTerm;

/// <summary>Words that must appear together, in this order.</summary>
/// <param name="Text">The words between the quotes, blanks collapsed.</param>
public sealed record PhraseTerm(string Text) : SearchTerm;

/// <summary>A five-character CPT code: its article comes first, then the sections that mention it.</summary>
/// <param name="Code">The code, upper-cased.</param>
public sealed record CodeTerm(string Code) : SearchTerm;

/// <summary>
/// The articles whose code starts with the digits, e.g. <c>209*</c>; typed without the star (<c>2096</c>), also the
/// sections holding the digits as a word (<see cref="AlsoWord"/>).
/// </summary>
/// <param name="Prefix">One to five digits.</param>
public sealed record CodePrefixTerm(string Prefix) : SearchTerm
{
    /// <summary>True when typed as bare digits: the digits also match as a word, anywhere in a section.</summary>
    public bool AlsoWord { get; init; }
}

/// <summary>The articles whose code lies in the range, both ends included, e.g. <c>20955-20970</c>.</summary>
/// <param name="From">The lower code, upper-cased.</param>
/// <param name="To">The higher code, upper-cased.</param>
public sealed record CodeRangeTerm(string From, string To) : SearchTerm
{
    /// <summary>
    /// The range between two codes of the same kind (five digits, or four digits and the same letter), in either order;
    /// null when the codes are of different kinds.
    /// </summary>
    public static CodeRangeTerm? Create(string first, string second)
    {
        if (!CptCode.TryParse(first, out var a) || !CptCode.TryParse(second, out var b) || a.Letter != b.Letter)
            return null;
        return a.CompareTo(b) <= 0 ? new CodeRangeTerm(a.Value, b.Value) : new CodeRangeTerm(b.Value, a.Value);
    }

    /// <summary>Whether the code lies in the range.</summary>
    public bool Contains(string code) =>
        CptCode.TryParse(code, out var c) && CptCode.TryParse(From, out var from) && CptCode.TryParse(To, out var to)
        && c.SortKey >= from.SortKey && c.SortKey <= to.SortKey;
}

/// <summary>A value that must appear in one field of a section.</summary>
/// <param name="Field">The field.</param>
/// <param name="Value">The value as typed, blanks collapsed; several words are a phrase.</param>
/// <param name="IsPrefix">True when typed with a trailing '*'.</param>
public sealed record FieldTerm(SearchField Field, string Value, bool IsPrefix = false) : SearchTerm;

/// <summary>The fields a <see cref="FieldTerm"/> can name.</summary>
public enum SearchField
{
    /// <summary><c>payer:</c> a payer's coverage subsection, or the summary that names the payer among its key payers.</summary>
    Payer,
    /// <summary><c>mod:</c> or <c>modifier:</c> the modifier table that lists the modifier code.</summary>
    Modifier,
    /// <summary><c>section:</c> the section's heading path.</summary>
    Section,
    /// <summary><c>site:</c> the typical site of service and the sites of service section.</summary>
    Site,
}
