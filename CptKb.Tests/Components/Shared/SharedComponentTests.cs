using CptKb.Core.Articles;
using CptKb.Web.Components.Shared;

namespace CptKb.Tests.Components.Shared;

public sealed class SharedComponentTests : KbComponentTest
{
    [Fact]
    public void A_fact_list_shows_labels_and_values_and_marks_a_missing_value()
    {
        var cut = Render<FactList>(p => p.Add(x => x.Facts,
        [
            new Fact("Service type", "Surgical", "Billing Code Overview"),
            new Fact("Global period", "Data not available in the input.", "Billing Code Overview", DataMissing: true),
        ]));

        Assert.Equal(["Service type", "Global period"], cut.FindAll("dt").Select(d => d.TextContent));
        Assert.Equal("Surgical", cut.FindAll("dd")[0].TextContent.Trim());
        Assert.NotNull(cut.FindAll("dd")[1].QuerySelector(".kb-missing"));
    }

    [Theory]
    [InlineData(0, false, null)]
    [InlineData(0, true, "No data gaps")]
    [InlineData(1, false, "1 data gap")]
    [InlineData(3, false, "3 data gaps")]
    public void The_data_gap_badge_says_how_many_gaps_and_stays_quiet_at_zero(int count, bool showZero, string? label)
    {
        var cut = Render<DataGapBadge>(p => p.Add(x => x.Count, count).Add(x => x.ShowZero, showZero));

        if (label is null)
            Assert.Empty(cut.Markup.Trim());
        else
            Assert.Equal(label, cut.Find("[aria-label]").GetAttribute("aria-label"));
    }

    [Fact]
    public void A_code_link_goes_to_the_article_or_straight_to_a_section()
    {
        Assert.Equal("/codes/0042T", Render<CodeLink>(p => p.Add(x => x.Code, "0042T")).Find("a").GetAttribute("href"));
        Assert.Equal("/codes/20955#clinical-context",
            Render<CodeLink>(p => p.Add(x => x.Code, "20955").Add(x => x.Anchor, "clinical-context")).Find("a").GetAttribute("href"));
    }

    [Fact]
    public void The_copy_link_button_copies_the_clean_section_url()
    {
        JSInterop.Setup<bool>("cptkb.copyText", _ => true).SetResult(true);
        var cut = Render<CopyLinkButton>(p => p.Add(x => x.Path, "/codes/20955").Add(x => x.Anchor, "clinical-context").Add(x => x.Label, "Clinical Context"));

        cut.Find("button").Click();

        var call = Assert.Single(JSInterop.Invocations, i => i.Identifier == "cptkb.copyText");
        Assert.Equal("http://localhost/codes/20955#clinical-context", call.Arguments[0]);
    }
}
