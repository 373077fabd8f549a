using System.Numerics;
using System.Text;

namespace CptKb.Core.Search;

/// <summary>
/// Search-result snippets and highlights, computed from a section's own text with the index's tokenizer and stemmer, so
/// they mark what the index matched without asking the index for its text.
/// <para>
/// The work is bounded whatever the text: only the first <see cref="ScanLength"/> characters are read, in two passes
/// that hold a fixed amount of state (no list of the text's tokens), and the snippet itself is at most
/// <see cref="MaxLength"/> characters.
/// </para>
/// </summary>
public static class SnippetBuilder
{
    /// <summary>
    /// How many characters of a text are read. Sections run to a few thousand characters, so this reads all of any real
    /// one, yet a page of results stays cheap even if a text is huge (about a millisecond to read 64 K characters): a match
    /// past it is not shown, and the snippet is the start of the text.
    /// </summary>
    public const int ScanLength = 64 * 1024;

    /// <summary>How many tokens a snippet shows when not told otherwise.</summary>
    public const int WindowTokens = 32;

    /// <summary>The most characters a snippet holds (without its "…"), for tokens that are absurdly long.</summary>
    public const int MaxLength = 1000;

    private const string Ellipsis = "…";

    // Punctuation next to the window's first or last token ("(autograft)." rather than "autograft") is kept, up to this many characters.
    private const int MaxPunctuation = 8;

    /// <summary>
    /// About <paramref name="tokens"/> tokens of the text around the place that holds the most distinct terms (the
    /// earliest such place), with every match in it highlighted; the start of the text when nothing matches. Never
    /// throws; null or empty text gives <see cref="TextSnippet.Empty"/>.
    /// </summary>
    /// <param name="text">A section's plain text.</param>
    /// <param name="terms">What to highlight.</param>
    /// <param name="tokens">How many tokens to show, 1 to 256.</param>
    public static TextSnippet Build(string? text, HighlightTerms terms, int tokens = WindowTokens)
    {
        if (string.IsNullOrEmpty(text)) return TextSnippet.Empty;
        tokens = Math.Clamp(tokens, 1, 256);
        var scanned = ScannedLength(text);

        // Without terms there is no place to find: the text's start, without reading the rest.
        var (first, last, count) = terms.Count == 0 ? (-1, -1, 0) : BestPlace(text.AsSpan(0, scanned), scanned < text.Length, terms, tokens);
        if (first < 0) return Write(text, scanned, Window(text, scanned, terms, 0, tokens));

        // Centre the matches: as much text before the first as after the last.
        var span = last - first + 1;
        var start = span >= tokens ? first : Math.Clamp(first - (tokens - span) / 2, 0, Math.Max(0, count - tokens));
        return Write(text, scanned, Window(text, scanned, terms, start, Math.Min(start + tokens, count)));
    }

    /// <summary>
    /// Every match in the text, in text positions, in order and not overlapping; for short texts such as titles and
    /// headings (only the first <see cref="ScanLength"/> characters are read). Never throws.
    /// </summary>
    public static IReadOnlyList<TextRange> Highlight(string? text, HighlightTerms terms)
    {
        if (string.IsNullOrEmpty(text) || terms.Count == 0) return [];
        return Window(text, ScannedLength(text), terms, 0, int.MaxValue).Highlights;
    }

    /// <summary>
    /// Which of the terms the text holds: bit t for term t (only the first <see cref="ScanLength"/> characters are read).
    /// Never throws.
    /// </summary>
    public static ulong TermsIn(string? text, HighlightTerms terms)
    {
        if (string.IsNullOrEmpty(text) || terms.Count == 0) return 0;
        var scanned = ScannedLength(text);
        var scan = text.AsSpan(0, scanned);
        var cut = scanned < text.Length;
        Span<ulong> progress = stackalloc ulong[HighlightTerms.MaxTerms];
        var matcher = new TermMatcher(terms, progress);
        ulong found = 0;
        foreach (var token in SearchTokenizer.Enumerate(scan))
            found |= matcher.Next(token.Folded, CanMatch(token, scanned, cut));
        return found;
    }

