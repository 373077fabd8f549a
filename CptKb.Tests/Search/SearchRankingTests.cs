using CptKb.Core.Storage;
using CptKb.Tests.TestSupport;
using CptKb.Core.Search;
using CptKb.Tests.Storage;

namespace CptKb.Tests.Search;

/// <summary>What a user sees searching a small corpus: order, grouping, filters, snippets, links, facets, suggestions.</summary>
public class SearchRankingTests : IAsyncLifetime
{
    private TestDatabase db = null!;

    /// <summary>The engine these tests run on; the PostgreSQL variant below overrides it.</summary>
    protected virtual KbDatabaseProvider Provider => KbDatabaseProvider.Sqlite;

    public async Task InitializeAsync() => db = await SearchCorpus.ImportedAsync(Provider);

    public async Task DisposeAsync() => await db.DisposeAsync();

    private async Task<List<string>> CodesAsync(string q, SearchOptions? options = null) =>
        [.. (await db.Search.SearchAsync(q, options)).Articles.Select(a => a.Code)];

    [Fact]
    public async Task A_code_finds_its_article_first_and_then_the_articles_that_mention_it()
    {
        Assert.Equal(["20955", "99213"], await CodesAsync("20955"));
    }

    [Fact]
    public async Task A_title_hit_ranks_above_a_body_hit()
    {
        var codes = await CodesAsync("graft");
        Assert.Equal(["0001T", "20955", "20962"], codes.Take(3).Order(StringComparer.Ordinal));
        Assert.Equal(["27447", "99213"], codes.Skip(3).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_phrase_needs_its_words_together_and_in_order_where_words_do_not()
    {
        Assert.DoesNotContain("27447", await CodesAsync("\"bone graft\""));
        Assert.Contains("27447", await CodesAsync("bone graft"));
    }

    [Fact]
    public async Task Excluded_words_leave_out_the_sections_that_hold_them()
    {
        Assert.Contains("0001T", await CodesAsync("graft"));
        Assert.DoesNotContain("0001T", await CodesAsync("graft -pediatric"));
        var knee = (await db.Search.SearchAsync("knee -pediatric")).Articles.Single(a => a.Code == "27447");
        Assert.DoesNotContain(knee.Sections, s => s.Section.Contains("Policy"));
    }

    [Fact]
    public async Task The_payer_option_keeps_only_sections_about_that_payer()
    {
        Assert.Equal(["20962"], await CodesAsync("graft", new SearchOptions { Payer = "Humana" }));
        Assert.Equal(["20962"], await CodesAsync("graft payer:humana"));
        var hit = (await db.Search.SearchAsync("payer:humana")).Hits[0];
        Assert.Equal("payer-coverage-benchmarks-humana", hit.Anchor);
    }

    [Fact]
    public async Task Field_filters_search_their_own_part_of_each_article()
    {
        Assert.Equal(["0001T", "20955", "31500"], await CodesAsync("mod:59"));
        Assert.Equal(["27447"], await CodesAsync("modifier:LT"));
        var clinical = (await db.Search.SearchAsync("section:\"clinical context\" mandibular")).Hits.Single();
        Assert.Equal(("20955", "clinical-context"), (clinical.Code, clinical.Anchor));
        Assert.Equal(["20955", "20962"], await CodesAsync("site:\"operating room\""));
    }

    [Fact]
    public async Task A_range_and_a_code_prefix_find_the_codes_in_them_in_code_order()
    {
        Assert.Equal(["20955", "20962"], await CodesAsync("20950-20970"));
        Assert.Equal(["20955", "20962", "27447"], await CodesAsync("2*"));
        Assert.Equal(["20955", "20962"], await CodesAsync("209*"));
        Assert.Equal(["0001T"], await CodesAsync("0001T-0009T"));
        Assert.Equal(["20962"], await CodesAsync("20950-20970 humana"));
    }

    [Fact]
    public async Task A_word_prefix_finds_the_words_that_start_with_it()
    {
        Assert.Contains("20962", await CodesAsync("vascul*"));
        Assert.Empty(await CodesAsync("vascul"));
    }

    [Fact]
    public async Task Results_are_grouped_by_article_with_up_to_three_sections_each_linking_to_the_section()
    {
        var results = await db.Search.SearchAsync("graft");
        var article = results.Articles.Single(a => a.Code == "20962");
        Assert.InRange(article.Sections.Count, 1, SearchService.SectionsPerArticle);
        Assert.All(article.Sections, s => Assert.Equal("20962", s.Code));
        Assert.Equal(article.Sections.Count, article.Sections.Select(s => s.Anchor).Distinct().Count());
        Assert.Equal(["graft"], results.HighlightWords);
        Assert.Equal(results.Articles.SelectMany(a => a.Sections), results.Hits);
        Assert.Equal(results.Articles.Count, results.Total);
    }

    [Fact]
    public async Task Snippets_mark_the_matches_and_carry_no_markup_from_the_document()
    {
        var hits = (await db.Search.SearchAsync("emergency alert")).Hits;
        Assert.NotEmpty(hits);
        Assert.Contains(hits, h => h.Snippet.Marked().Contains("[emergency] [alert]", StringComparison.Ordinal));
        Assert.All(hits, h => Assert.All(h.Snippet.Highlights, r => Assert.InRange(r.End, r.Start + 1, h.Snippet.Text.Length)));
        // Snippets are plain text: what looks like markup in a document is only characters (pages encode them).
        var airway = (await db.Search.SearchAsync("airway")).Hits.Single();
        Assert.Contains("[Airway] <img src=x onerror=alert(2)> management & \"quotes\"", airway.Snippet.Marked());
    }

    [Fact]
    public async Task Facets_count_the_matching_articles_by_payer_section_kind_and_code_range()
    {
        var facets = (await db.Search.SearchAsync("graft")).Facets;
        Assert.Contains(new FacetCount("Medicare", 3, "payer:\"Medicare\""), facets.Payers);
        Assert.Contains(new FacetCount("Surgery · Musculoskeletal System", 3, "20100-29999"), facets.CodeRanges);
        Assert.Contains(facets.CodeRanges, f => f.Value == "Category III · Emerging Technology" && f.Count == 1);
        Assert.Contains(facets.SectionKinds, f => f.Value == "Summary" && f.Count == 5);
    }

    [Fact]
    public async Task Words_in_different_sections_of_one_article_still_find_it_and_say_so()
    {
        var results = await db.Search.SearchAsync("osteoarthritis unitedhealthcare");

        Assert.True(results.AcrossSections);
        var knee = Assert.Single(results.Articles);
        Assert.Equal("27447", knee.Code);
        Assert.Contains(knee.Sections, s => s.Snippet.Marked().Contains("[osteoarthritis]", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(knee.Sections, s => s.Snippet.Marked().Contains("[UnitedHealthcare]", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(["osteoarthritis", "unitedhealthcare"], results.HighlightWords);
    }

    [Fact]
    public async Task Across_sections_is_a_fallback_that_still_needs_every_word_in_the_article()
    {
        var together = await db.Search.SearchAsync("knee osteoarthritis");
        Assert.False(together.AcrossSections);
        Assert.Equal(["27447"], together.Articles.Select(a => a.Code));

        var apart = await db.Search.SearchAsync("osteoarthritis hypertension");
        Assert.Equal(0, apart.Total);
        Assert.False(apart.AcrossSections);

        Assert.Equal(["27447"], await CodesAsync("osteoarthritis pediatric"));
        Assert.Empty(await CodesAsync("osteoarthritis pediatric -knee"));
        Assert.False((await db.Search.SearchAsync("payer:unitedhealthcare osteoarthritis")).AcrossSections);

        // One index query per word: a longer query is not taken apart.
        const string sixWords = "osteoarthritis unitedhealthcare pediatric ambulatory replacement arthroplasty";
        Assert.Equal(["27447"], await CodesAsync(sixWords));
        Assert.Empty(await CodesAsync(sixWords + " knee"));
    }

    [Fact]
    public async Task A_misspelled_word_gets_the_closest_word_of_the_index()
    {
        var results = await db.Search.SearchAsync("fibual graft");
        Assert.Equal(0, results.Total);
        Assert.Equal("fibula graft", results.DidYouMean);
        Assert.Equal("medicare", (await db.Search.SearchAsync("medicre")).DidYouMean);
        Assert.Null((await db.Search.SearchAsync("fibula")).DidYouMean);
    }

    [Fact]
    public async Task Paging_skips_and_takes_articles_and_the_page_size_is_clamped()
    {
        var all = await CodesAsync("medicare");
        Assert.Equal(all.Skip(1).Take(1), await CodesAsync("medicare", new SearchOptions { Page = new(2, 1) }));
        Assert.Single(await CodesAsync("medicare", new SearchOptions { Page = new(1, 0) }));
        Assert.Equal(all, await CodesAsync("medicare", new SearchOptions { Page = new(-5, 1000) }));
    }
}

/// <summary>The same searches on PostgreSQL: the same answers from the same parsed queries.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class SearchRankingOnPostgreSqlTests : SearchRankingTests
{
    protected override KbDatabaseProvider Provider => KbDatabaseProvider.PostgreSQL;
}
