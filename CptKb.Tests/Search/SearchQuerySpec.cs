using CptKb.Core.Search;

namespace CptKb.Tests.Search;

/// <summary>The query language as a spec: what is typed beside the terms it is read into.</summary>
public class SearchQuerySpec
{
    private static void Reads(string input, params SearchTerm[] expected) =>
        Assert.Equal(expected, SearchQuery.Parse(input).Terms);

    private static SearchTerm Not(SearchTerm term) => term with { Excluded = true };

    [Fact]
    public void Words_are_read_in_order_and_all_must_match() =>
        Reads("bone  graft", new WordTerm("bone"), new WordTerm("graft"));

    [Fact]
    public void A_quoted_phrase_is_one_term() =>
        Reads("\"bone   graft\" fibula", new PhraseTerm("bone graft"), new WordTerm("fibula"));

    [Fact]
    public void A_trailing_star_makes_a_prefix() =>
        Reads("graft*", new WordTerm("graft", IsPrefix: true));

    [Fact]
    public void A_leading_dash_excludes_a_word_a_phrase_or_a_field() =>
        Reads("graft -pediatric -\"free flap\" -payer:aetna",
            new WordTerm("graft"), Not(new WordTerm("pediatric")), Not(new PhraseTerm("free flap")), Not(new FieldTerm(SearchField.Payer, "aetna")));

    [Fact]
    public void Five_character_codes_are_codes_upper_cased() =>
        Reads("20962 0001t 1234F", new CodeTerm("20962"), new CodeTerm("0001T"), new CodeTerm("1234F"));

    [Fact]
    public void Digits_and_a_star_are_a_code_prefix() =>
        Reads("209* 2*", new CodePrefixTerm("209"), new CodePrefixTerm("2"));

    [Fact]
    public void Three_or_four_digits_are_the_start_of_a_code_and_a_word_at_once() =>
        Reads("2096 0042 22 5", new CodePrefixTerm("2096") { AlsoWord = true }, new CodePrefixTerm("0042") { AlsoWord = true },
            new WordTerm("22"), new WordTerm("5"));

    [Fact]
    public void Typed_digits_match_any_word_starting_with_them_the_code_among_them() =>
        Assert.Equal("\"2096\" *", Fts5Query.Expression(SearchQuery.Parse("2096"), null));

    [Fact]
    public void A_query_of_one_code_and_nothing_else_is_that_code()
    {
        Assert.Equal("0042T", SearchQuery.Parse(" 0042t ").SingleCode);
        Assert.Null(SearchQuery.Parse("20962 graft").SingleCode);
        Assert.Null(SearchQuery.Parse("-20962").SingleCode);
        Assert.Null(SearchQuery.Parse("2096").SingleCode);
    }

    [Fact]
    public void Two_codes_joined_by_a_dash_are_a_range_in_either_order() =>
        Reads("20955-20970 20970-20955 0001T-0100T", new CodeRangeTerm("20955", "20970"), new CodeRangeTerm("0001T", "0100T"));

    [Fact]
    public void Codes_of_different_kinds_are_not_a_range_but_a_word() =>
        Reads("0001T-20970", new WordTerm("0001T-20970"));

    [Fact]
    public void Fields_take_a_word_or_a_quoted_phrase() =>
        Reads("payer:aetna mod:22 modifier:59 section:\"clinical context\" site:\"operating room\" PAYER:Blue*",
            new FieldTerm(SearchField.Payer, "aetna"),
            new FieldTerm(SearchField.Modifier, "22"),
            new FieldTerm(SearchField.Modifier, "59"),
            new FieldTerm(SearchField.Section, "clinical context"),
            new FieldTerm(SearchField.Site, "operating room"),
            new FieldTerm(SearchField.Payer, "Blue", IsPrefix: true));

    [Fact]
    public void An_unknown_field_or_an_empty_value_is_read_as_a_word() =>
        Reads("color:red payer: :", new WordTerm("color:red"), new WordTerm("payer"));

