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

        cut.WaitForAssertion(() => Assert.Contains("12 data gaps in all.", cut.Markup));
        var rows = cut.FindAll("tbody tr").Where(tr => tr.QuerySelector("td[data-label='Code']") is not null).ToList();
        Assert.Equal(["20955", "20955", "20955", "20962", "20962", "20962", "20962", "20962", "20962", "20962", "0042T", "0042T"],
            rows.Select(r => r.QuerySelector("td[data-label='Code']")!.TextContent.Trim()));
        // One word for every kind; what is missing beside it.
        Assert.All(rows, r => Assert.Equal("Data gap", r.QuerySelector("td[data-label='Data gap'] .kb-missing")?.TextContent));
        var benchmark = rows[2];
        Assert.Equal("Benchmark", benchmark.QuerySelector("td[data-label='Data gap'] .kb-gap-what")?.TextContent);
        Assert.Equal("Modifier table: When to Use", rows[4].QuerySelector("td[data-label='Data gap'] .kb-gap-what")?.TextContent);
        Assert.Equal("Aetna: no section", rows[5].QuerySelector("td[data-label='Data gap'] .kb-gap-what")?.TextContent);
        Assert.Contains("A data gap is", cut.Find("[data-testid=gap-legend]").TextContent);
        Assert.Equal("Payer Coverage & Benchmarks > Medicare", benchmark.QuerySelector("td[data-label='Section']")?.TextContent.Trim());
        Assert.NotNull(benchmark.QuerySelector("a[href='/payers/Medicare']"));
        Assert.NotNull(benchmark.QuerySelector("a[href='/codes/20955#payer-coverage-benchmarks-medicare']"));
    }

    [Theory]
    [InlineData("/gaps?payer=medicare", "2 of 12 data gaps match.", new[] { "20955", "20962" })]
    [InlineData("/gaps?section=Billing%20Code%20Overview", "2 of 12 data gaps match.", new[] { "20955", "20962" })]
    [InlineData("/gaps?range=category-iii", "2 of 12 data gaps match.", new[] { "0042T", "0042T" })]
    [InlineData("/gaps?payer=Cigna%20Health&range=surgery-musculoskeletal", "2 of 12 data gaps match.", new[] { "20955", "20962" })]
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
        Assert.Equal("Data gaps per payer", payers.QuerySelector("caption")?.TextContent);
        Assert.Equal(["Payer", "Data gaps"], payers.QuerySelectorAll("thead th").Select(th => th.TextContent));
        Assert.Equal(["Aetna", "Blue Cross Blue Shield", "Cigna Health", "Humana", "Medicare", "UnitedHealthcare"], payers.QuerySelectorAll("tbody th").Select(th => th.TextContent.Trim()));
        Assert.Equal(["1", "1", "2", "1", "2", "1"], payers.QuerySelectorAll("tbody td.kb-bars-number").Select(td => td.TextContent.Trim()));
        Assert.Equal("/gaps?payer=Cigna%20Health", payers.QuerySelector("tbody th a[title='Cigna Health']")?.GetAttribute("href"));

        var sections = cut.Find("[data-testid=section-chart] table");
        Assert.Equal("Data gaps per section", sections.QuerySelector("caption")?.TextContent);
        Assert.Equal(["Payer Coverage & Benchmarks", "Billing Code Overview", "Clinical & Coding Specifications"], sections.QuerySelectorAll("tbody th").Select(th => th.TextContent.Trim()));
        Assert.Equal(["8", "2", "2"], sections.QuerySelectorAll("tbody td.kb-bars-number").Select(td => td.TextContent.Trim()));
        // The longest row fills the track; the others are drawn to the same scale.
        Assert.Equal(["width: 100%", "width: 25%", "width: 25%"], sections.QuerySelectorAll(".kb-bars-bar").Select(b => b.GetAttribute("style")));
    }

    [Fact]
    public void The_CSV_link_carries_the_filters()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/gaps?payer=Aetna&section=Billing%20Code%20Overview&range=surgery-musculoskeletal&page=2");

        var cut = Render<GapsPage>();

        Assert.Equal("/api/export/gaps.csv?payer=Aetna&section=Billing%20Code%20Overview&range=surgery-musculoskeletal",
            cut.Find("[data-testid=export-csv]").GetAttribute("href"));
        Assert.Equal("/api/export/gaps.json?payer=Aetna&section=Billing%20Code%20Overview&range=surgery-musculoskeletal",
            cut.Find("[data-testid=export-json]").GetAttribute("href"));
    }

    [Fact]
    public void The_export_links_follow_a_filter_changed_on_the_page()
    {
        var cut = Render<GapsPage>();
        cut.WaitForAssertion(() => Assert.Equal("/api/export/gaps.json", cut.Find("[data-testid=export-json]").GetAttribute("href")));
        Assert.Equal("/api/export/gaps.csv", cut.Find("[data-testid=export-csv]").GetAttribute("href"));

        // The payer chart's label filters the page by that payer; then a range is chosen too.
        Services.GetRequiredService<NavigationManager>().NavigateTo(cut.Find("[data-testid=payer-chart] a[title='Cigna Health']").GetAttribute("href")!);
        cut.WaitForAssertion(() => Assert.Equal("/api/export/gaps.json?payer=Cigna%20Health", cut.Find("[data-testid=export-json]").GetAttribute("href")));
        Services.GetRequiredService<NavigationManager>().NavigateTo("/gaps?payer=Cigna%20Health&range=surgery-musculoskeletal");
        cut.WaitForAssertion(() => Assert.Equal("/api/export/gaps.csv?payer=Cigna%20Health&range=surgery-musculoskeletal",
            cut.Find("[data-testid=export-csv]").GetAttribute("href")));
        Assert.Equal("/api/export/gaps.json?payer=Cigna%20Health&range=surgery-musculoskeletal", cut.Find("[data-testid=export-json]").GetAttribute("href"));
    }
}
