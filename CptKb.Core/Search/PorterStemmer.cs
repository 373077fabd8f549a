using System.Text;

namespace CptKb.Core.Search;

/// <summary>
/// The stemming SQLite FTS5's <c>porter</c> tokenizer applies to each token of <see cref="SearchTokenizer"/>: Martin
/// Porter's algorithm (1980), with the rule order and the choices of FTS5's own implementation, so that a word stems here
/// to exactly the term the index holds ("grafting" and "grafts" are both <c>graft</c>).
/// <para>
/// It works on the token's UTF-8 bytes, as FTS5 does: a byte outside ASCII is a consonant like any letter other than
/// a, e, i, o, u (and y after a consonant), so a word with an accent left in it is stemmed too. Tokens shorter than
/// <see cref="MinLength"/> or longer than <see cref="MaxLength"/> bytes pass through unchanged.
/// </para>
/// </summary>
public static class PorterStemmer
{
    /// <summary>Tokens of fewer UTF-8 bytes than this are not stemmed.</summary>
    public const int MinLength = 3;

    /// <summary>Tokens of more UTF-8 bytes than this are not stemmed.</summary>
    public const int MaxLength = 64;

    /// <summary>
    /// Writes the stem of the folded token into <paramref name="stem"/>, which must hold at least as many bytes as the
    /// token (a stem is never longer), and returns its length.
    /// </summary>
    public static int Stem(ReadOnlySpan<byte> token, Span<byte> stem)
    {
        if (stem.Length < token.Length) throw new ArgumentException("The stem needs room for as many bytes as the token.", nameof(stem));
        token.CopyTo(stem);
        if (token.Length is < MinLength or > MaxLength) return token.Length;

        var word = new Word(stem[..token.Length]);
        word.Step1();
        word.Apply(Step2, MeasureAbove0);
        word.Apply(Step3, MeasureAbove0);
        word.Apply(Step4, MeasureAbove1);
        word.Step5();
        return word.Length;
    }

    /// <summary>
    /// The stem of a folded token (see <see cref="SearchToken.Normalized"/>). FTS5 stems bytes: in the rare case where it
    /// cuts a byte off a character outside ASCII, the string shows U+FFFD where the index holds the cut bytes.
    /// </summary>
    public static string Stem(string token)
    {
        var bytes = Encoding.UTF8.GetBytes(token);
        return Encoding.UTF8.GetString(bytes, 0, Stem(bytes, bytes));
    }

    private delegate bool Condition(ReadOnlySpan<byte> stem);

    /// <summary>A suffix and what replaces it when the rest of the word meets the step's condition.</summary>
    private readonly record struct Rule(string Suffix, string Replacement = "");

    // Within a step the first rule whose suffix ends the word (leaving at least one byte) decides: when its condition
    // fails, no later rule is tried. Order matters only where one suffix ends another ("ational" before "tional").
    // Rules are looked up by their next-to-last letter, which the word's must be, so a word tries one to four of them.
    private static readonly Rule[][] Step2 = ByNextToLast(
    [
        new("ational", "ate"), new("tional", "tion"), new("enci", "ence"), new("anci", "ance"), new("izer", "ize"),
        new("logi", "log"), new("bli", "ble"), new("alli", "al"), new("entli", "ent"), new("eli", "e"), new("ousli", "ous"),
        new("ization", "ize"), new("ation", "ate"), new("ator", "ate"), new("alism", "al"), new("iveness", "ive"),
        new("fulness", "ful"), new("ousness", "ous"), new("aliti", "al"), new("iviti", "ive"), new("biliti", "ble"),
    ]);

    private static readonly Rule[][] Step3 = ByNextToLast(
    [
        new("ical", "ic"), new("ness"), new("icate", "ic"), new("iciti", "ic"), new("ful"), new("ative"), new("alize", "al"),
    ]);

    private static readonly Rule[][] Step4 = ByNextToLast(
    [
        new("al"), new("ance"), new("ence"), new("er"), new("ic"), new("able"), new("ible"), new("ant"), new("ement"),
        new("ment"), new("ent"), new("ion"), new("ou"), new("ism"), new("ate"), new("iti"), new("ous"), new("ive"), new("ize"),
    ]);

    /// <summary>The rules by the ASCII code of their suffix's next-to-last letter, each group in the order given.</summary>
    private static Rule[][] ByNextToLast(Rule[] rules) =>
        [.. Enumerable.Range(0, 128).Select(c => rules.Where(r => r.Suffix[^2] == c).ToArray())];

