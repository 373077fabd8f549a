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
}
