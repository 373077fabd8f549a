using CptKb.Core.Search;
using CptKb.Tests.TestSupport;

namespace CptKb.Tests.Search;

/// <summary>Looking a code up as a coder types it, and landing on the right section of each hit, over the relevance corpus.</summary>
public abstract class CodeLookupSuite(RelevanceDatabase corpus)
{
    private Task<SearchResults> SearchAsync(string q, int pageSize = 20) =>
        corpus.Search.SearchAsync(q, new SearchOptions { Page = new(1, pageSize) });

    [Fact]
    public async Task Typed_digits_list_the_stored_codes_that_start_with_them_first_in_code_order()
    {
        var stored = (await SearchAsync("2096*", 100)).Articles.Select(a => a.Code).ToList();
        Assert.Contains("20962", stored);
        Assert.Contains("20969", stored);

        var codes = (await SearchAsync("2096")).Articles.Select(a => a.Code).ToList();

        Assert.Equal(stored, codes.Take(stored.Count));
        Assert.Equal(stored.Order(StringComparer.Ordinal), stored);
        Assert.Equal("20962", codes[0]);
    }

    [Fact]
    public async Task Digits_also_find_the_codes_that_a_text_names()
    {
        // 20955's policy says "do not report 20962": the digits are looked up as a word too.
        var codes = (await SearchAsync("2096", 100)).Articles.Select(a => a.Code).ToList();
        Assert.Contains("20955", codes);
    }

    [Fact]
    public async Task A_lettered_code_is_found_by_its_digits_as_they_are_typed()
    {
        Assert.Equal("0042T", (await SearchAsync("0042")).Articles[0].Code);
        Assert.Equal("0042T", (await SearchAsync("0042t")).ExactCode);
    }

    [Fact]
    public async Task A_stored_code_is_reported_as_the_exact_code_and_one_that_is_not_as_unknown()
    {
        var stored = await SearchAsync("20962");
        Assert.Equal(("20962", null), (stored.ExactCode, stored.UnknownCode));
        Assert.Equal("20962", stored.Articles[0].Code);

        var missing = await SearchAsync("20963");
        Assert.Equal((null, "20963"), (missing.ExactCode, missing.UnknownCode));

        var words = await SearchAsync("20962 medicare");
        Assert.Equal((null, null), (words.ExactCode, words.UnknownCode));
        Assert.Null((await SearchAsync("2096")).ExactCode);
    }

    [Fact]
    public async Task Enter_on_a_stored_code_knows_its_article_without_searching()
    {
        Assert.Equal("20962", await corpus.Search.ExactCodeAsync(" 20962 "));
        Assert.Equal("0042T", await corpus.Search.ExactCodeAsync("0042t"));
        Assert.Null(await corpus.Search.ExactCodeAsync("20963"));
        Assert.Null(await corpus.Search.ExactCodeAsync("bone graft"));
    }

    [Fact]
    public async Task Bone_graft_lands_on_a_section_about_bone_grafts_not_on_the_modifier_table()
    {
        var article = (await SearchAsync("bone graft")).Articles.First(a => a.Code == "20962");

        Assert.NotEqual("coding-specifications", article.Sections[0].Anchor);
        Assert.Contains("graft", article.Sections[0].Snippet.Text, StringComparison.OrdinalIgnoreCase);
        Assert.NotEmpty(article.Sections[0].Snippet.Highlights);
    }

    [Fact]
    public async Task Fibula_never_lands_on_a_section_that_only_says_data_is_missing()
    {
        var results = await SearchAsync("fibula");

        var article = results.Articles.First(a => a.Code == "20955");
        Assert.Equal("summary-overview", article.Sections[0].Anchor);
        Assert.DoesNotContain("Data not available", article.Sections[0].Snippet.Text, StringComparison.Ordinal);
        Assert.Contains("fibula", article.Sections[0].Snippet.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Aetna_as_you_type_shows_sections_about_aetna_not_data_missing_notes()
    {
        var results = await SearchAsync("aetna", 6);

        Assert.Equal(6, results.Articles.Count);
        Assert.All(results.Articles, a => Assert.DoesNotContain("Data not available", a.Sections[0].Snippet.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_data_missing_note_is_the_best_section_when_the_query_asks_for_that_payer()
    {
        var article = (await SearchAsync("fibula payer:cigna")).Articles.First(a => a.Code == "20955");

        Assert.Equal(("20955", "payer-coverage-benchmarks-cigna-health"), (article.Code, article.Sections[0].Anchor));
    }

    [Fact]
    public async Task A_match_on_the_title_only_lands_on_the_summary()
    {
        // "Cerebral Perfusion Analysis Using Computed Tomography": its text says "CT", never "tomography".
        var article = (await SearchAsync("tomography")).Articles.First(a => a.Code == "0042T");

        Assert.Equal("summary-overview", article.Sections[0].Anchor);
    }

    [Fact]
    public async Task Modifier_table_snippets_read_as_rows()
    {
        var hit = (await SearchAsync("increased procedural services operative note")).Articles.First(a => a.Code == "20955").Sections[0];

        Assert.Equal("coding-specifications", hit.Anchor);
        Assert.Contains("22 · Increased procedural services", hit.Snippet.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("|", hit.Snippet.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scores_are_the_ranking_scores_higher_first()
    {
        var results = await SearchAsync("graft");

        Assert.All(results.Articles, a => Assert.True(a.Score > 0, $"{a.Code} scored {a.Score}"));
        Assert.Equal(results.Articles.Select(a => a.Score).OrderDescending(), results.Articles.Select(a => a.Score));
        Assert.All(results.Hits, h => Assert.True(h.Score > 0, $"{h.Code} {h.Anchor} scored {h.Score}"));
    }
}

public sealed class CodeLookupTests(RelevanceDatabase corpus) : CodeLookupSuite(corpus), IClassFixture<RelevanceDatabase>;

/// <summary>The same tests on PostgreSQL.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class CodeLookupOnPostgreSqlTests(PostgreSqlRelevanceDatabase corpus) : CodeLookupSuite(corpus), IClassFixture<PostgreSqlRelevanceDatabase>;
