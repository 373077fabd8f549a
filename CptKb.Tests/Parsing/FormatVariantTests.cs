using CptKb.Core.Articles;
using CptKb.Core.Parsing;
using static CptKb.Tests.Parsing.ParserSpec;

namespace CptKb.Tests.Parsing;

/// <summary>
/// The ways writers naturally vary the format: the title line as a heading of any level, numbered headings, headings
/// ending in a colon, payer subsections as headings of any level or bold lines, bold labels, tables with or without outer
/// pipes, and the data gap note in its other wordings. Each variant must read as the plain form of the same publication.
/// </summary>
public class FormatVariantTests
{
    /// <summary>A short publication in the plain flattened form; every flattened variant below must read as it does.</summary>
    private static readonly string PlainFlat = Lines(
        "Summary & Overview",
        "CPT 27447: Total Knee Arthroplasty",
        "CPT code 27447 replaces the knee joint.",
        "Key payers covered in this analysis include Aetna and Medicare.",
        "Billing Code Overview",
        "-",
        "Service type: Surgical",
        "Clinical & Coding Specifications",
        "Clinical Context",
        "A 70-year-old woman has end-stage osteoarthritis of the knee.",
        "Coding Specifications",
        "| Modifier | Description | When to Use |",
        "|---|---|---|",
        "| 22 | Increased procedural services | Extra work |",
        "Payer Coverage & Benchmarks",
        "Aetna",
        "Coverage: Covered.",
        "Medicare",
        "Data not available in the input.",
        "");

    /// <summary>The same publication in plain Markdown; every Markdown variant below must read as it does.</summary>
    private static readonly string PlainMarkdown = Lines(
        "# CPT 27447: Total Knee Arthroplasty",
        "",
        "## Summary & Overview",
        "",
        "CPT code 27447 replaces the knee joint.",
        "Key payers covered in this analysis include Aetna and Medicare.",
        "",
        "## Billing Code Overview",
        "",
        "- Service type: Surgical",
        "",
        "## Clinical & Coding Specifications",
        "",
        "### Clinical Context",
        "",
        "A 70-year-old woman has end-stage osteoarthritis of the knee.",
        "",
        "### Coding Specifications",
        "",
        "| Modifier | Description | When to Use |",
        "|---|---|---|",
        "| 22 | Increased procedural services | Extra work |",
        "",
        "## Payer Coverage & Benchmarks",
        "",
        "### Aetna",
        "",
        "Coverage: Covered.",
        "",
        "### Medicare",
        "",
        "Data not available in the input.",
        "");

    private static readonly string[] Outline =
    [
        "2 Summary & Overview (Summary)",
        "2 Billing Code Overview (BillingCodeOverview)",
        "2 Clinical & Coding Specifications (ClinicalCodingSpecifications)",
        "3 Clinical & Coding Specifications > Clinical Context (ClinicalContext)",
        "3 Clinical & Coding Specifications > Coding Specifications (CodingSpecifications)",
        "2 Payer Coverage & Benchmarks (PayerCoverage)",
        "3 Payer Coverage & Benchmarks > Aetna (Payer)",
        "3 Payer Coverage & Benchmarks > Medicare (Payer)",
    ];

    [Fact]
    public void The_plain_forms_read_as_the_variants_expect()
    {
        foreach (var plain in new[] { Article(PlainFlat), Article(PlainMarkdown) })
        {
            Assert.Equal(("27447", "Total Knee Arthroplasty"), (plain.Code, plain.Title));
            Assert.Equal(Outline, OutlineOf(plain));
            Assert.Equal("Surgical", plain.ServiceType);
            Assert.Equal(new Modifier("22", "Increased procedural services", "Extra work"), Assert.Single(plain.Modifiers));
            Assert.Equal(["Aetna", "Medicare"], plain.PayerSections.Select(p => p.Payer));
            Assert.Equal(CoverageStance.Covered, plain.PayerSections[0].Stance);
            Assert.True(plain.PayerSections[1].DataMissing);
            Assert.Equal(new DataGap("Payer Coverage & Benchmarks > Medicare", "payer-coverage-benchmarks-medicare", null, "Medicare"), Assert.Single(plain.DataGaps));
            Assert.Empty(plain.Warnings);
        }
    }