    [Fact]
    public void An_unbalanced_quote_is_read_as_words() =>
        Reads("\"bone graft", new WordTerm("bone"), new WordTerm("graft"));

    [Fact]
    public void Punctuation_around_a_word_is_dropped_and_inside_it_is_kept_for_the_index() =>
        Reads("e/m visit? 99213.25 foo-bar (knee)", new WordTerm("e/m"), new WordTerm("visit"), new WordTerm("99213.25"),
            new WordTerm("foo-bar"), new WordTerm("knee"));

    [Fact]
    public void Operators_of_other_search_syntaxes_are_plain_words() =>
        Reads("bone AND graft OR NOT NEAR ^", new WordTerm("bone"), new WordTerm("AND"), new WordTerm("graft"), new WordTerm("OR"),
            new WordTerm("NOT"), new WordTerm("NEAR"));

    [Fact]
    public void Tokens_with_no_letter_or_digit_are_dropped() =>
        Reads("* - -- \"\" \"?\" ^ : ()");

    [Fact]
    public void Repeated_terms_are_read_once() =>
        Reads("graft graft \"graft\"", new WordTerm("graft"), new PhraseTerm("graft"));

    [Fact]
    public void Input_over_500_characters_is_cut_and_at_most_32_terms_are_read()
    {
        var query = SearchQuery.Parse(string.Join(' ', Enumerable.Range(0, 300).Select(i => $"w{i}")));
        Assert.Equal(SearchQuery.MaxLength, query.Text.Length);
        Assert.Equal(SearchQuery.MaxTerms, query.Terms.Count);
        Assert.Equal(new WordTerm("w0"), query.Terms[0]);
    }

    [Fact]
    public void The_cut_never_leaves_half_a_surrogate_pair()
    {
        var query = SearchQuery.Parse(new string('a', SearchQuery.MaxLength - 1) + "😀😀");
        Assert.Equal(SearchQuery.MaxLength - 1, query.Text.Length);
    }

    [Fact]
    public void Null_and_blank_give_an_empty_query()
    {
        Assert.True(SearchQuery.Parse(null).IsEmpty);
        Assert.True(SearchQuery.Parse("   ").IsEmpty);
        Assert.True(SearchQuery.Parse("-pediatric").IsEmpty);
    }

    [Fact]
    public void Highlight_words_are_the_positive_words_lower_cased() =>
        Assert.Equal(["bone", "graft", "aetna"], SearchQuery.Parse("Bone \"bone graft\" -knee payer:Aetna mod:22 20962").HighlightWords);

    [Theory]
    [InlineData("20955-20970", "20955 20956 20957 20958 20959 2096* 20970")]
    [InlineData("20000-29999", "2*")]
    [InlineData("10004-19499", "10004 10005 10006 10007 10008 10009 1001* 1002* 1003* 1004* 1005* 1006* 1007* 1008* 1009* 101* 102* 103* 104* 105* 106* 107* 108* 109* 11* 12* 13* 14* 15* 16* 17* 18* 190* 191* 192* 193* 194*")]
    [InlineData("0001T-0012T", "0001T 0002T 0003T 0004T 0005T 0006T 0007T 0008T 0009T 0010T 0011T 0012T")]
    public void A_range_is_searched_as_the_codes_and_prefixes_that_cover_it(string range, string expected)
    {
        var term = Assert.IsType<CodeRangeTerm>(Assert.Single(SearchQuery.Parse(range).Terms));
        Assert.Equal(expected, string.Join(' ', Fts5Query.RangePrefixes(term).Select(p => p.Text + (p.IsPrefix ? "*" : ""))));
    }

    [Fact]
    public void Every_term_reaches_the_index_as_a_quoted_string()
    {
        var query = SearchQuery.Parse("x\"y graft* -z mod:22");
        Assert.Equal("(\"x\"\"y\" AND \"graft\" * AND modifiers : \"22\") NOT (\"z\")", Fts5Query.Expression(query, null));
    }
}
