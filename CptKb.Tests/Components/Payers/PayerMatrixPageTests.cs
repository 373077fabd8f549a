using Bunit;
using CptKb.Web.Components.Pages.Payers;
using CptKb.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CptKb.Tests.Components.Payers;

public sealed class PayerMatrixPageTests : KbComponentTest
{
    private const string SeedPayers = "Medicare,Aetna,Cigna Health,UnitedHealthcare,Blue Cross Blue Shield,Humana";

    [Fact]
    public void The_matrix_cell_for_27447_and_UnitedHealthcare_says_not_covered_and_links_to_the_section()
    {
        var cut = Render<PayerMatrixPage>();

        var cell = cut.WaitForElement("td[data-payer='UnitedHealthcare'] a[href='/codes/27447#payer-coverage-benchmarks-unitedhealthcare']");
        Assert.Equal("✕Not covered", cell.TextContent.Trim());
        Assert.Equal(4, cut.FindAll(".kb-mx tbody tr").Count);
        // By default the five payers the most codes name; Humana, named by one code, is left for the picker.
        Assert.Equal(["Code", .. SeedPayers.Split(',')[..5]], Headers(cut));
    }

    [Fact]
    public void The_matrix_marks_missing_data_and_missing_sections_and_leaves_unmentioned_payers_as_a_dash_that_says_so()
    {
        NavigateTo("/payer-matrix?payers=all");
        var cut = Render<PayerMatrixPage>();

        var row = Row(cut, "20955");
        var missing = row.QuerySelector("td[data-payer='Cigna Health'] .kb-mx-gap");
        Assert.Equal("!Data gap", missing?.TextContent);
        var unmentioned = row.QuerySelector("td[data-payer='Humana']");
        Assert.Equal("—Not mentioned", unmentioned?.TextContent.Trim());
        Assert.Equal("true", unmentioned?.QuerySelector(".kb-mx-mark")?.GetAttribute("aria-hidden"));
        var noSection = Row(cut, "20962").QuerySelector("td[data-payer='Aetna'] .kb-mx-gap");
        Assert.Equal("∅Data gap", noSection?.TextContent);
    }

