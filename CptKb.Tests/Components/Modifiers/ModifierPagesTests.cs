using Bunit;
using CptKb.Web.Components.Pages.Modifiers;

namespace CptKb.Tests.Components.Modifiers;

public sealed class ModifierPagesTests : KbComponentTest
{
    [Fact]
    public void The_modifier_list_shows_each_modifier_with_its_descriptions_and_code_count()
    {
        var cut = Render<ModifiersPage>();

        var row = cut.WaitForElement("a[href='/modifiers/22']").Closest("tr")!;
        Assert.Equal("Increased procedural services", row.QuerySelector("td[data-label='Descriptions']")?.TextContent.Trim());
        Assert.Equal("3", row.QuerySelector("td[data-label='Codes']")?.TextContent.Trim());
        Assert.Equal(["22", "26", "59", "62", "LT", "RT", "TC"], cut.FindAll("td[data-label='Modifier'] a").Select(a => a.TextContent.Trim()));
    }

    [Fact]
    public void Modifier_22_lists_every_code_whose_table_lists_it()
    {
        var cut = Render<ModifierPage>(p => p.Add(x => x.Modifier, "22"));

        cut.WaitForAssertion(() => Assert.Equal(["20955", "20962", "27447"], cut.FindAll("td[data-label='Code'] a").Select(a => a.TextContent.Trim())));
        Assert.Equal("/codes/20955#coding-specifications", cut.Find("td[data-label='Code'] a").GetAttribute("href"));
        Assert.Contains("Severe deformity adds substantial time", cut.Markup);
        Assert.Contains("22", cut.Find("h1").TextContent);
    }

    [Fact]
    public void A_missing_when_to_use_shows_as_a_marked_gap()
    {
        var cut = Render<ModifierPage>(p => p.Add(x => x.Modifier, "TC"));

        var row = cut.WaitForElement("tbody tr");
        Assert.Contains("0042T", row.TextContent);
        Assert.Equal("Technical component", row.QuerySelector("td[data-label='Description']")?.TextContent.Trim());
        var whenToUse = row.QuerySelector("td[data-label='When to use'] .kb-missing");
        Assert.NotNull(whenToUse);
        Assert.Equal("Data gap", whenToUse.TextContent);
    }

    [Fact]
    public void An_unknown_modifier_gets_a_clear_not_found_message()
    {
        var cut = Render<ModifierPage>(p => p.Add(x => x.Modifier, "99"));

        cut.WaitForAssertion(() => Assert.Equal("Modifier not found", cut.Find("h1").TextContent.Trim()));
        Assert.NotNull(cut.Find("a[href='/modifiers']"));
    }

    [Fact]
    public void The_CSV_link_is_the_modifiers_code_list()
    {
        var cut = Render<ModifierPage>(p => p.Add(x => x.Modifier, "rt"));

        cut.WaitForAssertion(() => Assert.Equal("/api/export/modifiers/RT.csv", cut.Find("[data-testid=export-csv]").GetAttribute("href")));
        Assert.Equal("/api/export/modifiers/RT.json", cut.Find("[data-testid=export-json]").GetAttribute("href"));
    }

    [Fact]
    public void The_export_links_follow_the_modifier_shown()
    {
        var cut = Render<ModifierPage>(p => p.Add(x => x.Modifier, "rt"));
        cut.WaitForAssertion(() => Assert.Equal("/api/export/modifiers/RT.json", cut.Find("[data-testid=export-json]").GetAttribute("href")));

        cut.Render(p => p.Add(x => x.Modifier, "lt"));

        cut.WaitForAssertion(() => Assert.Equal("/api/export/modifiers/LT.json", cut.Find("[data-testid=export-json]").GetAttribute("href")));
        Assert.Equal("/api/export/modifiers/LT.csv", cut.Find("[data-testid=export-csv]").GetAttribute("href"));
    }
}