    // ---- The title line as a heading of any level ----

    [Fact]
    public void A_level_two_title_heading_under_a_level_one_summary_gives_the_full_title()
    {
        var article = Article(Lines(
            "# Summary & Overview",
            "",
            "## CPT 27447: Total Knee Arthroplasty",
            "",
            "CPT code 27447 replaces the knee joint.",
            "",
            "# Billing Code Overview",
            "",
            "- **Service type:** Surgical",
            ""));

        Assert.Equal("27447", article.Code);
        Assert.Equal("Total Knee Arthroplasty", article.Title);
        Assert.Equal(["2 Summary & Overview (Summary)", "2 Billing Code Overview (BillingCodeOverview)"], OutlineOf(article));
        Assert.Equal("CPT code 27447 replaces the knee joint.", article.Summary);
        Assert.Empty(article.Warnings);
    }

    [Theory]
    [InlineData("##")]
    [InlineData("###")]
    [InlineData("######")]
    public void The_title_line_may_be_a_heading_of_any_level(string hashes)
    {
        var text = PlainMarkdown.Replace("# CPT 27447:", hashes + " CPT 27447:", StringComparison.Ordinal);
        AssertReadsAs(Article(PlainMarkdown), Article(text));
    }

    [Theory]
    [InlineData("# CPT 27447 Total Knee Arthroplasty")]
    [InlineData("## CPT® 27447 Total Knee Arthroplasty")]
    [InlineData("# **CPT Code 27447** Total Knee Arthroplasty")]
    public void A_title_heading_without_a_colon_or_dash_after_the_code_gives_the_title(string heading)
    {
        var article = Article(PlainMarkdown.Replace("# CPT 27447: Total Knee Arthroplasty", heading, StringComparison.Ordinal));
        AssertReadsAs(Article(PlainMarkdown), article);
    }

    [Fact]
    public void A_title_line_of_text_wins_over_a_first_heading_that_only_names_the_code()
    {
        var article = Article(Lines("# CPT 27447 Overview", "", "CPT 27447: Total Knee Arthroplasty", "", "Text.", ""));
        Assert.Equal("Total Knee Arthroplasty", article.Title);
    }

    [Fact]
    public void A_heading_naming_the_code_after_the_title_stays_a_section()
    {
        var article = Article(Lines(
            "# CPT 27447: Total Knee Arthroplasty",
            "",
            "## CPT 27447 - Coding Notes",
            "",
            "Report once per knee.",
            ""));

        Assert.Equal("Total Knee Arthroplasty", article.Title);
        Assert.Equal("Report once per knee.", article.Sections.Single(s => s.Heading == "CPT 27447 - Coding Notes").Body);
    }

    [Fact]
    public void A_heading_naming_the_code_after_a_title_line_of_text_stays_a_section()
    {
        var article = Article(Lines(
            "## Summary & Overview",
            "",
            "CPT 27447: Total Knee Arthroplasty",
            "",
            "CPT code 27447 replaces the knee joint.",
            "",
            "## CPT 27447 - Coding Notes",
            "",
            "Report once per knee.",
            ""));

        Assert.Equal("Total Knee Arthroplasty", article.Title);
        Assert.Equal(["Summary & Overview", "CPT 27447 - Coding Notes"], article.Sections.Select(s => s.Heading));
    }

    // ---- Numbered headings and headings ending in a colon ----

