using CptKb.Web.Components.Pages.Codes;
using CptKb.Web.Components.Pages.Search;

namespace CptKb.Tests.Components.Compare;

/// <summary>Gathering codes to compare on the code list and in search results: the choice lives in the list's address.</summary>
public sealed class ComparePicksTests : KbComponentTest
{
    private static string? PickOf(IRenderedComponent<CodesPage> cut, string code) =>
        cut.FindAll("[data-testid=codes-table] tbody tr")
            .Single(tr => tr.QuerySelector("td.kb-cl-code a.kb-code")?.TextContent == code)
            .QuerySelector("[data-testid=compare-pick]")?.GetAttribute("href");

    [Fact]
    public void Each_code_of_the_list_adds_itself_to_the_choice_in_the_address_keeping_the_filters()
    {
        NavigateTo("/codes?payer=Aetna&page=1");
        var cut = Render<CodesPage>();

        Assert.Equal("http://localhost/codes?payer=Aetna&page=1&compare=27447", PickOf(cut, "27447"));
        Assert.Empty(cut.FindAll("[data-testid=compare-bar]"));
    }

    [Fact]
    public void Chosen_codes_are_marked_and_the_bar_opens_them_side_by_side()
    {
        NavigateTo("/codes?compare=27447,20955");
        var cut = Render<CodesPage>();

        var knee = cut.FindAll("[data-testid=compare-pick]").Single(a => a.GetAttribute("aria-label") == "Comparing 27447: take it out");
        Assert.Equal("true", knee.GetAttribute("data-chosen"));
        Assert.Equal("http://localhost/codes?compare=20955", knee.GetAttribute("href"));
        Assert.Equal("http://localhost/codes?compare=27447%2C20955%2C20962", PickOf(cut, "20962"));
        var open = cut.Find("[data-testid=compare-open]");
        Assert.Equal("/compare?codes=27447,20955", open.GetAttribute("href"));
        Assert.Contains("Compare (2)", open.TextContent);
        // Paging keeps the choice.
        Assert.All(cut.FindAll(".kb-page-links a"), a => Assert.Contains("compare=", a.GetAttribute("href")));
    }

    [Fact]
    public void A_seventh_code_is_refused_with_a_message_naming_it()
    {
        NavigateTo("/codes?compare=27447,20955,20962,0042T,20956,20957,20970");
        var cut = Render<CodesPage>();

        Assert.Contains("At most 6 codes can be compared at once; 20970 is left out.", cut.Find("[data-testid=compare-refused]").TextContent);
        Assert.Contains("Compare (6)", cut.Find("[data-testid=compare-open]").TextContent);
    }

    [Fact]
    public void Search_hits_add_their_code_to_the_choice_and_result_links_keep_it()
    {
        NavigateTo("/search?q=covered&compare=27447");
        var cut = Render<SearchPage>();

        var picks = cut.FindAll("[data-testid=compare-pick]");
        Assert.NotEmpty(picks);
        var other = picks.First(a => a.GetAttribute("data-chosen") == "false");
        Assert.Contains("compare=27447%2C", other.GetAttribute("href"));
        Assert.All(cut.FindAll(".kb-facet a"), a => Assert.EndsWith("&compare=27447", a.GetAttribute("href")));
        Assert.Contains("Choose one more code", cut.Find("[data-testid=compare-bar]").TextContent);
    }
}
