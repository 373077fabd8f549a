using Bunit;
using CptKb.Core.Import;
using CptKb.Web.Components.Pages.Changes;
using CptKb.Web.Components.Pages.Codes;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CptKb.Tests.Components.Changes;

/// <summary>The history, diff and change feed pages over the fixture corpus with 27447 edited and imported again.</summary>
public sealed class ChangePagesTests : KbComponentTest
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var file = Path.Combine(CorpusFolder, "27447.txt");
        var text = await File.ReadAllTextAsync(file);
        await File.WriteAllTextAsync(file, text
            .Replace("Coverage: Not covered in the office setting; covered in facility settings.", "Coverage: Covered in facility settings.", StringComparison.Ordinal)
            .Replace("22 | Increased procedural services", "59 | Distinct procedural service | A separate incision\n22 | Increased procedural services", StringComparison.Ordinal)
            .Replace("where the payer allows it.", "where the payer's policy allows it.", StringComparison.Ordinal));
        await Services.GetRequiredService<Importer>().ImportFolderAsync(CorpusFolder);
    }

    [Fact]
    public void The_history_lists_each_revision_with_its_summary_and_picks_the_last_two()
    {
        var cut = Render<HistoryPage>(p => p.Add(x => x.Code, "27447"));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=revision-row]").Count));
        var summaries = cut.FindAll("[data-testid=revision-summary]").Select(s => s.TextContent.Trim()).ToList();
        Assert.StartsWith("UnitedHealthcare: not covered → covered", summaries[0]);
        Assert.Contains("modifier 59 added", summaries[0]);
        Assert.Equal("first revision", summaries[1]);
        Assert.Equal("/codes/27447/diff", cut.Find("form").GetAttribute("action"));
        Assert.True(cut.Find("input[name=to][value='2']").HasAttribute("checked"));
        Assert.True(cut.Find("input[name=from][value='1']").HasAttribute("checked"));
        Assert.Contains("27447.txt", cut.Find("td[data-label=File]").TextContent);
    }

    [Fact]
    public void The_diff_shows_structured_changes_first_then_changed_sections_with_marked_words_and_folds_the_rest()
    {
        var cut = Render<DiffPage>(p => p.Add(x => x.Code, "27447"));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=structured-changes] tbody tr")));
        var kinds = cut.FindAll("[data-testid=structured-changes] tbody tr").Select(r => r.GetAttribute("data-kind")).ToList();
        Assert.Contains("stance-changed", kinds);
        Assert.Contains("modifier-added", kinds);
        Assert.Contains("section-text-changed", kinds);
        var stance = cut.Find("tr[data-kind=stance-changed]");
        Assert.Equal(("Not covered", "Covered"), (stance.QuerySelector(".kb-before")!.TextContent, stance.QuerySelector(".kb-after")!.TextContent));

        var policy = cut.FindAll("[data-testid=changed-section]").Single(s => s.TextContent.Contains("Policy & Coding Considerations"));
        // Words are compared whole: "payer" became "payer's policy".
        Assert.Equal("payer's policy", policy.QuerySelector("[data-side=after] ins.kb-ins")!.TextContent);
        Assert.Equal("payer", policy.QuerySelector("[data-side=before] del.kb-del")!.TextContent);
        Assert.Null(policy.QuerySelector("[data-side=before] ins"));
        Assert.Equal("true", cut.Find("[data-testid=diff-mode] a[data-mode=side]").GetAttribute("aria-current"));
        Assert.Contains("unchanged sections", cut.Find("details[data-testid=unchanged-sections] summary").TextContent);

        // "Words marked below" stays on this page: the changed section's fragment on this page's own address.
        var sectionLink = cut.Find("tr[data-kind=section-text-changed] [data-testid=section-link]").GetAttribute("href") ?? "";
        var anchor = sectionLink[(sectionLink.IndexOf('#', StringComparison.Ordinal) + 1)..];
        Assert.Equal(new Uri(Services.GetRequiredService<NavigationManager>().Uri).GetLeftPart(UriPartial.Query) + "#" + anchor, sectionLink);
        Assert.NotNull(cut.Find($"[id='{anchor}']"));
    }

    [Fact]
    public void The_inline_mode_shows_one_text_per_section_and_says_it_is_selected()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/codes/27447/diff?from=1&to=2&mode=inline");

        var cut = Render<DiffPage>(p => p.Add(x => x.Code, "27447"));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-side=inline]")));
        Assert.Empty(cut.FindAll("[data-side=before]"));
        var modifiers = cut.FindAll("[data-testid=changed-section]").Single(s => s.TextContent.Contains("Coding Specifications"));
        Assert.Contains("59 | Distinct procedural service", modifiers.QuerySelector("ins.kb-ins")!.TextContent);
        Assert.Equal("true", cut.Find("[data-testid=diff-mode] a[data-mode=inline]").GetAttribute("aria-current"));
        Assert.Null(cut.Find("[data-testid=diff-mode] a[data-mode=side]").GetAttribute("aria-current"));
    }

    [Fact]
    public void A_revision_that_does_not_exist_is_said_plainly()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/codes/27447/diff?from=1&to=9");

        var cut = Render<DiffPage>(p => p.Add(x => x.Code, "27447"));

        cut.WaitForAssertion(() => Assert.Contains("CPT 27447 has no revision 1 or 9.", cut.Find("[data-testid=diff-problem]").TextContent));
        Assert.NotNull(cut.Find("a[href='/codes/27447/history']"));
    }

    [Fact]
    public void The_feed_lists_changes_newest_first_filters_by_payer_and_offers_the_same_as_atom()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/changes?payer=UnitedHealthcare");

        var cut = Render<ChangesPage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=change-row]")));
        var rows = cut.FindAll("[data-testid=change-row]");
        Assert.All(rows, r => Assert.Contains("UnitedHealthcare", r.TextContent));
        Assert.Contains(rows, r => r.TextContent.Contains("UnitedHealthcare: not covered → covered"));
        Assert.Equal("/codes/27447/diff?from=1&to=2", rows[0].QuerySelector("td[data-label=Code] a")!.GetAttribute("href"));
        Assert.Equal("/changes.atom?payer=UnitedHealthcare", cut.Find("[data-testid=atom-link]").GetAttribute("href"));
    }

    [Fact]
    public void The_article_says_when_it_was_updated_and_links_to_the_changes()
    {
        var cut = Render<ArticlePage>(p => p.Add(x => x.Code, "27447"));

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=revision-line]")));
        var update = cut.Find("[data-testid=revision-line] a[href='/codes/27447/diff']");
        Assert.Matches(@"^Updated \d{4}-\d{2}-\d{2} · \d+ changes$", update.TextContent.Trim());
        Assert.NotNull(cut.Find("[data-testid=revision-line] a[href='/codes/27447/history']"));
    }
}