    [Fact]
    public void Numbered_bare_line_headings_read_as_the_plain_headings()
    {
        var text = Lines(
            "1. Summary & Overview",
            "CPT 27447: Total Knee Arthroplasty",
            "CPT code 27447 replaces the knee joint.",
            "Key payers covered in this analysis include Aetna and Medicare.",
            "2) Billing Code Overview",
            "-",
            "Service type: Surgical",
            "III. Clinical & Coding Specifications",
            "3.1 Clinical Context",
            "A 70-year-old woman has end-stage osteoarthritis of the knee.",
            "3.2. Coding Specifications",
            "| Modifier | Description | When to Use |",
            "|---|---|---|",
            "| 22 | Increased procedural services | Extra work |",
            "IV. Payer Coverage & Benchmarks",
            "4.1 Aetna",
            "Coverage: Covered.",
            "4.2 Medicare",
            "Data not available in the input.",
            "");
        AssertReadsAs(Article(PlainFlat), Article(text));
    }

    [Fact]
    public void Numbered_markdown_headings_read_as_the_plain_headings()
    {
        var text = PlainMarkdown
            .Replace("## Summary", "## 1. Summary", StringComparison.Ordinal)
            .Replace("## Billing", "## 2) Billing", StringComparison.Ordinal)
            .Replace("## Clinical &", "## III. Clinical &", StringComparison.Ordinal)
            .Replace("### Clinical Context", "### 3.1 Clinical Context", StringComparison.Ordinal)
            .Replace("### Coding", "### 3.2. Coding", StringComparison.Ordinal)
            .Replace("## Payer", "## IV. Payer", StringComparison.Ordinal)
            .Replace("### Aetna", "### 4.1 Aetna", StringComparison.Ordinal);
        AssertReadsAs(Article(PlainMarkdown), Article(text));
    }

    [Fact]
    public void Bare_line_headings_ending_in_a_colon_read_as_the_plain_headings()
    {
        var text = PlainFlat
            .Replace("Billing Code Overview\n", "Billing Code Overview:\n", StringComparison.Ordinal)
            .Replace("Clinical Context\n", "Clinical Context:\n", StringComparison.Ordinal)
            .Replace("Payer Coverage & Benchmarks\n", "Payer Coverage & Benchmarks:\n", StringComparison.Ordinal)
            .Replace("Aetna\n", "Aetna:\n", StringComparison.Ordinal);
        AssertReadsAs(Article(PlainFlat), Article(text));
    }

    [Fact]
    public void Markdown_headings_ending_in_a_colon_read_as_the_plain_headings()
    {
        var text = PlainMarkdown
            .Replace("## Billing Code Overview", "## Billing Code Overview:", StringComparison.Ordinal)
            .Replace("### Aetna", "### Aetna:", StringComparison.Ordinal);
        AssertReadsAs(Article(PlainMarkdown), Article(text));
    }

    [Fact]
    public void A_lead_in_line_ending_in_a_colon_stays_text()
    {
        var article = Article(Lines("CPT 27447: Total Knee Arthroplasty", "Policy & Coding Considerations", "Key Documentation Points:", "-", "Imaging of the knee", ""));
        var policy = Assert.Single(article.Sections);
        Assert.Equal("Key Documentation Points:\n\n- Imaging of the knee", policy.Body);
    }

    [Fact]
    public void A_numbered_line_of_prose_stays_text()
    {
        var article = Article(Lines("CPT 27447: Total Knee Arthroplasty", "Policy & Coding Considerations", "1. Report the code once per knee.", "2) Add modifier 50 for both knees.", ""));
        Assert.Equal(["Policy & Coding Considerations"], article.Sections.Select(s => s.Heading));
    }

    // ---- Payer subsections as headings of any level or as bold lines ----

    [Fact]
    public void Payer_subsections_two_levels_below_the_coverage_heading_are_payer_sections()
    {
        var text = PlainMarkdown
            .Replace("### Aetna", "#### Aetna", StringComparison.Ordinal)
            .Replace("### Medicare", "#### Medicare", StringComparison.Ordinal);
        var article = Article(text);
        Assert.Equal(["Aetna", "Medicare"], article.PayerSections.Select(p => p.Payer));
        Assert.True(article.PayerSections[1].DataMissing);
        Assert.Equal(CoverageStance.Covered, article.PayerSections[0].Stance);
    }

