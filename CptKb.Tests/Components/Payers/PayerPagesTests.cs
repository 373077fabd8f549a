using Bunit;
using CptKb.Web.Components.Pages.Payers;
using CptKb.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CptKb.Tests.Components.Payers;

public sealed class PayerPagesTests : KbComponentTest
{
    [Fact]
    public void The_payer_list_shows_each_payer_with_its_codes_and_gaps_and_links_to_its_page()
    {
        var cut = Render<PayersPage>();

        var aetna = cut.WaitForElement("a[href='/payers/Aetna']").Closest("tr")!;
        Assert.Equal("3", aetna.QuerySelector("td[data-label='Codes']")?.TextContent.Trim());
        var cigna = cut.Find("a[href='/payers/Cigna%20Health']").Closest("tr")!;
        // Its note in 20955's section and 20962, which names it without a section: the same two gaps /gaps lists.
        Assert.NotNull(cigna.QuerySelector("[aria-label='2 data gaps']"));
        Assert.Contains("A data gap is", cut.Find("[data-testid=gap-legend]").TextContent);
        Assert.Equal(6, cut.FindAll("tbody tr").Count);
        Assert.NotNull(cut.Find("a[href='/payer-matrix']"));
    }

    [Fact]
    public void A_payer_page_shows_the_data_missing_state_and_a_missing_section_as_marked_gaps()
    {
        var cut = Render<PayerPage>(p => p.Add(x => x.Payer, "Cigna Health"));

        var graft = cut.WaitForElement("#code-20955");
        Assert.Equal("Data gap", graft.QuerySelector(".kb-missing")?.TextContent);
        Assert.Contains("data is not available", graft.TextContent);
        Assert.NotNull(graft.QuerySelector("a[href='/codes/20955#payer-coverage-benchmarks-cigna-health']"));
        var seed = cut.Find("#code-20962");
        Assert.Equal("Data gap", seed.QuerySelector(".kb-missing")?.TextContent);
        Assert.Contains("no section", seed.QuerySelector(".kb-missing")?.GetAttribute("title"));
        Assert.NotNull(cut.Find("[aria-label='2 data gaps']"));
        Assert.Equal("Cigna Health", cut.Find("h1").TextContent.Trim());
    }

    [Fact]
    public void A_payer_page_shows_each_codes_stance_facts_and_section_text()
    {
        var cut = Render<PayerPage>(p => p.Add(x => x.Payer, "aetna"));

        var graft = cut.WaitForElement("#code-20955");
        Assert.Contains("Covered with PA", graft.QuerySelector(".kb-stance")?.TextContent);
        Assert.Equal(["Coverage", "Prior authorization"], graft.QuerySelectorAll(".kb-facts dt").Select(d => d.TextContent));
        Assert.Equal("Required.", graft.QuerySelectorAll(".kb-facts dd")[1].TextContent.Trim());
        // The facts are listed once, not again in the section's text below them.
        Assert.DoesNotContain("Prior authorization", graft.QuerySelector(".kb-markdown")?.TextContent ?? "");
        Assert.Contains("Covered with PA", cut.Find("#code-27447 .kb-stance").TextContent);
        Assert.Equal("Aetna", cut.Find("h1").TextContent.Trim());
    }

    [Fact]
    public void A_payer_page_lists_its_codes_in_code_order_with_letter_codes_last()
    {
        var cut = Render<PayerPage>(p => p.Add(x => x.Payer, "Medicare"));

        cut.WaitForElement("#code-0042T");
        Assert.Equal(["20955", "20962", "27447", "0042T"], cut.FindAll("[id^='code-']").Select(e => e.Id!["code-".Length..]));
    }

    [Fact]
    public void An_unknown_payer_gets_a_clear_not_found_message()
    {
        var cut = Render<PayerPage>(p => p.Add(x => x.Payer, "Nobody Mutual"));

        cut.WaitForAssertion(() => Assert.Equal("Payer not found", cut.Find("h1").TextContent.Trim()));
        Assert.Contains("Nobody Mutual", cut.Markup);
        Assert.NotNull(cut.Find("a[href='/payers']"));
    }

