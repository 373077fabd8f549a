namespace CptKb.Core.Search;

/// <summary>
/// One thing to highlight, read as FTS5 reads a quoted string of a MATCH expression: its tokens in a row, so one token
/// is a word and several are a phrase ("e/m" is the phrase e m). A token matches a text's token with the same stem
/// ("grafts" matches "grafting"); with <paramref name="IsPrefix"/>, the last one matches any token whose stem, or
/// folded form, starts with its own.
/// </summary>
/// <param name="Text">The word or words, as typed.</param>
/// <param name="IsPrefix">True for a prefix query (<c>graft*</c>).</param>
public sealed record HighlightTerm(string Text, bool IsPrefix = false);

/// <summary>
/// The terms of a query made ready to match text: tokenized and stemmed once, then used for every section of a page
/// of results. Terms with no token are dropped, and so are repeats (<c>graft grafts</c> is one term).
/// </summary>
public sealed class HighlightTerms
{
    /// <summary>Terms past this many are dropped (a query holds at most <see cref="SearchQuery.MaxTerms"/>).</summary>
    public const int MaxTerms = 64;

    /// <summary>A phrase is matched on this many words at most; the rest of a longer one is ignored.</summary>
    public const int MaxWords = 64;

    private HighlightTerms(Word[][] terms)
    {
        Terms = terms;
        LongestPhrase = terms.Length == 0 ? 1 : terms.Max(t => t.Length);
    }

    /// <summary>No term: nothing is highlighted.</summary>
    public static HighlightTerms None { get; } = new([]);

    /// <summary>How many terms there are.</summary>
    public int Count => Terms.Length;

    /// <summary>Each term's words in order (one for a word, more for a phrase).</summary>
    internal Word[][] Terms { get; }

    /// <summary>The most words in one term.</summary>
    internal int LongestPhrase { get; }

    /// <summary>The terms made ready; never throws.</summary>
    public static HighlightTerms Create(IEnumerable<HighlightTerm> terms)
    {
        var ready = new List<Word[]>();
        foreach (var term in terms)
        {
            var tokens = SearchTokenizer.Tokenize(term.Text);
            if (tokens.Count == 0) continue;
            var words = tokens.Take(MaxWords)
                .Select((token, i) => Word.From(token.Normalized, term.IsPrefix && i == tokens.Count - 1))
                .ToArray();
            if (!ready.Any(r => r.SequenceEqual(words))) ready.Add(words);
            if (ready.Count == MaxTerms) break;
        }
        return ready.Count == 0 ? None : new HighlightTerms([.. ready]);
    }

    /// <summary>
    /// What to highlight in a section's text for a query: its words, prefixes, phrases and codes, and the values of its
    /// payer, section and site fields (a payer's name is worth showing in its coverage text). Excluded terms, code
    /// prefixes and ranges (matched against the code alone) and modifier fields (matched against the modifier table)
    /// are left out.
    /// </summary>
    public static HighlightTerms For(SearchQuery query) => Create(query.Terms
        .Where(t => !t.Excluded)
        .Select(t => t switch
        {
            WordTerm w => new HighlightTerm(w.Text, w.IsPrefix),
            PhraseTerm p => new HighlightTerm(p.Text),
            CodeTerm c => new HighlightTerm(c.Code),
            // Typed digits show where a code starting with them, or the digits themselves, are written.
            CodePrefixTerm { AlsoWord: true } p => new HighlightTerm(p.Prefix, IsPrefix: true),
            FieldTerm { Field: not SearchField.Modifier } f => new HighlightTerm(f.Value, f.IsPrefix),
            _ => null,
        })
        .OfType<HighlightTerm>());

    /// <summary>One word of a term: its stem and folded form in UTF-8, as <see cref="SearchTokenizer"/> and <see cref="PorterStemmer"/> give them.</summary>
    internal sealed record Word(byte[] Stem, byte[] Folded, bool IsPrefix)
    {
        public static Word From(string normalized, bool isPrefix)
        {
            var folded = System.Text.Encoding.UTF8.GetBytes(normalized);
            var stem = new byte[folded.Length];
            return new Word(stem[..PorterStemmer.Stem(folded, stem)], folded, isPrefix);
        }

        /// <summary>Whether a text's token, given its stem and folded form, matches this word.</summary>
        public bool Matches(ReadOnlySpan<byte> stem, ReadOnlySpan<byte> folded) =>
            IsPrefix ? stem.StartsWith(Stem) || folded.StartsWith(Folded) : stem.SequenceEqual(Stem);

        public bool Equals(Word? other) =>
            other is not null && IsPrefix == other.IsPrefix && Stem.AsSpan().SequenceEqual(other.Stem)
            && (!IsPrefix || Folded.AsSpan().SequenceEqual(other.Folded));

        public override int GetHashCode() => HashCode.Combine(IsPrefix, Stem.Length);
    }
}