    /// <summary>The first <see cref="ScanLength"/> characters, one fewer rather than half a surrogate pair.</summary>
    private static int ScannedLength(string text)
    {
        if (text.Length <= ScanLength) return text.Length;
        return char.IsHighSurrogate(text[ScanLength - 1]) ? ScanLength - 1 : ScanLength;
    }

    /// <summary>A token that runs into the end of what was read, with more text after it, was cut: it matches nothing.</summary>
    private static bool CanMatch(in SearchTokenizer.Token token, int scanned, bool cut) => !cut || token.Start + token.Length < scanned;

    /// <summary>
    /// Slides a window of <paramref name="tokens"/> tokens over the text, counting the distinct terms whose matches end
    /// inside it, and keeps the first window with the most. Returns the first and last token of that window's matches
    /// (-1 when nothing matches) and how many tokens were read.
    /// </summary>
    private static (int First, int Last, int Count) BestPlace(ReadOnlySpan<char> scan, bool cut, HighlightTerms terms, int tokens)
    {
        Span<ulong> progress = stackalloc ulong[HighlightTerms.MaxTerms];
        Span<int> inWindow = stackalloc int[HighlightTerms.MaxTerms];
        // For each token of the window (a ring): the terms ending on it, and the first token of the longest of them.
        Span<ulong> ended = stackalloc ulong[tokens];
        Span<int> matchStart = stackalloc int[tokens];
        inWindow.Clear();
        var matcher = new TermMatcher(terms, progress);

        int distinct = 0, best = 0, first = -1, last = -1, index = 0;
        foreach (var token in SearchTokenizer.Enumerate(scan))
        {
            var slot = index % tokens;
            if (index >= tokens)
            {
                for (var leaving = ended[slot]; leaving != 0; leaving &= leaving - 1)
                {
                    if (--inWindow[BitOperations.TrailingZeroCount(leaving)] == 0) distinct--;
                }
            }
            var mask = matcher.Next(token.Folded, CanMatch(token, scan.Length, cut));
            ended[slot] = mask;
            matchStart[slot] = index - matcher.LongestIn(mask) + 1;
            for (var arriving = mask; arriving != 0; arriving &= arriving - 1)
            {
                if (inWindow[BitOperations.TrailingZeroCount(arriving)]++ == 0) distinct++;
            }
            if (distinct > best)
            {
                (best, last, first) = (distinct, index, index);
                for (var k = Math.Max(0, index - tokens + 1); k <= index; k++)
                {
                    if (ended[k % tokens] != 0) first = Math.Min(first, matchStart[k % tokens]);
                }
            }
            index++;
        }
        return (first, last, index);
    }

    /// <summary>A part of a text to show, and the matches in it, in text positions.</summary>
    private readonly record struct TextWindow(int From, int To, List<TextRange> Highlights);

    /// <summary>Where tokens [<paramref name="start"/>, <paramref name="end"/>) lie, widened to their punctuation, and the matches in them.</summary>
    private static TextWindow Window(string text, int scanned, HighlightTerms terms, int start, int end)
    {
        var scan = text.AsSpan(0, scanned);
        var cut = scanned < text.Length;
        Span<ulong> progress = stackalloc ulong[HighlightTerms.MaxTerms];
        // The start of the last tokens read, enough to find where a phrase ending on this token begins.
        Span<int> starts = stackalloc int[terms.LongestPhrase];
        var matcher = new TermMatcher(terms, progress);
        var highlights = new List<TextRange>();

        int from = -1, to = -1, index = 0;
        foreach (var token in SearchTokenizer.Enumerate(scan))
        {
            // A phrase that starts in the window may end after it: read on until no such phrase can still end (written
            // so that an end of int.MaxValue, for the whole text, cannot overflow).
            if (index >= end && index - end >= terms.LongestPhrase - 1) break;
            starts[index % starts.Length] = token.Start;
            if (index == start) from = token.Start;
            if (index < end) to = token.Start + token.Length;

            var mask = matcher.Next(token.Folded, CanMatch(token, scanned, cut));
            for (; mask != 0 && index >= start; mask &= mask - 1)
            {
                var firstToken = index - matcher.LengthOf(BitOperations.TrailingZeroCount(mask)) + 1;
                if (firstToken >= end) continue;
                var matchFrom = Math.Max(starts[firstToken % starts.Length], from);
                var matchTo = Math.Min(token.Start + token.Length, to);
                highlights.Add(new TextRange(matchFrom, matchTo - matchFrom));
            }
            index++;
        }

        if (from < 0) return new TextWindow(0, scanned, []);  // no token at all: the text as it starts
        return new TextWindow(WidenBack(text, from), WidenOn(text, to, scanned), Merge(highlights));
    }

