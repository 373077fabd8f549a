using CptKb.Core.Articles;
using static CptKb.Tests.Parsing.ParserSpec;

namespace CptKb.Tests.Parsing;

/// <summary>The flattened form: headings as bare lines, "-" alone before each item, rows without leading pipes.</summary>
public class FlattenedFormTests
{
    private static readonly Article Full = Article(FullFlattened);

    [Fact]
    public void Bare_line_headings_become_sections_with_levels_and_paths()
    {
        Assert.Equal(
            [
                "2 Summary & Overview",
                "2 Billing Code Overview",
                "2 Clinical & Coding Specifications",
                "3 Clinical & Coding Specifications > Clinical Context",
                "3 Clinical & Coding Specifications > Coding Specifications",
                "2 Payer Coverage & Benchmarks",
                "3 Payer Coverage & Benchmarks > Aetna",
                "3 Payer Coverage & Benchmarks > Cigna Health",
                "3 Payer Coverage & Benchmarks > Medicare",
                "2 Policy & Coding Considerations",
                "2 Sites of Service",
                "2 Reviewer Remarks",
                "2 Data Gaps",
            ],
            Full.Sections.Select(s => $"{s.Level} {s.Path}"));
    }

    [Fact]
    public void Known_sections_get_their_kind_and_unknown_ones_are_kept_as_other()
    {
        Assert.Equal(SectionKind.PolicyConsiderations, Full.Sections.Single(s => s.Heading == "Policy & Coding Considerations").Kind);
        Assert.Equal(SectionKind.SitesOfService, Full.Sections.Single(s => s.Heading == "Sites of Service").Kind);
        Assert.Equal(SectionKind.DataGaps, Full.Sections.Single(s => s.Heading == "Data Gaps").Kind);
        var unknown = Full.Sections.Single(s => s.Heading == "Reviewer Remarks");
        Assert.Equal(SectionKind.Other, unknown.Kind);
        Assert.Equal("An extra section the format does not define.", unknown.Body);
    }

    [Fact]
    public void A_dash_alone_on_its_line_makes_the_next_line_a_list_item()
    {
        var article = Article(Lines("CPT 20962: Graft", "Notes", "-", "First point", "-", "Second point", "Closing line.", ""));
        Assert.Equal("- First point\n- Second point\n\nClosing line.", article.Sections.Single(s => s.Heading == "Notes").Body);
    }

    [Fact]
    public void Fact_lines_are_facts_not_prose_so_the_section_text_holds_only_its_prose()
    {
        var overview = Full.Sections.Single(s => s.Heading == "Billing Code Overview");
        Assert.Equal("CPT code 20955 describes harvest of the fibula with its vascular pedicle.", overview.Body);
        Assert.Equal(["Service type", "Typical site of service", "Global period"], Full.FactsIn(overview).Select(f => f.Label));
    }

    [Fact]
    public void The_title_line_and_the_modifier_table_are_not_in_the_section_text()
    {
        Assert.Equal(
            "CPT code 20955 identifies a microvascular fibula bone graft.\n\nKey payers covered in this analysis include Aetna, Cigna Health, and Medicare.",
            Full.Summary);
        Assert.Equal("", Full.Sections.Single(s => s.Kind == SectionKind.CodingSpecifications).Body);
        Assert.Equal("coding-specifications", Full.ModifierTableAnchor);
    }

    [Fact]
    public void Sections_know_their_parent_so_the_outline_is_a_tree()
    {
        var coverage = Full.Sections.Single(s => s.Kind == SectionKind.PayerCoverage);
        Assert.Null(coverage.ParentAnchor);
        Assert.Equal(["Aetna", "Cigna Health", "Medicare"], Full.ChildrenOf(coverage).Select(s => s.Heading));
        Assert.True(Full.IsWithin(Full.SectionAt("payer-coverage-benchmarks-medicare")!, coverage));
        Assert.False(Full.IsWithin(coverage, Full.SectionAt("payer-coverage-benchmarks-medicare")!));
    }

    [Fact]
    public void Label_value_items_become_facts_with_their_section()
    {
        Assert.Contains(new Fact("Service type", "Surgical", "Billing Code Overview", null, "billing-code-overview"), Full.Facts);
        Assert.Contains(new Fact("Global period", "Data not available in the input.", "Billing Code Overview", null, "billing-code-overview", DataMissing: true), Full.Facts);
        Assert.Contains(new Fact("Prior authorization", "Required.", "Payer Coverage & Benchmarks > Aetna", "Aetna", "payer-coverage-benchmarks-aetna"), Full.Facts);
        Assert.Equal("Surgical", Full.ServiceType);
        Assert.Equal("Inpatient hospital", Full.SiteOfService);
    }