    [Fact]
    public void The_legend_names_every_cell_state_with_its_mark_without_hovering()
    {
        var cut = Render<PayerMatrixPage>();

        var legend = cut.WaitForElement("[data-testid=matrix-legend]");
        var entries = legend.QuerySelectorAll("li").Select(li => string.Join(' ', li.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).ToList();
        Assert.Equal(8, entries.Count);
        Assert.StartsWith("✓Covered the payer covers the code", entries[0]);
        Assert.Contains(entries, e => e.StartsWith("◑Covered with PA covered once prior authorization", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.StartsWith("✕Not covered", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.StartsWith("≈Varies", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.StartsWith("?Not stated", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.StartsWith("!Data gap (data not available) the payer's section says", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.StartsWith("∅Data gap (no section) named as a key payer", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.StartsWith("—Not mentioned the publication neither names this payer", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/payer-matrix?payers=Aetna,medicare", new[] { "Medicare", "Aetna" })]
    [InlineData("/payer-matrix?payers=Humana", new[] { "Humana" })]
    [InlineData("/payer-matrix?payers=all", new[] { "Medicare", "Aetna", "Cigna Health", "UnitedHealthcare", "Blue Cross Blue Shield", "Humana" })]
    public void The_columns_are_the_payers_the_address_names(string address, string[] payers)
    {
        NavigateTo(address);

        var cut = Render<PayerMatrixPage>();

        cut.WaitForAssertion(() => Assert.Equal(["Code", .. payers], Headers(cut)));
        Assert.Equal(payers.Length, Row(cut, "27447").QuerySelectorAll("td").Length);
        Assert.Empty(cut.FindAll("[data-testid=unknown-payers]"));
    }

    [Fact]
    public void Payers_the_address_names_that_no_code_names_are_reported_by_name_and_the_others_shown()
    {
        NavigateTo("/payer-matrix?payers=Aetna,Nobody%20Mutual,Acme%20Health");

        var cut = Render<PayerMatrixPage>();

        var warning = cut.WaitForElement("[data-testid=unknown-payers]").TextContent;
        Assert.Contains("“Nobody Mutual”, “Acme Health”", warning);
        Assert.Contains("the matrix shows the other payers", warning);
        Assert.Equal(["Code", "Aetna"], Headers(cut));
        // The export takes the columns shown, so its link does not answer 400 for the names reported here.
        Assert.Equal("/api/export/matrix.csv?payers=Aetna", cut.Find("[data-testid=export-csv]").GetAttribute("href"));
    }

    [Fact]
    public async Task Choosing_payers_in_the_picker_puts_them_in_the_address_and_changes_the_columns()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/payer-matrix");
        var cut = Render<PayerMatrixPage>();
        cut.WaitForElement(".kb-mx tbody tr");

        var picker = cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.MultiSelection);
        await cut.InvokeAsync(() => picker.Instance.SelectedValuesChanged.InvokeAsync(["Humana", "Aetna"]));

        Assert.Equal("http://localhost/payer-matrix?payers=Humana%2CAetna", navigation.Uri);
        cut.WaitForAssertion(() => Assert.Equal(["Code", "Aetna", "Humana"], Headers(cut)));
        Assert.Equal("/api/export/matrix.csv?payers=Aetna%2CHumana", cut.Find("[data-testid=export-csv]").GetAttribute("href"));
    }

    [Theory]
    [InlineData("/payer-matrix", new[] { "20955", "20962", "27447", "0042T" })]
    [InlineData("/payer-matrix?q=274", new[] { "27447" })]
    [InlineData("/payer-matrix?q=knee", new[] { "27447" })]
    [InlineData("/payer-matrix?payer=unitedhealthcare", new[] { "27447" })]
    [InlineData("/payer-matrix?range=category-iii", new[] { "0042T" })]
    [InlineData("/payer-matrix?range=surgery-musculoskeletal&payer=Aetna", new[] { "20955", "27447" })]
    public void The_matrix_lists_codes_in_code_order_filtered_by_the_range_payer_and_words_in_the_address(string address, string[] codes)
    {
        NavigateTo(address);

        var cut = Render<PayerMatrixPage>();

        cut.WaitForAssertion(() => Assert.Equal(codes, Codes(cut)));
        Assert.Contains($"{codes.Length} code", cut.Find("[data-testid=matrix-count]").TextContent);
    }

    [Fact]
    public void A_payer_filter_that_no_code_names_is_reported_and_keeps_no_code()
    {
        NavigateTo("/payer-matrix?payer=Nobody%20Mutual");

        var cut = Render<PayerMatrixPage>();

        cut.WaitForAssertion(() => Assert.Contains("no code matches the payer filter", cut.Find("[data-testid=unknown-payers]").TextContent));
        Assert.Contains("No codes match this filter.", cut.Markup);
    }

    [Fact]
    public async Task Choosing_a_range_puts_it_in_the_address_and_narrows_the_rows()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/payer-matrix?page=1");
        var cut = Render<PayerMatrixPage>();
        cut.WaitForElement(".kb-mx tbody tr");

        var select = cut.FindComponent<CodeRangeSelect>();
        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync("category-iii"));

        Assert.Equal("http://localhost/payer-matrix?range=category-iii", navigation.Uri);
        cut.WaitForAssertion(() => Assert.Equal(["0042T"], Codes(cut)));
    }

    [Fact]
    public void Typing_code_or_title_words_narrows_the_rows()
    {
        var cut = Render<PayerMatrixPage>();
        cut.WaitForElement(".kb-mx tbody tr");

        cut.Find("input[aria-label='Code or title words']").Change("2095");

        cut.WaitForAssertion(() => Assert.Equal(["20955"], Codes(cut)));
    }

    [Fact]
    public void Pages_of_codes_follow_the_page_size_in_the_address_with_a_count()
    {
        NavigateTo("/payer-matrix?pageSize=2&page=2");

        var cut = Render<PayerMatrixPage>();

        cut.WaitForAssertion(() => Assert.Equal(["27447", "0042T"], Codes(cut)));
        Assert.Contains("3–4 of 4 codes · page 2 of 2", cut.Find(".kb-page-links").TextContent);
    }

    [Fact]
    public void The_phone_list_shows_one_payer_at_a_time_and_follows_the_payer_chosen()
    {
        var cut = Render<PayerMatrixPage>();
        cut.WaitForElement(".kb-mx tbody tr");

        Assert.Equal(["Medicare", "Aetna", "Cigna Health", "UnitedHealthcare", "Blue Cross Blue Shield"],
            cut.FindAll("#matrix-phone-payer option").Select(o => o.TextContent));
        Assert.Equal(4, cut.FindAll(".kb-mx-phone-list li").Count);
        cut.Find("#matrix-phone-payer").Change("UnitedHealthcare");

        cut.WaitForAssertion(() => Assert.Equal("✕Not covered", PhoneCell(cut, "27447")));
        Assert.Equal("—Not mentioned", PhoneCell(cut, "20955"));
    }

    [Fact]
    public void The_export_links_carry_the_payers_and_filters_but_not_the_page()
    {
        NavigateTo("/payer-matrix?payers=Aetna,Medicare&range=surgery-musculoskeletal&payer=Aetna&q=graft&page=2&pageSize=1");

        var cut = Render<PayerMatrixPage>();

        const string query = "?payers=Medicare%2CAetna&range=surgery-musculoskeletal&payer=Aetna&q=graft";
        cut.WaitForAssertion(() => Assert.Equal("/api/export/matrix.csv" + query, cut.Find("[data-testid=export-csv]").GetAttribute("href")));
        Assert.Equal("/api/export/matrix.json" + query, cut.Find("[data-testid=export-json]").GetAttribute("href"));
    }

    private static List<string> Headers(IRenderedComponent<PayerMatrixPage> cut) =>
        [.. cut.FindAll(".kb-mx thead th").Select(th => th.TextContent.Trim())];

    private static List<string> Codes(IRenderedComponent<PayerMatrixPage> cut) =>
        [.. cut.FindAll(".kb-mx tbody th.kb-mx-code a.kb-code").Select(a => a.TextContent.Trim())];

    private static string? PhoneCell(IRenderedComponent<PayerMatrixPage> cut, string code) =>
        cut.FindAll(".kb-mx-phone-list li").Single(li => li.QuerySelector("a.kb-code")?.TextContent == code)
            .QuerySelector(".kb-mx-phone-cell")?.TextContent.Trim();

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<PayerMatrixPage> cut, string code)
    {
        cut.WaitForElement(".kb-mx tbody tr");
        return cut.FindAll(".kb-mx tbody tr").Single(tr => tr.QuerySelector("th.kb-mx-code a.kb-code")?.TextContent.Trim() == code);
    }
}