    [Fact]
    public void Key_payers_written_as_headings_beside_the_coverage_heading_are_its_payer_sections()
    {
        var text = PlainMarkdown
            .Replace("### Aetna", "## Aetna", StringComparison.Ordinal)
            .Replace("### Medicare", "## Medicare", StringComparison.Ordinal);
        AssertReadsAs(Article(PlainMarkdown), Article(text));
    }

    [Fact]
    public void Bold_payer_lines_in_markdown_are_payer_sections()
    {
        var text = PlainMarkdown
            .Replace("### Aetna", "**Aetna**", StringComparison.Ordinal)
            .Replace("### Medicare", "**Medicare:**", StringComparison.Ordinal);
        AssertReadsAs(Article(PlainMarkdown), Article(text));
    }

    [Fact]
    public void A_bold_payer_line_directly_above_its_text_is_a_payer_section()
    {
        var article = Article(Lines(
            "## Payer Coverage & Benchmarks",
            "",
            "CPT 27447: Total Knee Arthroplasty",
            "",
            "**Aetna**",
            "Coverage: Covered.",
            "**Medicare**",
            "Data not available in the input.",
            ""));

        Assert.Equal(["Aetna", "Medicare"], article.PayerSections.Select(p => p.Payer));
        Assert.Equal("Coverage", Assert.Single(article.PayerSections[0].Facts).Label);
        Assert.True(article.PayerSections[1].DataMissing);
    }

    [Fact]
    public void Bold_payer_lines_in_the_flattened_form_are_payer_sections()
    {
        var text = PlainFlat
            .Replace("Aetna\nCoverage", "**Aetna**\nCoverage", StringComparison.Ordinal)
            .Replace("Medicare\nData", "**Medicare**\nData", StringComparison.Ordinal);
        AssertReadsAs(Article(PlainFlat), Article(text));
    }

    [Fact]
    public void A_bold_line_outside_the_coverage_section_stays_text()
    {
        var article = Article(Lines("# CPT 27447: Total Knee Arthroplasty", "", "## Policy & Coding Considerations", "", "**Medicare**", "", "Covers the procedure.", ""));
        Assert.Equal("**Medicare**\n\nCovers the procedure.", Assert.Single(article.Sections).Body);
        Assert.Empty(article.PayerSections);
    }

    // ---- Bold labels ----

    [Theory]
    [InlineData("**Service type:** Surgical")]
    [InlineData("**Service type**: Surgical")]
    [InlineData("__Service type:__ Surgical")]
    public void Bold_labels_are_facts_in_the_flattened_form(string line)
    {
        var article = Article(PlainFlat.Replace("Service type: Surgical", line, StringComparison.Ordinal));
        Assert.Equal(new Fact("Service type", "Surgical", "Billing Code Overview", null, "billing-code-overview"), Assert.Single(article.Facts, f => f.Label == "Service type"));
        Assert.Equal("Surgical", article.ServiceType);
    }

    [Theory]
    [InlineData("- **Service type:** Surgical")]
    [InlineData("- **Service type**: Surgical")]
    [InlineData("**Service type:** Surgical")]
    [InlineData("**Service type**: Surgical")]
    public void Bold_labels_are_facts_in_markdown(string line)
    {
        var article = Article(PlainMarkdown.Replace("- Service type: Surgical", line, StringComparison.Ordinal));
        Assert.Equal(new Fact("Service type", "Surgical", "Billing Code Overview", null, "billing-code-overview"), Assert.Single(article.Facts, f => f.Label == "Service type"));
        Assert.Equal("", article.Sections.Single(s => s.Kind == SectionKind.BillingCodeOverview).Body);
    }

    // ---- Tables with or without outer pipes ----