    /// <summary>The ranges in order, overlapping ones (a word inside a matched phrase) made one.</summary>
    private static List<TextRange> Merge(List<TextRange> ranges)
    {
        if (ranges.Count < 2) return ranges;
        ranges.Sort((a, b) => a.Start.CompareTo(b.Start));
        var merged = new List<TextRange>(ranges.Count) { ranges[0] };
        foreach (var range in ranges.Skip(1))
        {
            var previous = merged[^1];
            if (range.Start <= previous.End)
                merged[^1] = new TextRange(previous.Start, Math.Max(previous.End, range.End) - previous.Start);
            else
                merged.Add(range);
        }
        return merged;
    }

    private static bool IsBlank(char c) => char.IsWhiteSpace(c) || char.IsControl(c);

    /// <summary>Whether the character (or surrogate pair) at the index is punctuation: neither blank nor part of a token.</summary>
    private static bool IsPunctuation(string text, int index, out int width) =>
        Unicode61.ClassOf(SearchTokenizer.CodePointAt(text, index, out width)) == Unicode61.Separator && !IsBlank(text[index]);

    private static int WidenBack(string text, int from)
    {
        var limit = from - MaxPunctuation;
        while (from > Math.Max(0, limit))
        {
            var before = char.IsLowSurrogate(text[from - 1]) && from > 1 && char.IsHighSurrogate(text[from - 2]) ? from - 2 : from - 1;
            if (!IsPunctuation(text, before, out _)) break;
            from = before;
        }
        return from;
    }

    private static int WidenOn(string text, int to, int scanned)
    {
        var limit = Math.Min(scanned, to + MaxPunctuation);
        while (to < limit && IsPunctuation(text, to, out var width)) to += width;
        return to;
    }

    /// <summary>The window's text with blanks collapsed, "…" where more text lies before or after, the highlights moved with it.</summary>
    private static TextSnippet Write(string text, int scanned, TextWindow window)
    {
        var snippet = new StringBuilder(Math.Min(window.To - window.From, MaxLength) + 2);
        if (HasText(text, 0, window.From)) snippet.Append(Ellipsis);
        var origin = snippet.Length;

        var highlights = new List<TextRange>(window.Highlights.Count);
        int next = 0, highlightStart = -1, position = window.From;
        var blank = false;
        for (; position < window.To && snippet.Length - origin < MaxLength; position++)
        {
            var c = text[position];
            if (IsBlank(c))
            {
                blank = true;
            }
            else
            {
                if (blank && snippet.Length > origin) snippet.Append(' ');
                blank = false;
                if (next < window.Highlights.Count && window.Highlights[next].Start == position) highlightStart = snippet.Length;
                if (char.IsHighSurrogate(c) && position + 1 < window.To && char.IsLowSurrogate(text[position + 1]))
                    snippet.Append(c).Append(text[++position]);
                else
                    snippet.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
            }
            if (next < window.Highlights.Count && window.Highlights[next].End == position + 1)
            {
                highlights.Add(new TextRange(highlightStart, snippet.Length - highlightStart));
                (next, highlightStart) = (next + 1, -1);
            }
        }
        // Cut at MaxLength: a match cut in two keeps its shown part.
        if (highlightStart >= 0) highlights.Add(new TextRange(highlightStart, snippet.Length - highlightStart));

        var more = position < window.To || scanned < text.Length || HasText(text, window.To, scanned);
        if (more && snippet.Length > origin) snippet.Append(Ellipsis);
        return new TextSnippet(snippet.ToString(), highlights);
    }

    /// <summary>Whether anything but blanks lies in [from, to); stops at the first such character.</summary>
    private static bool HasText(string text, int from, int to)
    {
        for (var i = to - 1; i >= from; i--)
        {
            if (!IsBlank(text[i])) return true;
        }
        return false;
    }
}
