using CptKb.Core.Search;
using CptKb.Web.Components.Pages.Search;

namespace CptKb.Tests.Components.Search;

/// <summary>A search that runs out of its time budget says so on the results page, rather than "nothing matches".</summary>
public sealed class SearchTimedOutPageTests : KbComponentTest
{
    protected override SearchLimits SearchLimits => new() { TimeBudget = TimeSpan.Zero };

    [Fact]
    public void A_search_out_of_time_says_it_found_nothing_in_time_instead_of_nothing_matches()
    {
        NavigateTo("/search?q=fibula");
        var cut = Render<SearchPage>();

        Assert.Contains("took too long to finish and found nothing in time", cut.Find("[data-testid=search-timed-out]").TextContent);
        Assert.DoesNotContain("Nothing matches", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=search-total]"));
    }
}