    [Theory]
    [InlineData("Modifier | Description | When to Use", "---|---|---", "22 | Increased procedural services | Extra work")]
    [InlineData("| Modifier | Description | When to Use |", "|---|---|---|", "22 | Increased procedural services | Extra work |")]
    [InlineData("Modifier | Description | When to Use |", "| --- | :---: | ---: |", "| 22 | Increased procedural services | Extra work")]
    public void Modifier_tables_with_or_without_outer_pipes_read_the_same(string header, string delimiter, string row)
    {
        var table = Lines("| Modifier | Description | When to Use |", "|---|---|---|", "| 22 | Increased procedural services | Extra work |");
        var variant = Lines(header, delimiter, row);
        AssertReadsAs(Article(PlainFlat), Article(PlainFlat.Replace(table, variant, StringComparison.Ordinal)));
        AssertReadsAs(Article(PlainMarkdown), Article(PlainMarkdown.Replace(table, variant, StringComparison.Ordinal)));
    }

    [Fact]
    public void An_ordinary_table_without_outer_pipes_is_shown_as_a_table()
    {
        var article = Article(Lines("CPT 27447: Total Knee Arthroplasty", "Sites of Service", "Setting | Share", "---|---", "Inpatient | 60%", ""));
        Assert.Equal("| Setting | Share\n| ---|---\n| Inpatient | 60%", Assert.Single(article.Sections).Body);
    }

    // ---- The data gap note in its natural variants ----

    [Theory]
    [InlineData("Data not available in the input.")]
    [InlineData("Data not available.")]
    [InlineData("Data not available")]
    [InlineData("data not available in the input")]
    [InlineData("DATA NOT AVAILABLE IN THE INPUT.")]
    [InlineData("Not available in the input.")]
    [InlineData("Not available in the input")]
    [InlineData("not available in input.")]
    [InlineData("No data available.")]
    [InlineData("No data available")]
    [InlineData("NO DATA AVAILABLE!")]
    [InlineData("Data is not available.")]
    public void Every_wording_of_the_gap_note_is_one_data_gap(string note)
    {
        Assert.True(DataGapRule.IsNote(note));
        Assert.Equal(1, DataGapRule.CountNotes(note));

        var flat = Article(PlainFlat.Replace("Data not available in the input.", note, StringComparison.Ordinal));
        var markdown = Article(PlainMarkdown.Replace("Data not available in the input.", note, StringComparison.Ordinal));
        foreach (var article in new[] { flat, markdown })
        {
            Assert.Equal(new DataGap("Payer Coverage & Benchmarks > Medicare", "payer-coverage-benchmarks-medicare", null, "Medicare"), Assert.Single(article.DataGaps));
            Assert.True(article.PayerSections.Single(p => p.Payer == "Medicare").DataMissing);
            Assert.Equal(CoverageStance.DataMissing, article.PayerSections.Single(p => p.Payer == "Medicare").Stance);
        }
    }

    [Theory]
    [InlineData("Not available in the input.")]
    [InlineData("No data available")]
    public void A_fact_whose_value_is_a_gap_note_variant_is_marked_data_missing(string note)
    {
        var article = Article(PlainFlat.Replace("Coverage: Covered.", "Coverage: " + note, StringComparison.Ordinal));
        var coverage = Assert.Single(article.Facts, f => f.Label == "Coverage");
        Assert.True(coverage.DataMissing);
        Assert.Contains(new DataGap("Payer Coverage & Benchmarks > Aetna", "payer-coverage-benchmarks-aetna", "Coverage", "Aetna"), article.DataGaps);
        Assert.Equal(CoverageStance.DataMissing, article.PayerSections[0].Stance);
    }

    [Theory]
    [InlineData("The implant is not available in every region.")]
    [InlineData("Data on outcomes is available from registries.")]
    public void Sentences_that_only_resemble_the_note_are_not_gaps(string line)
    {
        Assert.False(DataGapRule.IsNote(line));
        var article = Article(PlainFlat.Replace("Data not available in the input.", line, StringComparison.Ordinal));
        Assert.Empty(article.DataGaps);
    }

