using CptKb.Core.Search;

namespace CptKb.Tests.Search;

/// <summary>
/// How a parsed query becomes PostgreSQL's tsquery, as a spec: in particular a prefix, which is matched as the words it
/// stands for when the index knows them, and with <c>:*</c> when it does not.
/// </summary>
public class TsQuerySpec
{
    private static TsQuery Compile(string text, string? column = null, Func<string, IReadOnlyList<string>?>? prefixes = null) =>
        TsQuery.Compile(SearchQuery.Parse(text), column, prefixes) ?? throw new InvalidOperationException("The query matches nothing.");

    [Fact]
    public void A_prefix_without_its_words_is_matched_with_a_star()
    {
        Assert.Equal("('reimbur':*)", Compile("reimburs*").Document);
        Assert.Equal("('reimbur':*)", Compile("reimburs*", prefixes: _ => null).Document);
        Assert.Equal("('reimbur':*)", Compile("reimburs*", prefixes: _ => []).Document);
    }

    [Fact]
    public void A_prefix_with_its_words_is_matched_as_any_of_them()
    {
        var words = new Dictionary<string, IReadOnlyList<string>> { ["reimbur"] = ["reimburs", "reimburse"], ["title:reimbur"] = ["title:reimburs"] };

        Assert.Equal("(('reimburs' | 'reimburse'))", Compile("reimburs*", prefixes: p => words.GetValueOrDefault(p)).Document);
        Assert.Equal("(('title:reimburs'))", Compile("reimburs*", "title", p => words.GetValueOrDefault(p)).Fields);
        // Only the prefix is spelled out; the other words stay as they are.
        Assert.Equal("('knee') & (('reimburs' | 'reimburse'))", Compile("knee reimburs*", prefixes: p => words.GetValueOrDefault(p)).Document);
    }

    [Fact]
    public void The_prefixes_are_listed_with_their_tags()
    {
        Assert.Equal(["reimbur", "payer:blu"], TsQuery.Prefixes(SearchQuery.Parse("reimburs* payer:blu* knee"), null));
        Assert.Equal(["title:reimbur", "payer:blu"], TsQuery.Prefixes(SearchQuery.Parse("reimburs* payer:blu* knee"), "title"));
        Assert.Equal(["code:209"], TsQuery.Prefixes(SearchQuery.Parse("209*"), null));
        Assert.Empty(TsQuery.Prefixes(SearchQuery.Parse("knee \"open reduction\""), null));
    }

    [Fact]
    public void Every_word_is_quoted_so_nothing_typed_is_read_as_syntax()
    {
        Assert.Equal("(('it''s'))", Compile("reimburs*", prefixes: _ => ["it's"]).Document);
    }
}