    [Fact]
    public void The_matrix_cell_for_27447_and_UnitedHealthcare_says_not_covered_and_links_to_the_section()
    {
        var cut = Render<PayerMatrixPage>();

        var cell = cut.WaitForElement("td[data-payer='UnitedHealthcare'] a[href='/codes/27447#payer-coverage-benchmarks-unitedhealthcare']");
        Assert.Equal("Not covered", cell.TextContent.Trim());
        Assert.Equal(4, cut.FindAll("tbody tr").Count);
        Assert.Equal(
            ["Code", "Medicare", "Aetna", "Cigna Health", "UnitedHealthcare", "Blue Cross Blue Shield", "Humana"],
            cut.FindAll("thead th").Select(th => th.TextContent.Trim()));
    }

    [Fact]
    public void The_matrix_marks_missing_data_and_missing_sections_and_leaves_unmentioned_payers_as_a_dash()
    {
        var cut = Render<PayerMatrixPage>();

        var row = Row(cut, "20955");
        Assert.Equal("Data gap", row.QuerySelector("td[data-payer='Cigna Health'] .kb-missing")?.TextContent);
        Assert.Contains("not available", row.QuerySelector("td[data-payer='Cigna Health'] .kb-missing")?.GetAttribute("title"));
        Assert.Equal("—", row.QuerySelector("td[data-payer='Humana']")?.TextContent.Trim());
        var noSection = Row(cut, "20962").QuerySelector("td[data-payer='Aetna'] .kb-missing");
        Assert.Equal("Data gap", noSection?.TextContent);
        Assert.Contains("no section", noSection?.GetAttribute("title"));
    }

    [Theory]
    [InlineData("/payer-matrix", new[] { "20955", "20962", "27447", "0042T" })]
    [InlineData("/payer-matrix?prefix=274", new[] { "27447" })]
    [InlineData("/payer-matrix?range=category-iii", new[] { "0042T" })]
    [InlineData("/payer-matrix?range=surgery-musculoskeletal", new[] { "20955", "20962", "27447" })]
    public void The_matrix_lists_codes_in_code_order_filtered_by_the_range_or_prefix_in_the_address(string address, string[] codes)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);

        var cut = Render<PayerMatrixPage>();

        cut.WaitForAssertion(() => Assert.Equal(codes, cut.FindAll("td.kb-matrix-code a.kb-code").Select(a => a.TextContent.Trim())));
    }

    [Fact]
    public void The_matrix_says_so_when_no_code_matches()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/payer-matrix?range=radiology");

        var cut = Render<PayerMatrixPage>();

        cut.WaitForAssertion(() => Assert.Contains("No codes match this filter.", cut.Markup));
    }

    [Fact]
    public async Task Choosing_a_range_puts_it_in_the_address_and_narrows_the_rows()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/payer-matrix?page=1");
        var cut = Render<PayerMatrixPage>();
        cut.WaitForElement("tbody tr");

        var select = cut.FindComponent<CodeRangeSelect>();
        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync("category-iii"));

        Assert.Equal("http://localhost/payer-matrix?range=category-iii", navigation.Uri);
        cut.WaitForAssertion(() => Assert.Equal(["0042T"], cut.FindAll("td.kb-matrix-code a.kb-code").Select(a => a.TextContent.Trim())));
    }

    [Fact]
    public void Typing_a_code_prefix_narrows_the_rows()
    {
        var cut = Render<PayerMatrixPage>();
        cut.WaitForElement("tbody tr");

        cut.Find("input[aria-label='Code starts with']").Change("2095");

        cut.WaitForAssertion(() => Assert.Equal(["20955"], cut.FindAll("td.kb-matrix-code a.kb-code").Select(a => a.TextContent.Trim())));
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<PayerMatrixPage> cut, string code)
    {
        cut.WaitForElement("tbody tr");
        return cut.FindAll("tbody tr").Single(tr => tr.QuerySelector("td.kb-matrix-code a.kb-code")?.TextContent.Trim() == code);
    }

    [Fact]
    public void The_matrix_CSV_link_carries_the_range_and_prefix()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/payer-matrix?range=surgery-musculoskeletal&prefix=209&page=2");

        var cut = Render<PayerMatrixPage>();

        cut.WaitForAssertion(() => Assert.Equal("/api/export/matrix.csv?range=surgery-musculoskeletal&prefix=209",
            cut.Find("[data-testid=export-csv]").GetAttribute("href")));
    }
}