    // ---- Payers as items of a list, key payers as a list, blank marks in the modifier table ----

    [Fact]
    public void Key_payers_as_bold_list_items_of_the_coverage_section_are_payer_sections_in_markdown()
    {
        var article = Article(Lines(
            "# CPT 27447: Total Knee Arthroplasty",
            "",
            "## Summary & Overview",
            "",
            "Key payers covered in this analysis include Aetna, Cigna, and Medicare.",
            "",
            "## Payer Coverage & Benchmarks",
            "",
            "- **Aetna:** Covered when medically necessary; prior authorization required.",
            "- **Cigna**: Not covered as investigational.",
            "- **Medicare:** Data not available in the input.",
            "",
            "Benchmarks vary by region.",
            "",
            "## Sites of Service",
            "",
            "Inpatient hospital.",
            ""));

        Assert.Equal(
            ["2 Summary & Overview (Summary)", "2 Payer Coverage & Benchmarks (PayerCoverage)", "3 Payer Coverage & Benchmarks > Aetna (Payer)",
             "3 Payer Coverage & Benchmarks > Cigna (Payer)", "3 Payer Coverage & Benchmarks > Medicare (Payer)", "2 Sites of Service (SitesOfService)"],
            OutlineOf(article));
        Assert.Equal(
            [CoverageStance.CoveredWithPriorAuthorization, CoverageStance.NotCovered, CoverageStance.DataMissing],
            article.PayerSections.Select(p => p.Stance));
        Assert.Equal("Covered when medically necessary; prior authorization required.", article.SectionAt("payer-coverage-benchmarks-aetna")!.Body);
        Assert.Equal("Benchmarks vary by region.", article.Sections.Single(s => s.Kind == SectionKind.PayerCoverage).Body);
        Assert.Equal(new DataGap("Payer Coverage & Benchmarks > Medicare", "payer-coverage-benchmarks-medicare", null, "Medicare"), Assert.Single(article.DataGaps));
        Assert.DoesNotContain(article.Facts, f => f.Label is "Aetna" or "Cigna" or "Medicare");
    }

    [Fact]
    public void Key_payers_as_list_items_of_the_coverage_section_are_payer_sections_in_the_flattened_form()
    {
        var article = Article(Lines(
            "Summary & Overview",
            "CPT 27447: Total Knee Arthroplasty",
            "Key payers covered in this analysis include Aetna and Medicare.",
            "Payer Coverage & Benchmarks",
            "-",
            "**Aetna:** Covered when medically necessary.",
            "-",
            "Medicare: No data available.",
            "Sites of Service",
            "Inpatient hospital.",
            ""));

        Assert.Equal(["Aetna", "Medicare"], article.PayerSections.Select(p => p.Payer));
        Assert.Equal([CoverageStance.Covered, CoverageStance.DataMissing], article.PayerSections.Select(p => p.Stance));
        Assert.Equal("Medicare", Assert.Single(article.DataGaps).Payer);
    }

    [Theory]
    [InlineData("- **Aetna** – Covered when medically necessary.", "- **Medicare** — Data not available in the input.")]
    [InlineData("- Aetna - Covered when medically necessary.", "- Medicare - Data not available in the input.")]
    public void Key_payer_items_with_a_dash_after_the_name_are_payer_sections(string aetna, string medicare)
    {
        var markdown = Article(Lines(
            "# CPT 27447: Total Knee Arthroplasty", "", "Key payers covered in this analysis include Aetna and Medicare.", "",
            "## Payer Coverage & Benchmarks", "", aetna, medicare, ""));
        var flat = Article(Lines(
            "CPT 27447: Total Knee Arthroplasty", "Key payers covered in this analysis include Aetna and Medicare.",
            "Payer Coverage & Benchmarks", "-", aetna[2..], "-", medicare[2..], ""));

        foreach (var article in new[] { markdown, flat })
        {
            Assert.Equal(["Aetna", "Medicare"], article.PayerSections.Select(p => p.Payer));
            Assert.Equal([CoverageStance.Covered, CoverageStance.DataMissing], article.PayerSections.Select(p => p.Stance));
            Assert.Equal("Covered when medically necessary.", article.SectionAt("payer-coverage-benchmarks-aetna")!.Body);
        }
    }

