using System.Numerics;

namespace CptKb.Core.Search;

/// <summary>
/// Follows a text's tokens one at a time and says which terms end a match on each: a word on the token itself, a phrase
/// on its last word. For each term it keeps one bit per word: bit j set means the tokens just read match the term's
/// first j + 1 words, so a phrase is found in one pass without looking back or allocating.
/// </summary>
internal ref struct TermMatcher
{
    private readonly HighlightTerms terms;
    private readonly Span<ulong> progress;

    /// <param name="terms">The terms to look for.</param>
    /// <param name="progress">Room for one value per term, cleared here.</param>
    public TermMatcher(HighlightTerms terms, Span<ulong> progress)
    {
        this.terms = terms;
        this.progress = progress[..terms.Count];
        this.progress.Clear();
    }

    /// <summary>
    /// Reads the next token; returns the terms (bit t for term t) whose match ends on it. A token that cannot match
    /// (one cut short by the end of the text read) also breaks every phrase in progress.
    /// </summary>
    public readonly ulong Next(ReadOnlySpan<byte> folded, bool canMatch)
    {
        if (!canMatch || terms.Count == 0)
        {
            progress.Clear();
            return 0;
        }

        Span<byte> buffer = stackalloc byte[PorterStemmer.MaxLength];
        var stem = folded.Length <= buffer.Length ? buffer[..PorterStemmer.Stem(folded, buffer)] : folded;
        ulong ended = 0;
        for (var t = 0; t < terms.Count; t++)
        {
            var words = terms.Terms[t];
            ulong hits = 0;
            for (var j = 0; j < words.Length; j++)
            {
                if (words[j].Matches(stem, folded)) hits |= 1UL << j;
            }
            progress[t] = ((progress[t] << 1) | 1) & hits;
            if ((progress[t] >> (words.Length - 1) & 1) != 0) ended |= 1UL << t;
        }
        return ended;
    }

    /// <summary>How many tokens the longest of the terms in the mask spans.</summary>
    public readonly int LongestIn(ulong mask)
    {
        var longest = 0;
        for (; mask != 0; mask &= mask - 1)
        {
            longest = Math.Max(longest, terms.Terms[BitOperations.TrailingZeroCount(mask)].Length);
        }
        return longest;
    }

    /// <summary>How many tokens term t spans.</summary>
    public readonly int LengthOf(int t) => terms.Terms[t].Length;
}
