using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using CptKb.Web.Components.Pages.Search;
using CptKb.Web.Components.Shared;

namespace CptKb.Tests.Components.Search;

public sealed class SearchPageTests : KbComponentTest
{
    [Fact]
    public void Results_are_grouped_by_code_with_section_links_and_marked_snippets()
    {
        NavigateTo("/search?q=fibula");
        var cut = Render<SearchPage>();

        var results = cut.Find("[data-testid=search-results]");
        Assert.Contains("20955", results.QuerySelector("h2")!.TextContent);
        var sectionLink = results.QuerySelector(".kb-result-heading")!.GetAttribute("href");
        Assert.StartsWith("/codes/20955?hl=fibula#", sectionLink);
        Assert.NotEmpty(results.QuerySelectorAll("mark"));
    }

    [Fact]
    public void Facets_refine_the_query_in_the_address()
    {
        NavigateTo("/search?q=covered");
        var cut = Render<SearchPage>();

        var payerLinks = cut.FindAll(".kb-facet a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/search?q=covered%20payer%3A%22Aetna%22", payerLinks);
    }

    [Fact]
    public void Words_found_only_across_sections_are_explained()
    {
        NavigateTo("/search?q=salvageable%20interpretation");
        var cut = Render<SearchPage>();

        Assert.Contains("across their sections", cut.Find("[data-testid=across-sections]").TextContent);
        Assert.Contains("0042T", cut.Find("[data-testid=search-results] h2").TextContent);
        NavigateTo("/search?q=fibula");
        Assert.Empty(Render<SearchPage>().FindAll("[data-testid=across-sections]"));
    }

    [Fact]
    public void A_misspelled_word_gets_a_did_you_mean_link()
    {
        NavigateTo("/search?q=fibulla");
        var cut = Render<SearchPage>();

        Assert.Contains("fibula", cut.Find("[data-testid=did-you-mean]").TextContent);
    }

    [Fact]
    public void A_stored_code_typed_in_the_form_opens_its_article()
    {
        NavigateTo("/search?q=20962&open=code");
        Render<SearchPage>();

        Assert.EndsWith("/codes/20962", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public void A_link_to_the_results_of_a_code_still_shows_the_results()
    {
        NavigateTo("/search?q=20962");
        var cut = Render<SearchPage>();

        Assert.Contains("20962", cut.Find("[data-testid=search-results] h2").TextContent);
        Assert.EndsWith("/search?q=20962", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public void A_code_that_is_not_stored_says_so_and_offers_the_nearest_stored_codes()
    {
        NavigateTo("/search?q=20956&open=code");
        var cut = Render<SearchPage>();

        Assert.Contains("No article for CPT code 20956", cut.Find("[data-testid=unknown-code]").TextContent);
        var near = cut.FindAll("[data-testid=near-codes] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/codes/20955", "/codes/20962", "/codes/27447"], near);
    }

    [Fact]
    public void An_empty_query_explains_the_syntax()
    {
        NavigateTo("/search");
        var cut = Render<SearchPage>();
        Assert.Contains("payer:aetna", cut.Markup);
    }

    [Theory]
    [InlineData("plain graft text & more", 6, 5, "graft")]
    [InlineData("<script>alert(1)</script> x", 26, 1, "x")]
    public void Snippets_show_their_text_as_text_and_only_their_highlights_as_marks(string text, int start, int length, string marked)
    {
        var cut = Render<Snippet>(p => p.Add(x => x.Value, new CptKb.Core.Search.TextSnippet(text, [new(start, length)])));

        Assert.Equal(text, cut.Find(".kb-snippet").TextContent.Trim());
        Assert.Equal(marked, cut.Find("mark").TextContent);
        Assert.Empty(cut.FindAll("script"));
    }
}