    [Fact]
    public void A_fact_in_the_coverage_section_whose_label_is_not_a_key_payer_stays_a_fact()
    {
        var article = Article(Lines(
            "Summary & Overview",
            "CPT 27447: Total Knee Arthroplasty",
            "Key payers covered in this analysis include Aetna and Medicare.",
            "Payer Coverage & Benchmarks",
            "Payer mix: Mostly Medicare.",
            ""));

        Assert.Empty(article.PayerSections);
        Assert.Equal("Payer mix", Assert.Single(article.Facts).Label);
    }

    [Theory]
    [InlineData("N/A")]
    [InlineData("n/a")]
    [InlineData("—")]
    [InlineData("-")]
    public void A_modifier_cell_holding_only_a_blank_mark_is_an_empty_cell(string mark)
    {
        var article = Article(PlainFlat.Replace("| 22 | Increased procedural services | Extra work |", $"| 22 | Increased procedural services | {mark} |", StringComparison.Ordinal));
        Assert.Equal(new Modifier("22", "Increased procedural services", null), Assert.Single(article.Modifiers));
        Assert.Equal((ParseWarningKind.EmptyTableCell, "modifier table row 1 has empty cells: When to Use"), Assert.Single(article.Warnings, w => w.Kind == ParseWarningKind.EmptyTableCell) is var w ? (w.Kind, w.Message) : default);
    }

    [Fact]
    public void Key_payers_written_as_a_list_under_the_sentence_are_read()
    {
        var flat = Article(Lines(
            "Summary & Overview",
            "CPT 27447: Total Knee Arthroplasty",
            "Key payers covered in this analysis:",
            "-",
            "Aetna",
            "-",
            "Medicare",
            "Billing Code Overview",
            "CPT code 27447 replaces the knee joint.",
            ""));
        var markdown = Article(Lines(
            "# CPT 27447: Total Knee Arthroplasty",
            "",
            "## Summary & Overview",
            "",
            "Key payers covered in this analysis include:",
            "",
            "- **Aetna**",
            "- Medicare",
            "",
            "## Billing Code Overview",
            "",
            "CPT code 27447 replaces the knee joint.",
            ""));

        Assert.Equal(["Aetna", "Medicare"], flat.Payers);
        Assert.Equal(["Aetna", "Medicare"], markdown.Payers);
    }

    private static List<string> OutlineOf(Article article) =>
        article.Sections.Select(s => $"{s.Level} {s.Path} ({s.Kind})").ToList();

    /// <summary>The variant holds what the plain form holds: title, outline, texts, facts, table, payers, gaps and warnings.</summary>
    private static void AssertReadsAs(Article plain, Article variant)
    {
        Assert.Equal((plain.Code, plain.Title), (variant.Code, variant.Title));
        Assert.Equal(OutlineOf(plain), OutlineOf(variant));
        Assert.Equal(plain.Sections, variant.Sections);
        Assert.Equal(plain.Facts, variant.Facts);
        Assert.Equal(plain.Modifiers, variant.Modifiers);
        Assert.Equal(plain.ModifierTableAnchor, variant.ModifierTableAnchor);
        Assert.Equal(
            plain.PayerSections.Select(p => (p.Payer, p.Anchor, p.DataMissing, p.Stance, string.Join(";", p.Facts))),
            variant.PayerSections.Select(p => (p.Payer, p.Anchor, p.DataMissing, p.Stance, string.Join(";", p.Facts))));
        Assert.Equal(plain.DataGaps, variant.DataGaps);
        Assert.Equal(plain.Warnings, variant.Warnings);
    }
}
