using System.Text.RegularExpressions;
using Bunit;
using CptKb.Web.Components.Pages.Gaps;
using CptKb.Web.Components.Pages.Import;
using CptKb.Web.Components.Pages.Modifiers;
using CptKb.Web.Components.Pages.Payers;
using Microsoft.AspNetCore.Components;

namespace CptKb.Tests.Components;

/// <summary>What every browse page owes its readers: one heading to land on, labelled tables, no inline script.</summary>
public sealed partial class PageConventionsTests : KbComponentTest
{
    public static TheoryData<string> Pages => ["payers", "payer", "matrix", "modifiers", "modifier", "gaps", "import", "compare-payers", "payer-packet", "compare"];

    [Theory]
    [MemberData(nameof(Pages))]
    public void A_page_has_one_h1_labelled_tables_and_no_inline_script_or_handlers(string page)
    {
        IRenderedComponent<IComponent> cut = page switch
        {
            "payers" => Render<PayersPage>(),
            "payer" => Render<PayerPage>(p => p.Add(x => x.Payer, "Medicare")),
            "matrix" => Render<PayerMatrixPage>(),
            "modifiers" => Render<ModifiersPage>(),
            "modifier" => Render<ModifierPage>(p => p.Add(x => x.Modifier, "22")),
            "gaps" => Render<GapsPage>(),
            "import" => Render<ImportPage>(),
            "compare-payers" => Render<CptKb.Web.Components.Pages.Codes.PayerComparePage>(p => p.Add(x => x.Code, "20955")),
            "payer-packet" => Render<PayerPacketPage>(p => p.Add(x => x.Payer, "Medicare")),
            "compare" => RenderCompare(),
            _ => throw new ArgumentOutOfRangeException(nameof(page)),
        };

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-progress-linear")));
        Assert.Single(cut.FindAll("h1"));
        Assert.All(cut.FindAll("table"), table =>
            Assert.True(table.QuerySelector("caption") is not null || table.Closest("[aria-label]") is not null,
                "a table needs a caption or a labelled container"));
        Assert.DoesNotContain("<script", cut.Markup, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(InlineHandler(), cut.Markup);
        Assert.DoesNotContain("javascript:", cut.Markup, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(OtherOrigin(), cut.Markup);
    }

    private IRenderedComponent<IComponent> RenderCompare()
    {
        NavigateTo("/compare?codes=20955,27447");
        return Render<CptKb.Web.Components.Pages.Compare.ComparePage>();
    }

    // bUnit writes Blazor's own handlers as "blazor:onclick"; a bare on...= attribute would be inline script.
    [GeneratedRegex(@"\s on[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();

    [GeneratedRegex(@"(?:src|href)\s*=\s*""(?:https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex OtherOrigin();
}
