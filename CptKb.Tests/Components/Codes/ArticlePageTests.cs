using CptKb.Web.Components.Pages.Codes;
using Microsoft.Extensions.DependencyInjection;

namespace CptKb.Tests.Components.Codes;

public sealed class ArticlePageTests : KbComponentTest
{
    [Fact]
    public void The_header_shows_code_title_payers_site_service_type_and_the_gap_count()
    {
        var cut = Render<ArticlePage>(p => p.Add(x => x.Code, "20955"));

        var header = cut.Find("[data-testid=article-header]");
        Assert.Contains("CPT 20955 · Surgery · Musculoskeletal System", header.TextContent);
        Assert.Equal("Fibula Free Flap Bone Graft with Microvascular Anastomosis", cut.Find("h1").TextContent);
        Assert.Contains("Cigna Health", header.TextContent);
        Assert.Contains("Inpatient hospital", header.TextContent);
        Assert.Contains("Surgical microvascular bone grafting", header.TextContent);
        Assert.Contains("3 data gaps", cut.Find("[data-testid=gap-count]").TextContent);
        Assert.Contains("From 20955.txt, revision 1", header.TextContent);
    }

    [Fact]
    public void Every_section_has_a_stable_anchor_listed_in_the_contents()
    {
        var cut = Render<ArticlePage>(p => p.Add(x => x.Code, "20955"));

        var anchors = cut.FindAll("section.kb-section").Select(s => s.Id).ToList();
        Assert.Contains("clinical-context", anchors);
        Assert.Contains("payer-coverage-benchmarks", anchors);
        var toc = cut.FindAll("[data-testid=toc] a").Select(a => a.GetAttribute("href") ?? "").ToList();
        Assert.Contains("/codes/20955#clinical-context", toc);
        Assert.Contains("/codes/20955#payer-coverage-benchmarks-cigna-health", toc);
        Assert.All(toc, href => Assert.NotNull(cut.Find($"[id='{href[(href.IndexOf('#') + 1)..]}']")));
    }

    [Fact]
    public void Billing_facts_are_a_label_value_list_and_a_missing_value_is_marked()
    {
        var cut = Render<ArticlePage>(p => p.Add(x => x.Code, "20955"));

        var facts = cut.Find("#billing-code-overview dl");
        Assert.Equal(["Service type", "Typical site of service", "Global period"], facts.QuerySelectorAll("dt").Select(d => d.TextContent));
        Assert.NotNull(facts.QuerySelector(".kb-missing"));
        Assert.DoesNotContain("Service type:", cut.Find("#billing-code-overview .kb-markdown").TextContent);
    }

    [Fact]
    public void The_seeds_modifier_table_marks_its_missing_cell_and_the_truncation_is_explained()
    {
        var cut = Render<ArticlePage>(p => p.Add(x => x.Code, "20962"));

        var row = cut.Find("[data-testid=modifier-table] tbody tr");
        Assert.Contains("Increased procedural services", row.TextContent);
        Assert.Equal("Data gap", row.QuerySelectorAll("td")[2].QuerySelector(".kb-missing")?.TextContent);
        Assert.Contains("cut short", cut.Find("[data-testid=truncated-alert]").TextContent);
        Assert.Equal(5, cut.FindAll("#payer-coverage dd .kb-missing").Count);
        Assert.StartsWith("A 48-year-old", cut.Find("#clinical-context .kb-markdown").TextContent.Trim());
    }

    [Fact]
    public void Payer_sections_sit_side_by_side_with_a_visible_data_missing_state_whole_or_partial()
    {
        var cut = Render<ArticlePage>(p => p.Add(x => x.Code, "20955"));

        var cards = cut.FindAll(".kb-payer-card");
        Assert.Equal(["payer-coverage-benchmarks-aetna", "payer-coverage-benchmarks-cigna-health", "payer-coverage-benchmarks-medicare"], cards.Select(c => c.Id));
        Assert.Contains("Data gap: the publication gives no data for this payer", cards[1].TextContent);
        Assert.DoesNotContain("some of this payer", cards[1].TextContent);
        Assert.DoesNotContain("Data gap", cards[0].TextContent);
        // Medicare states its coverage and lacks only its benchmark.
        Assert.Contains("Data gap: some of this payer’s data is not available", cards[2].TextContent);
    }

    [Fact]
    public void Payer_sections_can_be_read_as_tabs()
    {
        var cut = Render<ArticlePage>(p => p.Add(x => x.Code, "20955"));

        cut.Find("[data-testid=payers-tabs]").Click();

        Assert.Equal(["Aetna", "Cigna Health", "Medicare"], cut.FindAll(".mud-tab").Select(t => t.TextContent.Trim()));
    }

