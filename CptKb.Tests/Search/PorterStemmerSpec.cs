using System.Text;
using CptKb.Core.Search;

namespace CptKb.Tests.Search;

/// <summary>The stemmer as a spec: a folded token beside the term the index holds for it (each checked against FTS5).</summary>
public class PorterStemmerSpec
{
    [Theory]
    // 1a: plurals.
    [InlineData("caresses", "caress")]
    [InlineData("ponies", "poni")]
    [InlineData("ties", "ti")]
    [InlineData("caress", "caress")]
    [InlineData("cats", "cat")]
    [InlineData("gas", "ga")]
    [InlineData("ies", "ie")]
    // 1b: -eed, -ed, -ing, and the tidying after them.
    [InlineData("feed", "feed")]
    [InlineData("agreed", "agre")]
    [InlineData("plastered", "plaster")]
    [InlineData("bled", "bled")]
    [InlineData("motoring", "motor")]
    [InlineData("sing", "sing")]
    [InlineData("conflated", "conflat")]
    [InlineData("troubled", "troubl")]
    [InlineData("sized", "size")]
    [InlineData("hopping", "hop")]
    [InlineData("tanned", "tan")]
    [InlineData("falling", "fall")]
    [InlineData("hissing", "hiss")]
    [InlineData("fizzed", "fizz")]
    [InlineData("failing", "fail")]
    [InlineData("filing", "file")]
    [InlineData("dying", "dy")]
    // 1c: y after a vowel.
    [InlineData("happy", "happi")]
    [InlineData("sky", "sky")]
    [InlineData("necessary", "necessari")]
    // 2 to 4: -ational, -ization, -alli, -ness, -ful, -ement, -ion...
    [InlineData("relational", "relat")]
    [InlineData("conditional", "condit")]
    [InlineData("rational", "ration")]
    [InlineData("valenci", "valenc")]
    [InlineData("hesitanci", "hesit")]
    [InlineData("digitizer", "digit")]
    [InlineData("generalizations", "gener")]
    [InlineData("oscillators", "oscil")]
    [InlineData("medically", "medic")]
    [InlineData("hopefulness", "hope")]
    [InlineData("goodness", "good")]
    [InlineData("electrical", "electr")]
    [InlineData("effective", "effect")]
    [InlineData("reimbursement", "reimburs")]
    [InlineData("documentation", "document")]
    [InlineData("adoption", "adopt")]
    [InlineData("feudalism", "feudal")]
    [InlineData("bowdlerize", "bowdler")]
    // 5: final -e and -ll.
    [InlineData("activate", "activ")]
    [InlineData("probate", "probat")]
    [InlineData("rate", "rate")]
    [InlineData("cease", "ceas")]
    [InlineData("controlling", "control")]
    [InlineData("rolled", "roll")]
    // The words of the knowledge base.
    [InlineData("grafting", "graft")]
    [InlineData("grafted", "graft")]
    [InlineData("grafts", "graft")]
    [InlineData("payers", "payer")]
    [InlineData("billing", "bill")]
    [InlineData("modifiers", "modifi")]
    [InlineData("arthroscopy", "arthroscopi")]
    [InlineData("coverage", "coverag")]
    [InlineData("procedures", "procedur")]
    [InlineData("procedural", "procedur")]
    public void Stems_a_word_as_the_index_does(string token, string stem) =>
        Assert.Equal(stem, PorterStemmer.Stem(token));

    [Theory]
    [InlineData("is")]
    [InlineData("as")]
    [InlineData("22")]
    [InlineData("ed")]
    public void Tokens_shorter_than_three_bytes_pass_through(string token) =>
        Assert.Equal(token, PorterStemmer.Stem(token));

    [Fact]
    public void Tokens_longer_than_64_bytes_pass_through_and_64_are_stemmed()
    {
        var sixtyFour = new string('o', 56) + "grafting";
        var sixtyFive = new string('o', 57) + "grafting";

        Assert.Equal(new string('o', 56) + "graft", PorterStemmer.Stem(sixtyFour));
        Assert.Equal(sixtyFive, PorterStemmer.Stem(sixtyFive));
    }

    [Fact]
    public void The_limit_counts_UTF8_bytes_not_characters()
    {
        // 32 Cyrillic letters are 64 bytes; with the "s" they are 65, so the "s" stays.
        var thirtyOne = new string('ж', 31) + "s";
        var thirtyTwo = new string('ж', 32) + "s";

        Assert.Equal(new string('ж', 31), PorterStemmer.Stem(thirtyOne));
        Assert.Equal(thirtyTwo, PorterStemmer.Stem(thirtyTwo));
    }

    [Fact]
    public void A_letter_outside_ASCII_is_a_consonant_and_can_lose_a_byte_as_in_FTS5()
    {
        // "ぁ" is E3 81 81: after "ed" goes, the last two bytes look like a doubled consonant and one is dropped.
        var stem = new byte[16];
        var token = Encoding.UTF8.GetBytes("aぁed");

        var length = PorterStemmer.Stem(token, stem);

        Assert.Equal("61E381", Convert.ToHexString(stem, 0, length));
        Assert.Equal("ñandu", PorterStemmer.Stem("ñandus"));
    }

    [Fact]
    public void A_stem_buffer_shorter_than_the_token_is_refused() =>
        Assert.Throws<ArgumentException>(() => PorterStemmer.Stem("grafting"u8, new byte[4]));
}