    /// <summary>The word being stemmed: a prefix of the caller's buffer that steps shorten or rewrite in place.</summary>
    private ref struct Word(Span<byte> buffer)
    {
        private readonly Span<byte> buffer = buffer;

        public int Length { get; private set; } = buffer.Length;

        private readonly ReadOnlySpan<byte> Text => buffer[..Length];

        private readonly byte Last => buffer[Length - 1];

        public void Step1()
        {
            // 1a: plurals. "sses" and "ies" lose two letters, any other "s" not after another "s" loses one.
            if (Last == 's')
            {
                if (buffer[Length - 2] == 'e')
                {
                    Length -= (EndsWith("sses") && Length > 4) || (Length > 3 && buffer[Length - 3] == 'i') ? 2 : 1;
                }
                else if (buffer[Length - 2] != 's')
                {
                    Length--;
                }
            }

            // 1b: "eed" becomes "ee" when m > 0; "ed" and "ing" go when a vowel precedes them, and the stem is then tidied.
            var removed = false;
            if (EndsWithStrictly("eed"))
            {
                if (MeasureAbove0(Text[..^3])) Length--;
            }
            else if (EndsWithStrictly("ed") && HasVowel(Text[..^2]))
            {
                Length -= 2;
                removed = true;
            }
            else if (EndsWithStrictly("ing") && HasVowel(Text[..^3]))
            {
                Length -= 3;
                removed = true;
            }
            if (removed)
            {
                if (EndsWithStrictly("at") || EndsWithStrictly("bl") || EndsWithStrictly("iz"))
                {
                    Append('e');
                }
                else if (Length >= 2 && IsDoubleConsonant(Last) && Last == buffer[Length - 2])
                {
                    Length--;
                }
                else if (MeasureIs1(Text) && EndsConsonantVowelConsonant(Text))
                {
                    Append('e');
                }
            }

            // 1c: a final "y" after a vowel somewhere before it becomes "i".
            if (Last == 'y' && HasVowel(Text[..^1])) buffer[Length - 1] = (byte)'i';
        }

        public void Apply(Rule[][] rulesByNextToLast, Condition condition)
        {
            if (Length < 2 || buffer[Length - 2] >= rulesByNextToLast.Length) return;
            foreach (var rule in rulesByNextToLast[buffer[Length - 2]])
            {
                if (!EndsWithStrictly(rule.Suffix)) continue;
                var stem = Length - rule.Suffix.Length;
                // Step 4's "ion" goes only after "s" or "t".
                var allowed = condition(Text[..stem]) && (rule.Suffix != "ion" || buffer[stem - 1] is (byte)'s' or (byte)'t');
                if (allowed)
                {
                    Length = stem;
                    foreach (var c in rule.Replacement) Append(c);
                }
                return;
            }
        }

        public void Step5()
        {
            // 5a: a final "e" goes when m > 1, or when m = 1 and the stem does not end consonant-vowel-consonant.
            if (Last == 'e')
            {
                var stem = Text[..^1];
                if (MeasureAbove1(stem) || (MeasureIs1(stem) && !EndsConsonantVowelConsonant(stem))) Length--;
            }
            // 5b: "ll" becomes "l" when m > 1.
            if (Length > 1 && Last == 'l' && buffer[Length - 2] == 'l' && MeasureAbove1(Text[..^1])) Length--;
        }

        private void Append(char c) => buffer[Length++] = (byte)c;

        private readonly bool EndsWith(string suffix)
        {
            if (suffix.Length > Length) return false;
            for (var i = 0; i < suffix.Length; i++)
            {
                if (buffer[Length - suffix.Length + i] != suffix[i]) return false;
            }
            return true;
        }

        /// <summary>Ends with the suffix and has at least one byte before it.</summary>
        private readonly bool EndsWithStrictly(string suffix) => Length > suffix.Length && EndsWith(suffix);

        private static bool IsDoubleConsonant(byte c) => !IsVowel(c, yIsVowel: false) && c is not ((byte)'l' or (byte)'s' or (byte)'z');
    }

    /// <summary>A vowel: a, e, i, o, u, and y when it follows a consonant.</summary>
    private static bool IsVowel(byte c, bool yIsVowel) =>
        c is (byte)'a' or (byte)'e' or (byte)'i' or (byte)'o' or (byte)'u' || (yIsVowel && c == 'y');

    /// <summary>
    /// Skips one vowel-then-consonant sequence (Porter's VC) from the start of the text, given whether the byte before it
    /// was a consonant; returns how many bytes that took, or 0 when the text holds no complete VC.
    /// </summary>
    private static int SkipVowelsThenConsonant(ReadOnlySpan<byte> text, bool previousIsConsonant)
    {
        var consonant = previousIsConsonant;
        var i = 0;
        for (; i < text.Length; i++)
        {
            consonant = !IsVowel(text[i], consonant);
            if (!consonant) break;
        }
        for (i++; i < text.Length; i++)
        {
            consonant = !IsVowel(text[i], consonant);
            if (consonant) return i + 1;
        }
        return 0;
    }

    /// <summary>Porter's m &gt; 0: the stem holds at least one VC.</summary>
    private static bool MeasureAbove0(ReadOnlySpan<byte> stem) => SkipVowelsThenConsonant(stem, false) > 0;

    /// <summary>Porter's m &gt; 1.</summary>
    private static bool MeasureAbove1(ReadOnlySpan<byte> stem)
    {
        var first = SkipVowelsThenConsonant(stem, false);
        return first > 0 && SkipVowelsThenConsonant(stem[first..], true) > 0;
    }

    /// <summary>Porter's m = 1.</summary>
    private static bool MeasureIs1(ReadOnlySpan<byte> stem)
    {
        var first = SkipVowelsThenConsonant(stem, false);
        return first > 0 && SkipVowelsThenConsonant(stem[first..], true) == 0;
    }

    /// <summary>Porter's *o: ends consonant-vowel-consonant, the last not w, x or y.</summary>
    private static bool EndsConsonantVowelConsonant(ReadOnlySpan<byte> stem)
    {
        if (stem.IsEmpty || stem[^1] is (byte)'w' or (byte)'x' or (byte)'y') return false;
        // The last three consonant flags, the first byte of the stem reading y as a consonant as FTS5 does.
        var consonant = false;
        var pattern = 0;
        foreach (var c in stem)
        {
            consonant = !IsVowel(c, consonant);
            pattern = ((pattern << 1) | (consonant ? 1 : 0)) & 7;
        }
        return pattern == 0b101;
    }

    /// <summary>Porter's *v*: the stem holds a vowel (here y counts as one anywhere but first).</summary>
    private static bool HasVowel(ReadOnlySpan<byte> stem)
    {
        for (var i = 0; i < stem.Length; i++)
        {
            if (IsVowel(stem[i], i > 0)) return true;
        }
        return false;
    }
}
