using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CptKb.Core.Articles;

/// <summary>The kinds of CPT code, told apart by the fifth character.</summary>
public enum CptCodeKind
{
    /// <summary>Five digits: Category I (e.g. <c>20962</c>).</summary>
    Numeric,
    /// <summary>Four digits and F: Category II, performance measurement (e.g. <c>1000F</c>).</summary>
    CategoryII,
    /// <summary>Four digits and T: Category III, emerging technology (e.g. <c>0042T</c>).</summary>
    CategoryIII,
    /// <summary>Four digits and U: proprietary laboratory analyses (e.g. <c>0001U</c>).</summary>
    Pla,
    /// <summary>Four digits and another letter.</summary>
    OtherLetter,
}

/// <summary>
/// A five-character CPT code: four ASCII digits and a digit or a letter. The one place that says what a code is, how it
/// reads as a number and in which order codes are listed everywhere: five-digit codes by number first, then the codes
/// with a letter grouped by letter in CPT's own order (Category II F codes, Category III T codes, PLA U codes, then any
/// other letter), each group by number. So 0042T follows 99499 and 1000F, not 00100.
/// </summary>
public readonly record struct CptCode : IComparable<CptCode>
{
    private CptCode(string value, int number, char letter)
    {
        Value = value;
        Number = number;
        Letter = letter;
    }

    /// <summary>The code as written, upper-cased, e.g. <c>20962</c> or <c>0042T</c>.</summary>
    public string Value { get; }

    /// <summary>The digits as a number: 20962 for <c>20962</c>, 42 for <c>0042T</c>.</summary>
    public int Number { get; }

    /// <summary>The fifth character when it is a letter (upper case); <c>'\0'</c> for a five-digit code.</summary>
    public char Letter { get; }

    /// <summary>True for a five-digit code.</summary>
    public bool IsNumeric => Letter == '\0';

    /// <summary>What kind of code it is.</summary>
    public CptCodeKind Kind => Letter switch
    {
        '\0' => CptCodeKind.Numeric,
        'F' => CptCodeKind.CategoryII,
        'T' => CptCodeKind.CategoryIII,
        'U' => CptCodeKind.Pla,
        _ => CptCodeKind.OtherLetter,
    };

    /// <summary>
    /// One number that sorts codes in code order and keeps every kind of code together, so a code range is one span of
    /// keys: the number for a five-digit code; for a lettered code, past every five-digit code, by its letter's place in
    /// CPT's order, then by number. Stored beside the code so databases order and filter by it.
    /// </summary>
    public int SortKey => Letter switch
    {
        '\0' => Number,
        _ => LetteredBase + (LetterRank(Letter) * 10_000) + Number,
    };

    private const int LetteredBase = 100_000;

    // F, T and U first, in CPT's order; any other letter after them, alphabetically.
    private static int LetterRank(char letter) => letter switch
    {
        'F' => 0,
        'T' => 1,
        'U' => 2,
        _ => 3 + (letter - 'A'),
    };

    /// <summary>Reads a code; surrounding blanks are ignored and letters may be in either case.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out CptCode code)
    {
        code = default;
        if (text is null)
            return false;
        var span = text.AsSpan().Trim();
        if (span.Length != 5)
            return false;
        var number = 0;
        for (var i = 0; i < 4; i++)
        {
            if (!char.IsAsciiDigit(span[i]))
                return false;
            number = (number * 10) + (span[i] - '0');
        }
        var last = char.ToUpperInvariant(span[4]);
        if (char.IsAsciiDigit(last))
        {
            code = new CptCode(span.ToString(), (number * 10) + (last - '0'), '\0');
            return true;
        }
        if (!char.IsAsciiLetterUpper(last))
            return false;
        code = new CptCode(string.Concat(span[..4], [last]), number, last);
        return true;
    }

    /// <summary>The code, or null when the text is not one.</summary>
    public static CptCode? ParseOrNull(string? text) => TryParse(text, out var code) ? code : null;

    /// <summary>Reads a code that is known to be one (a stored article's code).</summary>
    /// <exception cref="FormatException">The text is not a five-character CPT code.</exception>
    public static CptCode Parse(string text) =>
        TryParse(text, out var code) ? code : throw new FormatException($"'{text}' is not a five-character CPT code.");

    /// <summary>True for one to five ASCII digits: the start of a code as a coder types it (<c>2096</c>).</summary>
    public static bool IsDigitPrefix(ReadOnlySpan<char> text) =>
        text.Length is >= 1 and <= 5 && !text.ContainsAnyExceptInRange('0', '9');

    /// <summary>The sort key of the first code after every code of this kind: the end of its group (exclusive).</summary>
    internal static int SortKeyLimit(CptCodeKind kind, char letter) => kind == CptCodeKind.Numeric
        ? LetteredBase
        : LetteredBase + ((LetterRank(letter) + 1) * 10_000);

    /// <summary>The sort key of the first possible code of this kind.</summary>
    internal static int SortKeyStart(CptCodeKind kind, char letter) => kind == CptCodeKind.Numeric
        ? 0
        : LetteredBase + (LetterRank(letter) * 10_000);

    /// <inheritdoc />
    public int CompareTo(CptCode other) =>
        SortKey != other.SortKey ? SortKey.CompareTo(other.SortKey) : string.CompareOrdinal(Value, other.Value);

    /// <summary>Compares two codes as written in code order; text that is not a code sorts after every code, ordinally.</summary>
    public static int Compare(string? a, string? b)
    {
        var x = ParseOrNull(a);
        var y = ParseOrNull(b);
        return (x, y) switch
        {
            ({ } cx, { } cy) => cx.CompareTo(cy),
            (null, null) => string.CompareOrdinal(a, b),
            (null, _) => 1,
            _ => -1,
        };
    }

    /// <summary>An ordering of code strings in code order, for sorting lists in memory.</summary>
    public static IComparer<string> Order { get; } = Comparer<string>.Create(Compare);

    /// <inheritdoc />
    public override string ToString() => Value ?? "";

    /// <summary>The digits of the code as written: <c>20962</c>, or <c>0042</c> for <c>0042T</c>.</summary>
    public string Digits => IsNumeric ? Value : Value[..4];

    /// <summary>The code with the given number and letter, e.g. (42, 'T') as <c>0042T</c>.</summary>
    internal static CptCode From(int number, char letter) => letter == '\0'
        ? Parse(number.ToString("D5", CultureInfo.InvariantCulture))
        : Parse(number.ToString("D4", CultureInfo.InvariantCulture) + letter);
}
