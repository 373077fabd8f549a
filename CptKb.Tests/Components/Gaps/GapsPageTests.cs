using Bunit;
using CptKb.Web.Components.Pages.Gaps;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CptKb.Tests.Components.Gaps;

public sealed class GapsPageTests : KbComponentTest
{
    [Fact]
    public void Every_gap_is_listed_in_code_order_with_its_code_section_missing_fact_and_payer()
    {
        var cut = Render<GapsPage>();

        cut.WaitForAssertion(() => Assert.Contains("5 data gaps in all.", cut.Markup));
        var rows = cut.FindAll("tbody tr").Where(tr => tr.QuerySelector("td[data-label='Code']") is not null).ToList();
        Assert.Equal(["20955", "20955", "20955", "20962", "0042T"], rows.Select(r => r.QuerySelector("td[data-label='Code']")!.TextContent.Trim()));
        var benchmark = rows[2];
        Assert.Equal("Benchmark", benchmark.QuerySelector("td[data-label='Missing'] .kb-missing")?.TextContent);
        Assert.Equal("Payer Coverage & Benchmarks > Medicare", benchmark.QuerySelector("td[data-label='Section']")?.TextContent.Trim());
        Assert.NotNull(benchmark.QuerySelector("a[href='/payers/Medicare']"));
        Assert.NotNull(benchmark.QuerySelector("a[href='/codes/20955#payer-coverage-benchmarks-medicare']"));
    }

    [Theory]
    [InlineData("/gaps?payer=medicare", "1 of 5 data gaps match.", new[] { "20955" })]
    [InlineData("/gaps?section=Billing%20Code%20Overview", "2 of 5 data gaps match.", new[] { "20955", "20962" })]
    [InlineData("/gaps?range=category-iii", "1 of 5 data gaps match.", new[] { "0042T" })]
    [InlineData("/gaps?payer=Cigna%20Health&range=surgery-musculoskeletal", "1 of 5 data gaps match.", new[] { "20955" })]
    public void The_list_filters_by_payer_section_and_code_range_from_the_address(string address, string status, string[] codes)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);

        var cut = Render<GapsPage>();

        cut.WaitForAssertion(() => Assert.Contains(status, cut.Find("[role='status']").TextContent));
        Assert.Equal(codes, cut.FindAll("td[data-label='Code'] a").Select(a => a.TextContent.Trim()));
        Assert.NotNull(cut.Find("a[href='/gaps']"));
    }

    [Fact]
    public void A_filter_that_matches_nothing_says_so()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/gaps?payer=Humana&range=surgery-musculoskeletal");

        var cut = Render<GapsPage>();

        cut.WaitForAssertion(() => Assert.Contains("No data gaps match this filter.", cut.Markup));
    }

    [Fact]
    public void Completeness_is_charted_per_payer_and_per_section_as_tables_that_read_aloud()
    {
        var cut = Render<GapsPage>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=section-chart]")));
        var payers = cut.Find("[data-testid=payer-chart] table");
        Assert.Equal("Payer sections with and without missing data", payers.QuerySelector("caption")?.TextContent);
        Assert.Equal(["Payer", "Complete sections", "Sections with data missing"], payers.QuerySelectorAll("thead th").Select(th => th.TextContent));
        Assert.Equal(["Aetna", "Cigna Health", "Humana", "Medicare", "UnitedHealthcare"], payers.QuerySelectorAll("tbody th").Select(th => th.TextContent.Trim()));
        Assert.Equal(["2", "0", "0", "1", "0", "1", "2", "1", "1", "0"], payers.QuerySelectorAll("tbody td.kb-bars-number").Select(td => td.TextContent.Trim()));
        Assert.Equal("/gaps?payer=Cigna%20Health", payers.QuerySelector("tbody th a[title='Cigna Health']")?.GetAttribute("href"));
        Assert.Equal(["Complete sections", "Sections with data missing"], cut.FindAll("[data-testid=payer-chart] .kb-bars-legend li").Select(li => li.TextContent));

        var sections = cut.Find("[data-testid=section-chart] table");
        Assert.Equal("Data gaps per section", sections.QuerySelector("caption")?.TextContent);
        Assert.Equal(["Payer Coverage & Benchmarks", "Billing Code Overview"], sections.QuerySelectorAll("tbody th").Select(th => th.TextContent.Trim()));
        Assert.Equal(["3", "2"], sections.QuerySelectorAll("tbody td.kb-bars-number").Select(td => td.TextContent.Trim()));
        // The longest row fills the track; the others are drawn to the same scale.
        Assert.Equal(["width: 100%", "width: 66.67%"], sections.QuerySelectorAll(".kb-bars-bar").Select(b => b.GetAttribute("style")));
    }
}
