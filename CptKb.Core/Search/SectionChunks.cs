using System.Text;

namespace CptKb.Core.Search;

/// <summary>
/// A section's text in pieces of bounded size, so that the index's work per row stays bounded whatever the document.
/// FTS5's snippet() compares every match in a row with every other (measured: a 4 KB row of one repeated word costs
/// about 5 ms, 64 KB over a second, 256 KB about 15 s), so a row must never hold more than a few hundred words. An
/// ordinary section (the publications' longest are a few hundred words) stays one piece, the same text as before.
/// </summary>
internal static class SectionChunks
{
    /// <summary>The most words a piece holds.</summary>
    public const int MaxWords = 512;

    /// <summary>The most characters a piece holds (a little more when it ends on a surrogate pair).</summary>
    public const int MaxChars = 4096;

    /// <summary>
    /// Each piece after the first starts with the last words of the one before, so a phrase of up to this many words
    /// plus one that spans the cut is still found in one piece.
    /// </summary>
    public const int OverlapWords = 8;

    /// <summary>The overlap never reaches back further than this, whatever the words' length.</summary>
    public const int MaxOverlapChars = 200;

    /// <summary>The most pieces a section is cut into; the last takes whatever is left (never reached within the importer's 16 MB).</summary>
    public const int MaxPieces = 65536;

    /// <summary>Text of titles, headings and fields indexed beside a section's text is cut to this many characters.</summary>
    public const int MaxFieldChars = 1024;

    /// <summary>
    /// The text in pieces of at most <see cref="MaxWords"/> words and <see cref="MaxChars"/> characters, cut after a line
    /// break where there is one in a piece's second half, else after a blank, else after any character that is not part of
    /// a word, else where the bound falls; at most <paramref name="maxPieces"/> pieces, the last taking whatever is left.
    /// Text within the bounds is one piece, unchanged.
    /// </summary>
    public static IReadOnlyList<string> Split(string text, int maxPieces = int.MaxValue)
    {
        var pieces = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            if (pieces.Count == maxPieces - 1)
            {
                pieces.Add(text[start..]);
                break;
            }
            var end = BoundOf(text, start, out var lineBreak, out var blank, out var other);
            if (end >= text.Length)
            {
                pieces.Add(text[start..]);
                break;
            }
            var half = start + (end - start) / 2;
            var cut = lineBreak > half ? lineBreak : blank > half ? blank : other > half ? other : end;
            pieces.Add(text[start..cut]);
            start = Math.Max(start + 1, OverlapStart(text, cut, Math.Max(half, cut - MaxOverlapChars)));
        }
        return pieces;
    }

    /// <summary>A field's text cut to <see cref="MaxFieldChars"/> characters, after a blank where there is one in the second half.</summary>
    public static string Field(string text)
    {
        if (text.Length <= MaxFieldChars) return text;
        var at = text.LastIndexOfAny([' ', '\t', '\n', '\r'], MaxFieldChars - 1);
        var end = at >= MaxFieldChars / 2 ? at : MaxFieldChars;
        if (char.IsHighSurrogate(text[end - 1])) end--;
        return text[..end];
    }

    /// <summary>
    /// Where the piece that starts here must end: the start of its (MaxWords + 1)th word, its MaxChars-th character, or the
    /// text's end; and where the text just after the last line break, blank and other non-word character before that is.
    /// </summary>
    private static int BoundOf(string text, int start, out int lineBreak, out int blank, out int other)
    {
        lineBreak = blank = other = -1;
        var words = 0;
        var inWord = false;
        var at = start;
        while (at < text.Length && at - start < MaxChars)
        {
            var word = IsWordStart(text, at, out var length);
            if (word && !inWord)
            {
                if (words == MaxWords) break;
                words++;
            }
            else if (!word)
            {
                if (text[at] == '\n') lineBreak = at + length;
                else if (char.IsWhiteSpace(text[at])) blank = at + length;
                else other = at + length;
            }
            inWord = word;
            at += length;
        }
        return at;
    }

    /// <summary>Whether a word character starts at <paramref name="at"/>, and its length in UTF-16 units; ASCII without decoding.</summary>
    private static bool IsWordStart(string text, int at, out int length)
    {
        var c = text[at];
        if (char.IsAscii(c))
        {
            length = 1;
            return char.IsAsciiLetterOrDigit(c);
        }
        var status = Rune.DecodeFromUtf16(text.AsSpan(at), out var rune, out length);
        return status == System.Buffers.OperationStatus.Done && SearchQuery.IsWordRune(rune);
    }

    /// <summary>The start of the <see cref="OverlapWords"/>th word before the cut, not before <paramref name="limit"/>; else the cut.</summary>
    private static int OverlapStart(string text, int cut, int limit)
    {
        var start = cut;
        var words = 0;
        for (var at = cut - 1; at >= limit && at > 0; at--)
        {
            if (IsWordAt(text, at) && !IsWordAt(text, at - 1))
            {
                start = at;
                if (++words == OverlapWords) break;
            }
        }
        return start;
    }

    private static bool IsWordAt(string text, int at)
    {
        if (char.IsLowSurrogate(text[at]) && at > 0) at--;
        return Rune.TryGetRuneAt(text, at, out var rune) && SearchQuery.IsWordRune(rune);
    }
}
