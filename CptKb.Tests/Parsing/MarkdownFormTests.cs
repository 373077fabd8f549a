using CptKb.Core.Articles;
using static CptKb.Tests.Parsing.ParserSpec;

namespace CptKb.Tests.Parsing;

/// <summary>Ordinary Markdown: "#" headings, "- item" bullets, pipe tables with leading pipes, emphasis.</summary>
public class MarkdownFormTests
{
    private static readonly Article Md = Article(Lines(
        "# CPT 20962: Vascularized Bone Graft",
        "",
        "## Summary & Overview",
        "",
        "CPT code 20962 identifies a *vascularized* bone graft.",
        "Key payers covered in this analysis include Aetna and Medicare.",
        "",
        "## Billing Code Overview",
        "",
        "- **Service type:** Surgical",
        "- **Typical site of service:** Inpatient hospital",
        "",
        "## Clinical & Coding Specifications",
        "",
        "### Clinical Context",
        "",
        "A 48-year-old male presents with a tibial defect.",
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
        ""));

    [Fact]
    public void The_level_one_title_heading_gives_code_and_title_and_is_not_a_section()
    {
        Assert.Equal("20962", Md.Code);
        Assert.Equal("Vascularized Bone Graft", Md.Title);
        Assert.Equal("Summary & Overview", Md.Sections[0].Heading);
    }

    [Fact]
    public void Headings_keep_their_levels_and_paths()
    {
        Assert.Equal(
            ["2 Summary & Overview", "2 Billing Code Overview", "2 Clinical & Coding Specifications",
             "3 Clinical & Coding Specifications > Clinical Context", "3 Clinical & Coding Specifications > Coding Specifications",
             "2 Payer Coverage & Benchmarks", "3 Payer Coverage & Benchmarks > Aetna", "3 Payer Coverage & Benchmarks > Medicare"],
            Md.Sections.Select(s => $"{s.Level} {s.Path}"));
    }

    [Fact]
    public void Emphasised_labels_are_read_as_facts()
    {
        Assert.Equal("Surgical", Md.ServiceType);
        Assert.Equal("Inpatient hospital", Md.SiteOfService);
    }

    [Fact]
    public void Summary_keeps_its_markdown_and_payers_are_read()
    {
        Assert.StartsWith("CPT code 20962 identifies a *vascularized* bone graft.", Md.Summary);
        Assert.Equal(["Aetna", "Medicare"], Md.Payers);
    }

    [Fact]
    public void Tables_with_leading_pipes_and_payer_subsections_are_read()
    {
        Assert.Equal(new Modifier("22", "Increased procedural services", "Extra work"), Assert.Single(Md.Modifiers));
        Assert.Equal(["Aetna", "Medicare"], Md.PayerSections.Select(p => p.Payer));
        Assert.True(Md.PayerSections[1].DataMissing);
        Assert.Equal("A 48-year-old male presents with a tibial defect.", Md.ClinicalContext);
        Assert.Empty(Md.Warnings);
    }

    [Fact]
    public void Sections_written_one_level_higher_are_normalized_to_level_two()
    {
        var article = Article(Lines("# Summary", "", "CPT 20962: Graft", "", "# Payer Coverage", "", "## Aetna", "", "Covered.", ""));
        Assert.Equal(["2 Summary", "2 Payer Coverage", "3 Payer Coverage > Aetna"], article.Sections.Select(s => $"{s.Level} {s.Path}"));
        Assert.Equal("Aetna", Assert.Single(article.PayerSections).Payer);
    }

    [Fact]
    public void A_sections_text_keeps_every_line_of_its_paragraphs_but_not_its_facts_or_title()
    {
        var article = Article(Lines(
            "## Summary",
            "",
            "CPT 20962: Graft",
            "",
            "First line of the overview,",
            "and its second line.",
            "",
            "## Payer Coverage",
            "",
            "### Aetna",
            "",
            "Coverage: Covered.",
            "Notes follow the coverage.",
            "",
            "- **Prior authorization:** Required",
            "- A plain item",
            ""));

        Assert.Equal("First line of the overview,\nand its second line.", article.Summary);
        var aetna = article.Sections.Single(s => s.Heading == "Aetna");
        Assert.Equal("Notes follow the coverage.\n\n- A plain item", aetna.Body);
        Assert.Equal(["Coverage", "Prior authorization"], article.FactsIn(aetna).Select(f => f.Label));
    }
}
