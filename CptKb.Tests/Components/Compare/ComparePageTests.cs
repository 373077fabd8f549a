using CptKb.Web.Components.Pages.Compare;

namespace CptKb.Tests.Components.Compare;

public sealed class ComparePageTests : KbComponentTest
{
    private IRenderedComponent<ComparePage> RenderAt(string address)
    {
        NavigateTo(address);
        var cut = Render<ComparePage>();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-progress-linear")));
        return cut;
    }

    [Fact]
    public void Each_code_is_a_column_linked_to_its_article_with_a_way_to_remove_it()
    {
        var cut = RenderAt("/compare?codes=27447,20955");

        var columns = cut.FindAll("[data-testid=compare-column]");
        Assert.Equal(["27447", "20955"], columns.Select(c => c.QuerySelector("a.kb-code")?.TextContent));
        Assert.Equal("/codes/27447", columns[0].QuerySelector("a.kb-code")?.GetAttribute("href"));
        Assert.Contains("Total Knee Arthroplasty", columns[0].TextContent);
        Assert.Equal("/compare?codes=20955", columns[0].QuerySelector("[data-testid=compare-remove]")?.GetAttribute("href"));
        Assert.Equal("Remove 27447 from the comparison", columns[0].QuerySelector("[data-testid=compare-remove]")?.GetAttribute("aria-label"));
    }

    [Fact]
    public void Rows_that_differ_say_so_in_words_and_rows_that_agree_do_not()
    {
        var cut = RenderAt("/compare?codes=27447,20955");

        var rows = cut.FindAll("[data-testid=compare-row]");
        var right = rows.Single(r => r.QuerySelector("th")!.TextContent.Contains("Modifier RT", StringComparison.Ordinal));
        Assert.Contains("Differs", right.QuerySelector("th")!.TextContent);
        Assert.Contains("kb-cmp-differs", right.ClassName);
        Assert.Contains("Not listed", right.QuerySelectorAll("td")[1].TextContent);
        var same = rows.Where(r => r.GetAttribute("data-differs") == "false").ToList();
        Assert.NotEmpty(same);
        Assert.All(same, r => Assert.DoesNotContain("Differs", r.QuerySelector("th")!.TextContent));
        Assert.Equal(["Overview", "Facts", "Modifiers", "Payers", "Data gaps"],
            cut.FindAll(".kb-cmp-group th").Select(th => th.TextContent.Trim()));
    }

    [Fact]
    public void Only_differences_in_the_address_hides_the_rows_that_agree_and_the_toggle_links_back()
    {
        var all = RenderAt("/compare?codes=27447,20955");
        var toggle = all.Find("[data-testid=compare-diff]");
        Assert.Equal("false", toggle.GetAttribute("aria-checked"));
        Assert.Equal("/compare?codes=27447,20955&diff=1", toggle.GetAttribute("href"));
        var allRows = all.FindAll("[data-testid=compare-row]").Count;

        var cut = RenderAt("/compare?codes=27447,20955&diff=1");

        var rows = cut.FindAll("[data-testid=compare-row]");
        Assert.NotEmpty(rows);
        Assert.True(rows.Count < allRows);
        Assert.All(rows, r => Assert.Equal("true", r.GetAttribute("data-differs")));
        Assert.Equal("true", cut.Find("[data-testid=compare-diff]").GetAttribute("aria-checked"));
        Assert.Equal("/compare?codes=27447,20955", cut.Find("[data-testid=compare-diff]").GetAttribute("href"));
        Assert.Equal("/api/export/compare.csv?codes=27447,20955&diff=1", cut.Find("[data-testid=export-csv]").GetAttribute("href"));
    }

    [Fact]
    public void Codes_that_cannot_be_compared_are_named_and_the_rest_still_shown()
    {
        var cut = RenderAt("/compare?codes=27447,99999,knee,27447,20955");

        var problems = cut.FindAll("[data-testid=compare-problem]").Select(p => p.TextContent).ToList();
        Assert.Contains(problems, p => p.Contains("“knee” is not a CPT code", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("27447 is named more than once", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("No article for CPT code 99999 is stored", StringComparison.Ordinal));
        Assert.Equal(2, cut.FindAll("[data-testid=compare-column]").Count);
    }

    [Fact]
    public void One_code_asks_for_another()
    {
        var cut = RenderAt("/compare?codes=27447");

        Assert.Contains("Choose at least 2 codes to compare", cut.Find("[data-testid=compare-problem]").TextContent);
        Assert.Single(cut.FindAll("[data-testid=compare-column]"));
    }
}
