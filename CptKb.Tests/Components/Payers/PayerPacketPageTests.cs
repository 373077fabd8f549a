using Bunit;
using CptKb.Core.Payers;
using CptKb.Core.Storage;
using CptKb.Web.Components.Pages.Payers;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CptKb.Tests.Components.Payers;

public sealed class PayerPacketPageTests : KbComponentTest
{
    private IRenderedComponent<PayerPacketPage> Open(string payer, string? codes = null, string? range = null)
    {
        var query = codes is not null ? $"?codes={codes}" : range is not null ? $"?range={range}" : "";
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/payers/{Uri.EscapeDataString(payer)}/packet{query}");
        return Render<PayerPacketPage>(p => p.Add(x => x.Payer, payer));
    }

    [Fact]
    public async Task The_cover_lists_each_codes_source_revision_as_the_history_shows_it()
    {
        var cut = Open("Aetna", "20955,27447");

        var cover = cut.WaitForElement("[data-testid=packet-cover]");
        Assert.Equal("Aetna", cover.QuerySelector("h1")?.TextContent.Trim());
        Assert.Contains("Made ", cover.TextContent);
        var rows = cut.FindAll("[data-testid=packet-revisions] tbody tr");
        Assert.Equal(["20955", "27447"], rows.Select(r => r.GetAttribute("data-code")));

        await using var db = await Services.GetRequiredService<IDbContextFactory<KbDbContext>>().CreateDbContextAsync();
        var source = await db.Articles.Where(a => a.Code == "20955").Select(a => a.SourceDocument!).SingleAsync();
        var revision = await db.ArticleRevisions.Where(r => r.Code == "20955").OrderByDescending(r => r.Number).FirstAsync();
        var graft = rows[0].TextContent;
        Assert.Contains("20955.txt", graft);
        Assert.Contains("sha256 " + source.Sha256[..12] + "…", graft);
        Assert.Contains(revision.RecordedAt.ToString("yyyy-MM-dd HH:mm"), graft);
        Assert.Equal(revision.Number.ToString(), rows[0].QuerySelectorAll("td")[1].TextContent.Trim());
    }

    [Fact]
    public void The_contents_link_to_each_code_and_each_code_has_its_section_facts_modifiers_and_gaps()
    {
        var cut = Open("Medicare", "20955,27447");

        var contents = cut.WaitForElement("[data-testid=packet-contents]");
        Assert.Equal(
            ["/payers/Medicare/packet?codes=20955,27447#packet-20955", "/payers/Medicare/packet?codes=20955,27447#packet-27447"],
            contents.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));

        var graft = cut.Find("#packet-20955");
        Assert.Contains("Medicare · CPT 20955", graft.QuerySelector(".kb-packet-running")?.TextContent);
        Assert.Contains("Covered", graft.QuerySelector(".kb-stance")?.TextContent);
        Assert.Contains("Benchmark", graft.TextContent);
        // The article's own facts, and none of another payer's.
        Assert.Contains("Surgical microvascular bone grafting.", graft.TextContent);
        Assert.DoesNotContain("Prior authorization", graft.TextContent);
        Assert.Equal(3, graft.QuerySelectorAll("[data-testid=modifier-table] tbody tr").Length);
        var gaps = graft.QuerySelector("[data-testid=packet-gaps]")!.TextContent;
        Assert.Contains("Global period", gaps);
        Assert.Contains("Benchmark", gaps);
        Assert.DoesNotContain("Cigna", gaps);
    }

    [Fact]
    public void Without_a_selection_every_code_of_the_payer_is_in_code_order()
    {
        var cut = Open("aetna");

        cut.WaitForElement("[data-testid=packet-cover]");
        Assert.Equal(["20955", "20962", "27447"], cut.FindAll("section.kb-packet-code").Select(s => s.GetAttribute("data-code")));
        // 20962 names Aetna without a section for it: a data gap, said so.
        Assert.Contains("no section", cut.Find("#packet-20962 .kb-missing").GetAttribute("title"));
        Assert.Empty(cut.FindAll("[data-testid=packet-cut]"));
    }

    [Fact]
    public void A_range_chooses_the_codes_and_codes_not_of_the_payer_are_named()
    {
        var cut = Open("Medicare", range: "surgery-musculoskeletal");
        cut.WaitForElement("[data-testid=packet-cover]");
        Assert.Equal(["20955", "20962", "27447"], cut.FindAll("section.kb-packet-code").Select(s => s.GetAttribute("data-code")));

        var named = Open("Humana", "0042T,20955,99999x");
        named.WaitForElement("[data-testid=packet-cover]");
        Assert.Equal(["0042T"], named.FindAll("section.kb-packet-code").Select(s => s.GetAttribute("data-code")));
        Assert.Contains("20955, 99999x", named.Find("[data-testid=packet-not-found]").TextContent);
    }

    [Fact]
    public void An_unknown_payer_has_no_packet_and_the_page_names_it()
    {
        var cut = Open("Kaiser Permanente");

        cut.WaitForAssertion(() => Assert.Contains("Kaiser Permanente", cut.Find(".mud-alert").TextContent));
        Assert.Equal("Payer not found", cut.Find("h1").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=packet-cover]"));
    }

    [Fact]
    public async Task A_selection_larger_than_the_limit_is_cut_to_its_first_codes_and_says_how_many_it_held()
    {
        var packets = Services.GetRequiredService<PayerPacketQueries>();

        var cut = await packets.GetAsync("Aetna", PayerPacketSelection.All, maxCodes: 2);
        var whole = await packets.GetAsync("Aetna", PayerPacketSelection.All);

        Assert.Equal(["20955", "20962"], cut!.Entries.Select(e => e.Code));
        Assert.True(cut.Cut);
        Assert.Equal(3, cut.Total);
        Assert.False(whole!.Cut);
        Assert.Equal(200, PayerPacketQueries.MaxCodes);
    }

    [Fact]
    public void The_payer_page_links_to_its_packet()
    {
        var cut = Render<PayerPage>(p => p.Add(x => x.Payer, "Cigna Health"));

        Assert.Equal("/payers/Cigna%20Health/packet", cut.WaitForElement("[data-testid=payer-packet-link]").GetAttribute("href"));
    }
}
