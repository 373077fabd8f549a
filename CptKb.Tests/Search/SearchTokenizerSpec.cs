using CptKb.Core.Search;

namespace CptKb.Tests.Search;

/// <summary>The tokenizer as a spec: text beside each token as it stands in the text and as the index folds it.</summary>
public class SearchTokenizerSpec
{
    /// <summary>Each expected token as "original=folded", or just "folded" when the two are the same.</summary>
    private static void Splits(string text, params string[] expected) =>
        Assert.Equal(expected, SearchTokenizer.Tokenize(text)
            .Select(t => text.Substring(t.Start, t.Length) is var original && original == t.Normalized ? original : $"{original}={t.Normalized}"));

    [Fact]
    public void Punctuation_and_blanks_separate_and_case_is_folded() =>
        Splits("Bone-graft, CPT 20955.\n(Left)", "Bone=bone", "graft", "CPT=cpt", "20955", "Left=left");

    [Fact]
    public void Digits_and_letters_together_are_one_token() =>
        Splits("0042T HbA1c", "0042T=0042t", "HbA1c=hba1c");

    [Fact]
    public void Inner_punctuation_splits_a_word() =>
        Splits("e/m payer's x-ray 99213.25", "e", "m", "payer", "s", "x", "ray", "99213", "25");

    [Fact]
    public void Diacritics_of_Latin_letters_are_removed() =>
        Splits("Müller café Ångström naïve", "Müller=muller", "café=cafe", "Ångström=angstrom", "naïve=naive");

    [Fact]
    public void A_letter_with_two_diacritics_only_loses_its_case() =>
        Splits("Ǖ", "Ǖ=ǖ");

    [Fact]
    public void Greek_and_Cyrillic_are_folded_by_Unicode_case_folding() =>
        Splits("ΣΟΦΟΣ σοφός µ Москва", "ΣΟΦΟΣ=σοφοσ", "σοφός=σοφόσ", "µ=μ", "Москва=москва");

    [Fact]
    public void A_combining_diacritic_inside_a_word_is_dropped_but_does_not_start_one() =>
        Splits("cafe\u0301s \u0301abc", "cafe\u0301s=cafes", "abc");

    [Fact]
    public void Symbols_separate_but_characters_newer_than_Unicode_6_1_are_letters() =>
        // 😀 was a symbol in Unicode 6.1; 🤔 came later, so SQLite has no category for it and reads it as a token character.
        Splits("a😀b 🤔 °C™", "a", "b", "🤔", "C=c");

    [Fact]
    public void Positions_count_UTF16_code_units()
    {
        var tokens = SearchTokenizer.Tokenize("𝐀bc de");

        Assert.Equal([new SearchToken(0, 4, "𝐀bc"), new SearchToken(5, 2, "de")], tokens);
    }

    [Fact]
    public void Unpaired_surrogates_NUL_and_control_characters_separate() =>
        Splits("a\ud800b\udc00c d\0e\u0001f", "a", "b", "c", "d", "e", "f");

    [Fact]
    public void Empty_blank_or_punctuation_only_text_has_no_token()
    {
        Splits("");
        Splits(" \t\n");
        Splits("--- | ...");
        Assert.Empty(SearchTokenizer.Tokenize(null));
    }

    [Fact]
    public void A_very_long_word_is_one_token()
    {
        var word = new string('A', 100_000);

        var token = Assert.Single(SearchTokenizer.Tokenize(word));

        Assert.Equal(new SearchToken(0, 100_000, new string('a', 100_000)), token);
    }
}
