using CptKb.Web.Components.Pages.Codes;

namespace CptKb.Tests.Components.Codes;

public sealed class CodesPageTests : KbComponentTest
{
    private static List<string> Codes(IRenderedComponent<CodesPage> cut) =>
        [.. cut.FindAll("[data-testid=codes-table] tbody tr td:first-child a.kb-code").Select(a => a.TextContent.Trim())];

    [Fact]
    public void Every_code_is_listed_in_code_order_with_range_payers_sites_modifiers_and_gaps()
    {
        var cut = Render<CodesPage>();

        Assert.Equal(["20955", "20962", "27447", "0042T"], Codes(cut));
        var knee = cut.FindAll("[data-testid=codes-table] tbody tr")[2].TextContent;
        Assert.Contains("Surgery · Musculoskeletal System", knee);
        Assert.Contains("Aetna, UnitedHealthcare, Medicare", knee);
        Assert.Contains("Ambulatory surgery center", knee);
        Assert.Contains("RT", knee);
        Assert.Contains("4 codes", cut.Find("[data-testid=codes-count]").TextContent);
    }

    [Theory]
    [InlineData("payer=Humana", new[] { "0042T" })]
    [InlineData("payer=aetna", new[] { "20955", "20962", "27447" })]
    [InlineData("modifier=22", new[] { "20955", "20962", "27447" })]
    [InlineData("site=imaging", new[] { "0042T" })]
    [InlineData("range=category-iii", new[] { "0042T" })]
    [InlineData("range=radiology", new string[0])]
    [InlineData("payer=Aetna&modifier=RT", new[] { "27447" })]
    public void Filters_in_the_address_narrow_the_list(string query, string[] expected)
    {
        NavigateTo("/codes?" + query);
        var cut = Render<CodesPage>();

        Assert.Equal(expected, Codes(cut).Where(c => c.Length == 5));
        Assert.Contains("match the filters", cut.Find("[data-testid=codes-count]").TextContent);
    }

    [Fact]
    public void Sorting_by_data_gaps_descending_puts_the_most_incomplete_first()
    {
        NavigateTo("/codes?sort=datagaps&desc=true");
        var cut = Render<CodesPage>();
        // 20962: a note, an empty cell and five key payers without a section.
        Assert.Equal(["20962", "20955", "0042T", "27447"], Codes(cut));
        Assert.Equal("7", cut.FindAll("[data-testid=codes-table] tbody tr")[0].QuerySelector(".kb-cl-gaps")?.TextContent.Trim());
    }

    [Fact]
    public void Column_headers_link_to_the_list_sorted_by_that_column()
    {
        NavigateTo("/codes?payer=Aetna");
        var cut = Render<CodesPage>();

        var links = cut.FindAll("[data-testid=codes-table] thead a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("http://localhost/codes?payer=Aetna&sort=title", links);
        Assert.Contains("http://localhost/codes?payer=Aetna&desc=true", links);
    }

    [Theory]
    [InlineData("q=knee", new[] { "27447" })]
    [InlineData("q=209", new[] { "20955", "20962" })]
    [InlineData("q=BONE%20graft", new[] { "20955", "20962" })]
    [InlineData("q=0042", new[] { "0042T" })]
    [InlineData("q=graft&payer=Humana", new string[0])]
    [InlineData("q=100%25", new string[0])]
    public void The_text_filter_matches_a_code_prefix_or_every_title_word(string query, string[] expected)
    {
        NavigateTo("/codes?" + query);
        var cut = Render<CodesPage>();

        Assert.Equal(expected, Codes(cut));
        Assert.Contains("match the filters", cut.Find("[data-testid=codes-count]").TextContent);
    }

    [Fact]
    public void Modifiers_of_a_code_sit_in_one_line_of_small_links()
    {
        var cut = Render<CodesPage>();

        var knee = cut.FindAll("[data-testid=codes-table] tbody tr")[2];
        var modifiers = knee.QuerySelectorAll(".kb-cl-modifiers a");
        Assert.Contains(modifiers, a => a.GetAttribute("href") == "/modifiers/RT" && a.TextContent == "RT");
        Assert.Single(knee.QuerySelectorAll(".kb-cl-modifiers"));
    }

    [Fact]
    public void The_CSV_link_carries_the_filters_text_and_sort_but_not_the_page()
    {
        NavigateTo("/codes?payer=Aetna&modifier=22&site=office&range=surgery-musculoskeletal&q=bone%20graft&sort=title&desc=true&page=2");
        var cut = Render<CodesPage>();

        Assert.Equal("/api/export/codes.csv?payer=Aetna&modifier=22&site=office&range=surgery-musculoskeletal&q=bone%20graft&sort=title&desc=true",
            cut.Find("[data-testid=export-csv]").GetAttribute("href"));
        Assert.Equal("/api/export/codes.json?payer=Aetna&modifier=22&site=office&range=surgery-musculoskeletal&q=bone%20graft&sort=title&desc=true",
            cut.Find("[data-testid=export-json]").GetAttribute("href"));
        Assert.Equal("JSON", cut.Find("[data-testid=export-json]").TextContent);
    }

    [Fact]
    public void The_export_links_follow_a_filter_or_sort_changed_on_the_page()
    {
        NavigateTo("/codes?payer=Aetna");
        var cut = Render<CodesPage>();
        Assert.Equal("/api/export/codes.json?payer=Aetna", cut.Find("[data-testid=export-json]").GetAttribute("href"));

        NavigateTo("/codes?payer=Aetna&range=surgery-musculoskeletal&q=graft");
        cut.WaitForAssertion(() => Assert.Equal("/api/export/codes.csv?payer=Aetna&range=surgery-musculoskeletal&q=graft",
            cut.Find("[data-testid=export-csv]").GetAttribute("href")));
        Assert.Equal("/api/export/codes.json?payer=Aetna&range=surgery-musculoskeletal&q=graft", cut.Find("[data-testid=export-json]").GetAttribute("href"));

        // The page's own sort link, followed: the exports are sorted the same way.
        NavigateTo(cut.Find("th a[href*='sort=datagaps']").GetAttribute("href")!);
        cut.WaitForAssertion(() => Assert.Equal("/api/export/codes.json?payer=Aetna&range=surgery-musculoskeletal&q=graft&sort=datagaps",
            cut.Find("[data-testid=export-json]").GetAttribute("href")));
        Assert.Equal("/api/export/codes.csv?payer=Aetna&range=surgery-musculoskeletal&q=graft&sort=datagaps", cut.Find("[data-testid=export-csv]").GetAttribute("href"));
    }

    [Fact]
    public void Without_filters_the_CSV_link_is_the_whole_list()
    {
        var cut = Render<CodesPage>();

        Assert.Equal("/api/export/codes.csv", cut.Find("[data-testid=export-csv]").GetAttribute("href"));
        Assert.Equal("/api/export/codes.json", cut.Find("[data-testid=export-json]").GetAttribute("href"));
    }
}
