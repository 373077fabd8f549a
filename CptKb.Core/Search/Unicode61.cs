namespace CptKb.Core.Search;

/// <summary>
/// What SQLite FTS5's <c>unicode61</c> tokenizer, with its defaults, makes of one code point: whether it separates tokens,
/// belongs to one, or is a diacritic that a token swallows, and what it is written as once case and diacritics are folded.
/// <para>
/// SQLite carries its own tables, from Unicode 6.1, and reads every code point it has no category for (unassigned in 6.1,
/// which includes most later letters, symbols and emoji) as a token character. .NET's own Unicode data is newer and would
/// disagree on over 800,000 code points, and its lower-casing is not Unicode case folding (µ, ς, ſ), so the data lives in
/// <c>Unicode61.Data.cs</c>, written from what the index itself does with every code point (see the test that checks it).
/// </para>
/// </summary>
internal static partial class Unicode61
{
    /// <summary>Ends a token, or lies between tokens.</summary>
    public const int Separator = 0;

    /// <summary>Starts or continues a token (letters, digits, private use, and what SQLite has no category for).</summary>
    public const int TokenCharacter = 1;

    /// <summary>A combining diacritic: it continues a token and is then dropped, but cannot start one.</summary>
    public const int Diacritic = 2;

    /// <summary>The class of the code point: <see cref="Separator"/>, <see cref="TokenCharacter"/> or <see cref="Diacritic"/>.</summary>
    public static int ClassOf(int codePoint)
    {
        if (codePoint < 0x80) return char.IsAsciiLetterOrDigit((char)codePoint) ? TokenCharacter : Separator;
        // The last run that starts at or before the code point.
        var runs = Runs;
        int low = 0, high = runs.Length - 1;
        while (low < high)
        {
            var middle = (low + high + 1) >> 1;
            if ((runs[middle] >> 2) <= codePoint) low = middle;
            else high = middle - 1;
        }
        return runs[low] & 3;
    }

    /// <summary>The code point a token character is written as: lower case, diacritics removed (remove_diacritics=1).</summary>
    public static int Fold(int codePoint)
    {
        if (codePoint < 0x80) return codePoint is >= 'A' and <= 'Z' ? codePoint + 32 : codePoint;
        var index = FoldFrom.BinarySearch(codePoint);
        return index >= 0 ? FoldTo[index] : codePoint;
    }
}