    [Fact]
    public void The_layout_toggle_shows_which_view_is_on()
    {
        var cut = Render<ArticlePage>(p => p.Add(x => x.Code, "20955"));

        AssertOn(cut, "payers-side-by-side", "payers-tabs");
        cut.Find("[data-testid=payers-tabs]").Click();
        AssertOn(cut, "payers-tabs", "payers-side-by-side");

        static void AssertOn(IRenderedComponent<ArticlePage> cut, string on, string off)
        {
            var pressed = cut.Find($"[data-testid={on}]");
            var other = cut.Find($"[data-testid={off}]");
            Assert.Equal("true", pressed.GetAttribute("aria-pressed"));
            Assert.Equal("false", other.GetAttribute("aria-pressed"));
            // Seen, not only announced: the chosen view is filled and ticked, the other outlined.
            Assert.Contains("mud-button-filled", pressed.ClassName);
            Assert.DoesNotContain("mud-button-filled", other.ClassName);
            Assert.NotNull(pressed.QuerySelector(".mud-button-icon-start"));
            Assert.Null(other.QuerySelector(".mud-button-icon-start"));
        }
    }

    [Fact]
    public void The_seeds_data_gaps_are_counted_one_way_the_note_the_empty_cell_and_five_payers_without_a_section()
    {
        var cut = Render<ArticlePage>(p => p.Add(x => x.Code, "20962"));

        Assert.Equal("7 data gaps", cut.Find("[data-testid=gap-count]").TextContent.Trim());
        var items = cut.FindAll("[data-testid=gap-list] li");
        Assert.Equal(7, items.Count);
        Assert.All(items, li => Assert.Equal("Data gap", li.QuerySelector(".kb-missing")?.TextContent));
        Assert.Equal(
            ["/codes/20962#billing-code-overview", "/codes/20962#coding-specifications", "/codes/20962#payer-coverage",
                "/codes/20962#payer-coverage", "/codes/20962#payer-coverage", "/codes/20962#payer-coverage", "/codes/20962#payer-coverage"],
            cut.FindAll("[data-testid=gap-list] a").Select(a => a.GetAttribute("href")));
        Assert.Contains("A data gap is", cut.Find("[data-testid=gap-legend]").TextContent);
        // Every mark of missing data on the page reads the same word.
        Assert.All(cut.FindAll(".kb-missing"), m => Assert.Equal("Data gap", m.TextContent));
    }

    [Fact]
    public void A_key_payer_without_a_section_beside_payer_sections_is_marked_as_a_data_gap()
    {
        var cut = Render<ArticlePage>(p => p.Add(x => x.Code, "20955"));

        // 20955 names Aetna, Cigna Health and Medicare, and has a section for each.
        Assert.Empty(cut.FindAll("[data-testid=payers-without-section]"));
        Assert.Equal("3 data gaps", cut.Find("[data-testid=gap-count]").TextContent.Trim());
    }

    [Fact]
    public void Every_data_gap_is_listed_with_a_link_to_where_it_occurs()
    {
        var cut = Render<ArticlePage>(p => p.Add(x => x.Code, "20955"));

        var links = cut.FindAll("[data-testid=gap-list] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/codes/20955#billing-code-overview", "/codes/20955#payer-coverage-benchmarks-cigna-health", "/codes/20955#payer-coverage-benchmarks-medicare"], links);
    }

    [Fact]
    public void Previous_and_next_follow_code_order()
    {
        var cut = Render<ArticlePage>(p => p.Add(x => x.Code, "20962"));

        Assert.Equal("/codes/20955", cut.Find("[data-testid=previous-code]").GetAttribute("href"));
        Assert.Equal("/codes/27447", cut.Find("[data-testid=next-code]").GetAttribute("href"));

        var last = Render<ArticlePage>(p => p.Add(x => x.Code, "27447"));
        Assert.Equal("/codes/0042T", last.Find("[data-testid=next-code]").GetAttribute("href"));
    }

    [Fact]
    public void An_unknown_code_hands_over_to_the_not_found_page()
    {
        NavigateTo("/codes/20960");
        var navigation = Services.GetRequiredService<Bunit.TestDoubles.BunitNavigationManager>();
        var notFound = false;
        navigation.OnNotFound += (_, _) => notFound = true;

        Render<ArticlePage>(p => p.Add(x => x.Code, "20960"));

        Assert.True(notFound);
    }

    [Fact]
    public void The_not_found_page_for_a_code_suggests_the_nearest_codes()
    {
        NavigateTo("/codes/20960");
        var cut = Render<CptKb.Web.Components.Pages.NotFound>();

        Assert.Contains("No article for CPT code 20960", cut.Find("h1").TextContent);
        var near = cut.FindAll("[data-testid=near-codes] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal("/codes/20955", near[0]);
        Assert.Contains("/codes/20962", near);
        Assert.DoesNotContain("/codes/0042T", near);
    }
}
