using Bunit;
using CptKb.Web.Components.Layout;
using CptKb.Web.Components.Pages.Search;

namespace CptKb.Tests.Components.Search;

/// <summary>
/// Searches run through a reader's circuit (the app-bar box, the interactive results page) are held to the search rate:
/// past it the reader is told plainly, and no search is run.
/// </summary>
public sealed class SearchRateLimitComponentTests : KbComponentTest
{
    // A bucket of one search per circuit, refilled every 10 s.
    protected override int SearchesPerMinute => 6;

    [Fact]
    public void The_results_page_says_when_the_circuit_has_searched_too_often()
    {
        NavigateTo("/search?q=fibula");
        var first = Render<SearchPage>();
        Assert.NotEmpty(first.FindAll("[data-testid=search-results] .kb-result"));

        NavigateTo("/search?q=graft");
        var second = Render<SearchPage>();

        Assert.Matches(@"^Too many searches; try again in \d+ s\.$", second.Find("[data-testid=search-rate-limited]").TextContent.Trim());
        Assert.Empty(second.FindAll("[data-testid=search-results]"));
    }

    [Fact]
    public async Task The_app_bar_box_says_when_the_circuit_has_searched_too_often()
    {
        var box = Render<AppBarSearch>();

        await box.InvokeAsync(() => box.Instance.Suggest("fibula"));
        Assert.NotEmpty(box.FindAll("[role=option]"));

        await box.InvokeAsync(() => box.Instance.Suggest("graft"));

        Assert.Matches(@"^Too many searches; try again in \d+ s\.$", box.Find("[data-testid=search-rate-limited]").TextContent.Trim());
        Assert.Empty(box.FindAll("[role=option]"));
    }
}
