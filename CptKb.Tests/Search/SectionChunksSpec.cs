using CptKb.Core.Search;

namespace CptKb.Tests.Search;

/// <summary>How a section's text is cut into index rows of bounded size: the text beside the pieces it gives.</summary>
public sealed class SectionChunksSpec
{
    private static string Words(int count, string word = "graft") => string.Join(' ', Enumerable.Repeat(word, count));

    [Fact]
    public void An_ordinary_section_is_one_piece_with_the_same_text()
    {
        var text = "A 60-year-old woman needs mandibular reconstruction after tumour resection.\nThe graft carries its own blood supply.";

        Assert.Same(text, Assert.Single(SectionChunks.Split(text)));
        var atTheBound = Words(SectionChunks.MaxWords);
        Assert.Same(atTheBound, Assert.Single(SectionChunks.Split(atTheBound)));
    }

    [Fact]
    public void A_long_section_is_cut_into_pieces_within_the_word_and_character_bounds()
    {
        var pieces = SectionChunks.Split(Words(5_000));

        Assert.InRange(pieces.Count, 10, 12);
        Assert.All(pieces, p =>
        {
            Assert.InRange(SearchQuery.Words(p).Count, 1, SectionChunks.MaxWords);
            Assert.InRange(p.Length, 1, SectionChunks.MaxChars);
        });
    }

    [Fact]
    public void Long_words_are_bounded_by_characters_and_one_letter_words_by_words()
    {
        Assert.All(SectionChunks.Split(Words(5_000, "osteosynthesis")), p => Assert.InRange(p.Length, 1, SectionChunks.MaxChars));
        Assert.All(SectionChunks.Split(Words(5_000, "a")), p => Assert.InRange(SearchQuery.Words(p).Count, 1, SectionChunks.MaxWords));
    }

    [Fact]
    public void Pieces_end_after_a_line_break_when_the_second_half_has_one()
    {
        var line = Words(40) + "\n";
        var text = string.Concat(Enumerable.Repeat(line, 60));

        var pieces = SectionChunks.Split(text);

        Assert.True(pieces.Count > 1);
        Assert.All(pieces.SkipLast(1), p => Assert.EndsWith("\n", p));
    }

    [Fact]
    public void Each_piece_starts_with_the_last_words_of_the_one_before_so_a_phrase_across_the_cut_is_whole_in_one()
    {
        var words = Enumerable.Range(0, 3_000).Select(i => $"w{i}").ToList();
        var pieces = SectionChunks.Split(string.Join(' ', words));

        for (var i = 1; i < pieces.Count; i++)
        {
            var before = SearchQuery.Words(pieces[i - 1]);
            var after = SearchQuery.Words(pieces[i]);
            Assert.Equal(before.TakeLast(SectionChunks.OverlapWords), after.Take(SectionChunks.OverlapWords));
        }
        // Every word is in some piece, in order.
        Assert.Equal(words, pieces.SelectMany((p, i) => SearchQuery.Words(p).Skip(i == 0 ? 0 : SectionChunks.OverlapWords)));
    }

    [Fact]
    public void Text_without_blanks_is_cut_where_the_bound_falls()
    {
        var text = new string('x', 10_000);

        var pieces = SectionChunks.Split(text);

        Assert.Equal([4096, 4096, 1808], pieces.Select(p => p.Length));
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        var text = string.Concat(Enumerable.Repeat("😀", 5_000)) + " " + string.Concat(Enumerable.Repeat("𝔸", 5_000));

        var pieces = SectionChunks.Split(text);

        Assert.True(pieces.Count > 2);
        Assert.All(pieces, p =>
        {
            Assert.False(char.IsLowSurrogate(p[0]));
            Assert.False(char.IsHighSurrogate(p[^1]));
        });
    }

    [Fact]
    public void Past_the_most_pieces_the_last_takes_the_rest()
    {
        var pieces = SectionChunks.Split(Words(5_000), maxPieces: 3);

        Assert.Equal(3, pieces.Count);
        Assert.EndsWith(Words(5), pieces[^1]);
        Assert.True(pieces[^1].Length > SectionChunks.MaxChars);
    }

    [Fact]
    public void A_field_longer_than_its_bound_is_cut_after_a_blank()
    {
        var cut = SectionChunks.Field(Words(1_000));

        Assert.InRange(cut.Length, SectionChunks.MaxFieldChars / 2, SectionChunks.MaxFieldChars);
        Assert.All(cut.Split(' '), w => Assert.Equal("graft", w));
        const string title = "Vascularized Bone Graft for Major Bone Defect";
        Assert.Same(title, SectionChunks.Field(title));
    }
}
