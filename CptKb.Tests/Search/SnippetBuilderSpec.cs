using System.Text;
using CptKb.Core.Search;

namespace CptKb.Tests.Search;

/// <summary>
/// Snippets as a spec: a section's text and the query's terms beside the snippet, its highlights shown in [brackets].
/// Every snippet is also checked for what the page relies on: highlights inside the text, in order, on whole tokens.
/// </summary>
public class SnippetBuilderSpec
{
    private static HighlightTerms Terms(params string[] terms) =>
        HighlightTerms.Create(terms.Select(t => t.EndsWith('*') ? new HighlightTerm(t[..^1], IsPrefix: true) : new HighlightTerm(t)));

    private static void Snippet(string text, string[] terms, string expected) =>
        Assert.Equal(expected, Marked(SnippetBuilder.Build(text, Terms(terms))));

    /// <summary>The snippet's text with [ and ] around each highlight, after checking the highlights are well formed.</summary>
    private static string Marked(TextSnippet snippet)
    {
        var tokens = SearchTokenizer.Tokenize(snippet.Text);
        var starts = tokens.Select(t => t.Start).ToHashSet();
        var ends = tokens.Select(t => t.Start + t.Length).ToHashSet();
        var marked = new StringBuilder(snippet.Text);
        var previousEnd = 0;
        foreach (var range in snippet.Highlights)
        {
            Assert.InRange(range.Start, previousEnd, snippet.Text.Length);
            Assert.InRange(range.End, range.Start + 1, snippet.Text.Length);
            Assert.Contains(range.Start, starts);
            Assert.Contains(range.End, ends);
            previousEnd = range.End;
        }
        foreach (var range in snippet.Highlights.Reverse()) marked.Insert(range.End, ']').Insert(range.Start, '[');
        return marked.ToString();
    }

    private static string Words(int from, int to) => string.Join(' ', Enumerable.Range(from, to - from).Select(i => $"w{i}"));

    [Fact]
    public void A_word_matches_every_form_with_its_stem() =>
        Snippet("Grafting is done first. The graft heals; grafts are checked.", ["grafts"],
            "[Grafting] is done first. The [graft] heals; [grafts] are checked.");

    [Fact]
    public void Case_and_diacritics_do_not_matter() =>
        Snippet("Dr. MÜLLER saw the CAFÉ menu.", ["muller", "Café"], "Dr. [MÜLLER] saw the [CAFÉ] menu.");

    [Fact]
    public void A_prefix_matches_words_whose_stem_or_form_starts_with_it() =>
        Snippet("Arthroscopic knee arthroscopy, then running and a runner.", ["arthro*", "runnin*"],
            "[Arthroscopic] knee [arthroscopy], then [running] and a runner.");

    [Fact]
    public void A_phrase_matches_its_words_in_a_row_across_punctuation_as_the_index_does() =>
        Snippet("A vascularized bone-graft; then bone. Graft again; bone and graft apart.", ["bone graft"],
            "A vascularized [bone-graft]; then [bone. Graft] again; bone and graft apart.");

    [Fact]
    public void A_word_inside_a_matched_phrase_is_one_highlight() =>
        Snippet("Harvest the bone graft, then the graft site.", ["bone graft", "graft"],
            "Harvest the [bone graft], then the [graft] site.");

    [Fact]
    public void Inner_punctuation_in_a_term_makes_it_a_phrase() =>
        Snippet("Report E/M services; e or m alone is not one.", ["e/m"], "Report [E/M] services; e or m alone is not one.");

    [Fact]
    public void Repeated_words_are_each_highlighted() =>
        Snippet("graft graft, graft.", ["graft"], "[graft] [graft], [graft].");

    [Fact]
    public void Blanks_are_collapsed_and_control_characters_become_blanks() =>
        Snippet("  Bone\n\n   graft\t\tharvest\u0001site \r\n", ["graft"], "Bone [graft] harvest site");

    [Fact]
    public void Surrogate_pairs_are_kept_whole_and_unpaired_ones_become_replacement_characters() =>
        Snippet("𝐀 graft 😀 x\ud800y", ["graft"], "𝐀 [graft] 😀 x\uFFFDy");

    [Fact]
    public void A_long_text_shows_about_32_tokens_centred_on_the_match_with_ellipses()
    {
        var text = Words(0, 100) + " graft " + Words(101, 200);

        Snippet(text, ["graft"], "…" + Words(85, 100) + " [graft] " + Words(101, 117) + "…");
    }

    [Fact]
    public void The_window_goes_where_the_most_distinct_terms_are()
    {
        var text = "bone " + Words(0, 100) + " bone graft " + Words(100, 200) + " bone " + Words(200, 300);

        Snippet(text, ["bone", "graft"], "…" + Words(85, 100) + " [bone] [graft] " + Words(100, 115) + "…");
    }

