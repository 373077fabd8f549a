using System.Text;

namespace CptKb.Core.Search;

/// <summary>
/// Splits text into the tokens the search index sees: SQLite FTS5's <c>unicode61</c> tokenizer with its defaults, the
/// first half of the index's <c>porter unicode61</c> (<see cref="PorterStemmer"/> is the second). Runs of letters,
/// digits and private-use characters are tokens; everything else separates them; a combining diacritic inside a token is
/// dropped; tokens are folded to lower case with the diacritics of Latin letters removed ("Müller" is <c>muller</c>).
/// <para>
/// Positions are UTF-16 indices into the text. The folded form is UTF-8, as SQLite writes it: the stemmer works on those
/// bytes, and a term compares with the index's byte for byte. An unpaired surrogate separates, as the U+FFFD that SQLite
/// receives in its place does.
/// </para>
/// </summary>
public static class SearchTokenizer
{
    /// <summary>
    /// The tokens of the text, one at a time, without allocating per token: <see cref="Enumerator.Current"/>'s folded form
    /// lives in a buffer the enumerator reuses, valid until the next <see cref="Enumerator.MoveNext"/>.
    /// </summary>
    public static Enumerator Enumerate(ReadOnlySpan<char> text) => new(text);

    /// <summary>The tokens of the text with their folded forms as strings; for short text (queries, titles) and tests.</summary>
    public static IReadOnlyList<SearchToken> Tokenize(string? text)
    {
        var tokens = new List<SearchToken>();
        foreach (var token in Enumerate(text))
        {
            tokens.Add(new SearchToken(token.Start, token.Length, Encoding.UTF8.GetString(token.Folded)));
        }
        return tokens;
    }

    /// <summary>One token: where it is in the text and its folded form (UTF-8, in the enumerator's buffer).</summary>
    public readonly ref struct Token
    {
        internal Token(int start, int length, ReadOnlySpan<byte> folded)
        {
            Start = start;
            Length = length;
            Folded = folded;
        }

        /// <summary>The index of its first UTF-16 code unit in the text.</summary>
        public int Start { get; }

        /// <summary>How many UTF-16 code units it spans, diacritics it swallowed included.</summary>
        public int Length { get; }

        /// <summary>Its folded form in UTF-8: lower case, Latin diacritics removed.</summary>
        public ReadOnlySpan<byte> Folded { get; }
    }

    /// <summary>Walks the text's tokens left to right; use with <c>foreach</c>.</summary>
    public ref struct Enumerator
    {
        private readonly ReadOnlySpan<char> text;
        private byte[] buffer;
        private int position, start, written;

        internal Enumerator(ReadOnlySpan<char> text)
        {
            this.text = text;
            // Enough for nearly every word; a longer token doubles it, so a token costs no allocation of its own.
            buffer = new byte[64];
        }

        /// <summary>The token found by the last <see cref="MoveNext"/>.</summary>
        public readonly Token Current => new(start, position - start, buffer.AsSpan(0, written));

        /// <summary>This enumerator, for <c>foreach</c>.</summary>
        public readonly Enumerator GetEnumerator() => this;

        /// <summary>Moves to the next token; false when there is none.</summary>
        public bool MoveNext()
        {
            // Only a token character starts a token: a diacritic between tokens separates, as in SQLite.
            while (position < text.Length)
            {
                var codePoint = CodePointAt(text, position, out var width);
                if (Unicode61.ClassOf(codePoint) == Unicode61.TokenCharacter) break;
                position += width;
            }
            if (position >= text.Length) return false;

            start = position;
            written = 0;
            while (position < text.Length)
            {
                // Most text is ASCII: a letter or digit is copied lower-cased, anything else ends the token.
                var c = text[position];
                if (c < 0x80)
                {
                    if (!char.IsAsciiLetterOrDigit(c)) break;
                    if (written == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                    buffer[written++] = (byte)(char.IsAsciiLetterUpper(c) ? c + 32 : c);
                    position++;
                    continue;
                }
                var codePoint = CodePointAt(text, position, out var width);
                var kind = Unicode61.ClassOf(codePoint);
                if (kind == Unicode61.Separator) break;
                if (kind == Unicode61.TokenCharacter) Write(Unicode61.Fold(codePoint));
                position += width;
            }
            return true;
        }

        private void Write(int codePoint)
        {
            if (written + 4 > buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
            written += new Rune(codePoint).EncodeToUtf8(buffer.AsSpan(written));
        }
    }

    /// <summary>The code point at the index; an unpaired surrogate reads as U+FFFD, as the UTF-8 SQLite receives has it.</summary>
    internal static int CodePointAt(ReadOnlySpan<char> text, int index, out int width)
    {
        var c = text[index];
        width = 1;
        if (!char.IsSurrogate(c)) return c;
        if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            width = 2;
            return char.ConvertToUtf32(c, text[index + 1]);
        }
        return 0xFFFD;
    }
}

/// <summary>A token of a text, as the search index sees it.</summary>
/// <param name="Start">The index of its first UTF-16 code unit in the text.</param>
/// <param name="Length">How many UTF-16 code units it spans.</param>
/// <param name="Normalized">Its folded form: lower case, diacritics of Latin letters removed (not stemmed).</param>
public readonly record struct SearchToken(int Start, int Length, string Normalized);