    [Fact]
    public void Table_rows_without_a_leading_pipe_are_modifier_rows()
    {
        Assert.Equal(
            [
                new Modifier("22", "Increased procedural services", "Substantially greater work than usual"),
                new Modifier("59", "Distinct procedural service", "Separate site or session"),
            ],
            Full.Modifiers);
        Assert.DoesNotContain(Full.Warnings, w => w.Message.Contains("modifier table"));
    }

    [Fact]
    public void Each_payer_subheading_becomes_a_payer_section()
    {
        Assert.Equal(["Aetna", "Cigna Health", "Medicare"], Full.PayerSections.Select(p => p.Payer));
        var aetna = Full.PayerSections[0];
        Assert.Equal("payer-coverage-benchmarks-aetna", aetna.Anchor);
        Assert.Equal("", Full.SectionOf(aetna)!.Body);
        Assert.Equal(CoverageStance.CoveredWithPriorAuthorization, aetna.Stance);
        Assert.Equal(["Coverage", "Prior authorization"], aetna.Facts.Select(f => f.Label));
        Assert.False(aetna.DataMissing);
        Assert.Equal("payer-coverage-benchmarks-cigna-health", Full.PayerSections[1].Anchor);
    }

    [Fact]
    public void A_payer_section_that_says_data_is_not_available_is_marked_data_missing()
    {
        Assert.True(Full.PayerSections.Single(p => p.Payer == "Cigna Health").DataMissing);
        Assert.True(Full.PayerSections.Single(p => p.Payer == "Medicare").DataMissing);
    }

    [Fact]
    public void Every_data_not_available_note_is_a_data_gap_with_its_place()
    {
        Assert.Equal(
            [
                new DataGap("Billing Code Overview", "billing-code-overview", "Global period"),
                new DataGap("Payer Coverage & Benchmarks > Cigna Health", "payer-coverage-benchmarks-cigna-health", null, "Cigna Health"),
                new DataGap("Payer Coverage & Benchmarks > Medicare", "payer-coverage-benchmarks-medicare", "Benchmark", "Medicare"),
            ],
            Full.DataGaps);
    }

    [Fact]
    public void A_complete_document_with_a_final_newline_has_no_warnings()
    {
        Assert.Empty(Full.Warnings);
    }

    [Fact]
    public void A_document_that_ends_mid_table_without_a_newline_is_flagged_as_truncated()
    {
        var article = Article(Lines(
            "CPT 20962: Graft",
            "Coding Specifications",
            "| Modifier | Description | When to Use |",
            "|---|---|---|",
            "22 | Increased procedural services |"));

        Assert.Equal(
            [
                (ParseWarningKind.ShortTableRow, "modifier table row 1 has 2 of 3 cells; missing: When to Use"),
                (ParseWarningKind.Truncated, "document ends inside the modifier table; it may be truncated"),
            ],
            article.Warnings.Select(w => (w.Kind, w.Message)));
    }

    [Fact]
    public void A_row_with_an_empty_cell_keeps_it_null_and_says_which_cell()
    {
        var article = Article(Lines(
            "CPT 20962: Graft",
            "| Modifier | Description | When to Use |",
            "|---|---|---|",
            "| 51 |  | Multiple procedures |",
            ""));

        Assert.Equal(new Modifier("51", null, "Multiple procedures"), Assert.Single(article.Modifiers));
        Assert.Equal("modifier table row 1 has empty cells: Description", Assert.Single(article.Warnings).Message);
    }

    [Fact]
    public void A_document_that_stops_mid_sentence_is_flagged_as_truncated()
    {
        var article = Article(Lines("CPT 20962: Graft", "Clinical Context", "A 48-year-old male presents with a"));
        Assert.Equal("document ends mid-sentence; it may be truncated", Assert.Single(article.Warnings).Message);
    }

    [Fact]
    public void Crlf_line_endings_and_a_byte_order_mark_read_the_same_as_plain_lf()
    {
        var withCrlf = Article("\uFEFF" + FullFlattened.Replace("\n", "\r\n"));
        Assert.Equal(Full.Sections, withCrlf.Sections);
        Assert.Equal(Full.Facts, withCrlf.Facts);
        Assert.Equal(Full.Modifiers, withCrlf.Modifiers);
    }
}