    [Fact]
    public void Between_places_with_as_many_terms_the_earliest_wins()
    {
        var text = Words(0, 100) + " graft bone " + Words(100, 200) + " bone graft " + Words(200, 300);

        Snippet(text, ["bone", "graft"], "…" + Words(85, 100) + " [graft] [bone] " + Words(100, 115) + "…");
    }

    [Fact]
    public void Without_a_match_the_snippet_is_the_start_of_the_text() =>
        Snippet(Words(0, 100), ["graft"], Words(0, 32) + "…");

    [Fact]
    public void Without_terms_the_snippet_is_the_start_of_the_text() =>
        Snippet(Words(0, 10), [], Words(0, 10));

    [Fact]
    public void A_match_near_the_start_or_the_end_keeps_the_window_inside_the_text()
    {
        Snippet(Words(0, 3) + " graft " + Words(3, 100), ["graft"], Words(0, 3) + " [graft] " + Words(3, 31) + "…");
        Snippet(Words(0, 100) + " graft.", ["graft"], "…" + Words(69, 100) + " [graft].");
    }

    [Fact]
    public void Punctuation_next_to_the_shown_words_is_kept()
    {
        Snippet("(Autograft).", ["autograft"], "([Autograft]).");
        Snippet("😀graft😀", ["graft"], "😀[graft]😀");
    }

    [Fact]
    public void A_phrase_longer_than_the_window_is_shown_from_its_start_and_highlighted_as_far_as_shown() =>
        Snippet(Words(0, 200), [Words(100, 140)], "…[" + Words(100, 132) + "]…");

    [Fact]
    public void A_match_past_the_first_64K_characters_is_not_looked_for()
    {
        var text = new string('x', 10) + " " + Words(0, 20_000) + " graft";
        Assert.True(text.IndexOf("graft", StringComparison.Ordinal) > SnippetBuilder.ScanLength);

        Snippet(text, ["graft"], "xxxxxxxxxx " + Words(0, 31) + "…");
    }

    [Fact]
    public void A_16MB_text_of_one_repeated_word_gives_one_window_of_it()
    {
        var text = new StringBuilder(16 * 1024 * 1024).Insert(0, "graft ", 16 * 1024 * 1024 / 6).ToString();

        var snippet = SnippetBuilder.Build(text, Terms("graft"));

        Assert.Equal(string.Join(' ', Enumerable.Repeat("[graft]", 32)) + "…", Marked(snippet));
    }

    [Fact]
    public void A_16MB_word_gives_a_snippet_of_at_most_MaxLength_characters()
    {
        var text = new string('g', 16 * 1024 * 1024);

        var snippet = SnippetBuilder.Build(text, Terms("g*"));

        Assert.Equal(new string('g', SnippetBuilder.MaxLength) + "…", snippet.Text);
        Assert.Empty(snippet.Highlights);  // the word runs past what is read, so it is not known to match
    }

    [Fact]
    public void Empty_blank_or_punctuation_only_text_never_throws()
    {
        Assert.Equal(TextSnippet.Empty, SnippetBuilder.Build(null, Terms("graft")));
        Assert.Equal("", SnippetBuilder.Build("", Terms("graft")).Text);
        Assert.Equal("", SnippetBuilder.Build(" \n\t ", Terms("graft")).Text);
        Assert.Equal("— | —", SnippetBuilder.Build("  — | —  ", Terms("graft")).Text);
        Assert.Equal("x", SnippetBuilder.Build("x", HighlightTerms.Create([new HighlightTerm("..."), new HighlightTerm("")])).Text);
    }

    [Fact]
    public void Highlight_gives_every_match_of_a_short_text_in_its_own_positions()
    {
        var title = "Bone Graft Harvest (Grafting)";

        Assert.Equal([new TextRange(5, 5), new TextRange(20, 8)], SnippetBuilder.Highlight(title, Terms("graft*")));
        Assert.Equal([new TextRange(0, 10)], SnippetBuilder.Highlight(title, Terms("bone graft")));
        Assert.Empty(SnippetBuilder.Highlight(title, HighlightTerms.None));
        Assert.Empty(SnippetBuilder.Highlight(null, Terms("graft")));
    }

    [Fact]
    public void A_query_highlights_its_words_phrases_codes_and_field_values_but_not_what_it_excludes()
    {
        var query = SearchQuery.Parse("graft* -pediatric \"free flap\" 20955 payer:aetna mod:22 209* section:billing");
        var text = "Aetna covers 20955 free flap grafting for pediatric billing under modifier 22, code 20969.";

        var snippet = SnippetBuilder.Build(text, HighlightTerms.For(query));

        Assert.Equal("[Aetna] covers [20955] [free flap] [grafting] for pediatric [billing] under modifier 22, code 20969.", Marked(snippet));
    }
}
