using Bunit;
using CptKb.Web.Components.Pages.Codes;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CptKb.Tests.Components.Codes;

public sealed class PayerComparePageTests : KbComponentTest
{
    private IRenderedComponent<PayerComparePage> Open(string code, string? compare)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(
            compare is null ? $"/codes/{code}/payers" : $"/codes/{code}/payers?compare={Uri.EscapeDataString(compare)}");
        var cut = Render<PayerComparePage>(p => p.Add(x => x.Code, code));
        cut.WaitForElement("[data-testid=payer-chooser]");
        return cut;
    }

    [Fact]
    public void Two_payers_are_aligned_field_by_field_and_the_rows_that_differ_say_so()
    {
        var cut = Open("20955", "Aetna,Medicare");

        Assert.Equal(["Aetna", "Medicare"], cut.FindAll("thead th a:first-child").Select(a => a.TextContent.Trim()));
        var stance = cut.Find("tr[data-row=Stance]");
        Assert.Equal("true", stance.GetAttribute("data-differs"));
        Assert.Contains("Differs", stance.QuerySelector("th")!.TextContent);
        Assert.Contains("Covered with PA", stance.QuerySelectorAll("td")[0].TextContent);
        Assert.Contains("Covered", stance.QuerySelectorAll("td")[1].TextContent);

        var priorAuthorization = cut.Find("tr[data-row=PriorAuthorization]");
        Assert.Equal(["Required.", "Not stated"], priorAuthorization.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        // Medicare's benchmark says its data is not available: a data gap, not a blank.
        var benchmark = cut.Find("tr[data-row=Benchmark]");
        Assert.Equal("Data gap", benchmark.QuerySelectorAll("td")[1].QuerySelector(".kb-missing")?.TextContent);
        Assert.Contains("Differs", benchmark.TextContent);
        Assert.Contains("Covered under the physician fee schedule.", cut.Find("tr[data-row='fact:Coverage']").TextContent);
        Assert.Equal(["No", "Yes: some data missing"], cut.FindAll("tr[data-row=DataMissing] td").Select(td => td.TextContent.Trim()));
        Assert.Equal(["Aetna", "Medicare"], cut.FindAll("[data-testid=payer-chooser] input:checked").Select(i => i.GetAttribute("data-payer")));
        Assert.Equal(3, cut.FindAll("[data-testid=payer-chooser] input").Count);
    }

    [Fact]
    public void A_row_where_the_payers_agree_carries_no_differs_mark()
    {
        var cut = Open("27447", "Aetna,Medicare");

        var missing = cut.Find("tr[data-row=DataMissing]");
        Assert.Equal("false", missing.GetAttribute("data-differs"));
        Assert.DoesNotContain("Differs", missing.TextContent);
        Assert.Equal(["No", "No"], missing.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
    }

    [Fact]
    public void Only_rows_that_differ_hides_the_rows_where_the_payers_agree()
    {
        var cut = Open("27447", "Aetna,Medicare");
        Assert.NotEmpty(cut.FindAll("tr[data-differs=false]"));

        cut.Find("[data-testid=only-differences]").Change(true);

        Assert.Empty(cut.FindAll("tr[data-differs=false]"));
        Assert.NotEmpty(cut.FindAll("tr[data-differs=true]"));
    }

    [Fact]
    public void An_unknown_payer_is_named_and_the_others_are_still_compared()
    {
        var cut = Open("20955", "Aetna,Kaiser Permanente,Medicare");

        var message = cut.Find("[data-testid=unknown-payers]").TextContent;
        Assert.Contains("“Kaiser Permanente” is not a payer of 20955", message);
        Assert.Contains("Aetna, Cigna Health, Medicare", message);
        Assert.Equal(2, cut.FindAll("tr[data-row=Stance] td").Count);
    }

    [Fact]
    public void A_key_payer_without_a_section_is_a_column_of_data_gaps()
    {
        var cut = Open("20962", "Aetna,Medicare");

        Assert.All(cut.FindAll("tbody td"), td => Assert.NotNull(td.QuerySelector(".kb-missing")));
        Assert.Contains("no section", cut.Find("tbody td .kb-missing").GetAttribute("title"));
    }

    [Fact]
    public void Without_a_choice_every_payer_of_the_article_is_compared()
    {
        var cut = Open("20955", null);

        Assert.Equal(["Aetna", "Cigna Health", "Medicare"], cut.FindAll("[data-testid=payer-chooser] input:checked").Select(i => i.GetAttribute("data-payer")));
        Assert.Equal(3, cut.FindAll("tr[data-row=Stance] td").Count);
        Assert.Empty(cut.FindAll("[data-testid=unknown-payers]"));
    }

    [Fact]
    public void Unticking_a_payer_puts_the_remaining_choice_in_the_address()
    {
        var cut = Open("20955", null);

        cut.Find("input[data-payer='Cigna Health']").Change(false);

        Assert.EndsWith("/codes/20955/payers?compare=Aetna,Medicare", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public void The_article_page_offers_compare_payers_beside_the_payer_sections()
    {
        var cut = Render<ArticlePage>(p => p.Add(x => x.Code, "20955"));

        var link = cut.WaitForElement("[data-testid=compare-payers]");
        Assert.Equal("/codes/20955/payers", link.GetAttribute("href"));
        Assert.Contains("Compare payers", link.TextContent);
    }
}
