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
    public void Completeness_is_charted_per_payer_and_per_section_with_a_table_for_screen_readers()
    {
        var cut = Render<GapsPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindComponents<MudChart<double>>().Count));
        var charts = cut.FindComponents<MudChart<double>>();
        Assert.Equal(["Aetna", "Cigna Health", "Humana", "Medicare", "UnitedHealthcare"], charts[0].Instance.ChartLabels);
        Assert.Equal([2d, 0, 0, 2, 1], charts[0].Instance.ChartSeries[0].Data.Values);
        Assert.Equal([0d, 1, 1, 1, 0], charts[0].Instance.ChartSeries[1].Data.Values);
        Assert.Equal(["Payer Coverage & Benchmarks", "Billing Code Overview"], charts[1].Instance.ChartLabels);
        Assert.Equal([3d, 2], charts[1].Instance.ChartSeries[0].Data.Values);
        Assert.Contains(cut.FindAll("table caption"), c => c.TextContent == "Data gaps per section");
    }
}
