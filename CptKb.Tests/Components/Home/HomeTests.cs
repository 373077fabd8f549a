using CptKb.Web.Components.Pages.Home;

namespace CptKb.Tests.Components.Home;

public sealed class HomeTests : KbComponentTest
{
    [Fact]
    public void The_home_page_counts_what_the_knowledge_base_holds()
    {
        var cut = Render<CptKb.Web.Components.Pages.Home.Home>();

        var stats = cut.Find("[data-testid=stats]").TextContent;
        Assert.Contains("4Codes", stats.Replace(" ", "").Replace("\n", ""));
        Assert.Contains("in 3 of 4 codes", stats);
        Assert.Contains("1 file(s) failed", cut.Find("[data-testid=last-import]").TextContent);
    }

    [Fact]
    public void The_home_page_offers_a_way_in_for_each_kind_of_user()
    {
        var cut = Render<CptKb.Web.Components.Pages.Home.Home>();

        Assert.Equal(["Medical coders", "Revenue-cycle managers", "Clinical leads"], cut.FindAll("h2").Select(h => h.TextContent));
        Assert.Contains(cut.FindAll("a"), a => a.GetAttribute("href") == "/codes?range=surgery-musculoskeletal" && a.TextContent.Contains("(3)"));
        Assert.Contains(cut.FindAll("a"), a => a.GetAttribute("href") == "/payer-matrix");
    }
}
