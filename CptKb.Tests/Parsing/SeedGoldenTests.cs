using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using CptKb.Core.Articles;
using CptKb.Core.Parsing;

namespace CptKb.Tests.Parsing;

/// <summary>The client's real publication, truncated mid-table as it arrived, read end to end.</summary>
public class SeedGoldenTests
{
    internal static readonly string SeedPath = Path.Combine(AppContext.BaseDirectory, "seeds", "000_1ec41e0964c043f3.txt");

    private static readonly Article Seed = Assert.IsType<Article>(PublicationParser.Parse(File.ReadAllBytes(SeedPath)).Article);

    private static readonly string ExpectedPath = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Parsing", "seed-article.json");

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    // Every part of the article at once: a change to how any line of the seed is read shows here, whatever else moves.
    [Fact]
    public void The_whole_article_read_from_the_seed_stays_as_pinned()
    {
        var actual = JsonSerializer.Serialize(Seed, Json).ReplaceLineEndings("\n") + "\n";
        var expected = File.ReadAllText(ExpectedPath).ReplaceLineEndings("\n");
        if (actual != expected)
        {
            // Written out so a deliberate change can be reviewed with a diff and copied over the pinned file.
            var written = Path.Combine(Path.GetTempPath(), "seed-article.actual.json");
            File.WriteAllText(written, actual);
            Assert.Fail($"the seed now reads differently from Fixtures/Parsing/seed-article.json; see {written}");
        }
    }

    [Fact]
    public void Code_and_title_come_from_the_title_line()
    {
        Assert.Equal("20962", Seed.Code);
        Assert.Equal("Vascularized Bone Graft for Major Bone Defect", Seed.Title);
    }

    [Fact]
    public void The_five_key_payers_are_read_in_the_order_written()
    {
        Assert.Equal(["Aetna", "Blue Cross Blue Shield", "Cigna Health", "UnitedHealthcare", "Medicare"], Seed.Payers);
    }

    [Fact]
    public void Service_type_and_site_of_service_are_read_from_the_flattened_bullets()
    {
        Assert.Equal("Surgical autologous vascularized bone grafting to repair major bone defects.", Seed.ServiceType);
        Assert.StartsWith("Operating room or surgical suite in an inpatient or outpatient hospital setting", Seed.SiteOfService);
        Assert.All(Seed.Facts, f => Assert.Equal("Billing Code Overview", f.SectionPath));
    }

    [Fact]
    public void Summary_holds_both_overview_paragraphs_but_not_the_title_line()
    {
        Assert.StartsWith("CPT code 20962 identifies a surgical procedure", Seed.Summary);
        Assert.Contains("Key payers covered in this analysis include Aetna", Seed.Summary);
        Assert.DoesNotContain("CPT 20962: Vascularized", Seed.Summary);
    }

    [Fact]
    public void Clinical_context_starts_with_the_patient_vignette()
    {
        Assert.StartsWith("A 48-year-old", Seed.ClinicalContext);
        Assert.EndsWith("consistent with code 20962.", Seed.ClinicalContext);
    }

    [Fact]
    public void Modifier_22_has_its_description_no_when_to_use_and_a_warning()
    {
        var modifier = Assert.Single(Seed.Modifiers);
        Assert.Equal(new Modifier("22", "Increased procedural services", null), modifier);
        Assert.Contains(Seed.Warnings, w => w.Message == "modifier table row 1 has 2 of 3 cells; missing: When to Use" && w.Line == 18);
    }

    [Fact]
    public void Its_data_gaps_are_the_note_the_empty_cell_and_the_five_key_payers_without_a_section()
    {
        Assert.Equal(
            [
                new DataGap("Billing Code Overview", "billing-code-overview"),
                new DataGap("Clinical & Coding Specifications > Coding Specifications", "coding-specifications", "When to Use", null, DataGapKind.EmptyTableCell),
                new DataGap("Payer Coverage & Benchmarks", "summary-overview", null, "Aetna", DataGapKind.NoPayerSection),
                new DataGap("Payer Coverage & Benchmarks", "summary-overview", null, "Blue Cross Blue Shield", DataGapKind.NoPayerSection),
                new DataGap("Payer Coverage & Benchmarks", "summary-overview", null, "Cigna Health", DataGapKind.NoPayerSection),
                new DataGap("Payer Coverage & Benchmarks", "summary-overview", null, "UnitedHealthcare", DataGapKind.NoPayerSection),
                new DataGap("Payer Coverage & Benchmarks", "summary-overview", null, "Medicare", DataGapKind.NoPayerSection),
            ],
            Seed.DataGaps);
    }

    [Fact]
    public void The_document_is_flagged_as_truncated_inside_the_modifier_table()
    {
        Assert.Contains(Seed.Warnings, w => w.Message == "document ends inside the modifier table; it may be truncated" && w.Kind == ParseWarningKind.Truncated);
    }

    [Fact]
    public void Sections_follow_the_document_with_levels_paths_and_anchors()
    {
        Assert.Equal(
            [
                ("Summary & Overview", 2, "summary-overview", SectionKind.Summary),
                ("Billing Code Overview", 2, "billing-code-overview", SectionKind.BillingCodeOverview),
                ("Clinical & Coding Specifications", 2, "clinical-coding-specifications", SectionKind.ClinicalCodingSpecifications),
                ("Clinical Context", 3, "clinical-context", SectionKind.ClinicalContext),
                ("Coding Specifications", 3, "coding-specifications", SectionKind.CodingSpecifications),
            ],
            Seed.Sections.Select(s => (s.Heading, s.Level, s.Anchor, s.Kind)));
        Assert.Equal("Clinical & Coding Specifications > Clinical Context", Seed.Sections[3].Path);
    }

    [Fact]
    public void No_line_of_the_seed_is_dropped_from_the_article()
    {
        var text = string.Join("\n",
        [
            $"CPT {Seed.Code}: {Seed.Title}",
            .. Seed.Sections.Select(s => s.Heading + "\n" + s.Body),
            .. Seed.Facts.Select(f => $"{f.Label}: {f.Value}"),
            "| Modifier | Description | When to Use |",
            .. Seed.Modifiers.Select(m => $"{m.Code} | {m.Description} |"),
        ]);
        foreach (var line in File.ReadAllLines(SeedPath).Select(l => l.Trim()).Where(l => l.Length > 1 && l != "|---|---|---|"))
            Assert.Contains(line.TrimStart('|', ' ').TrimEnd('|', ' '), text);
    }
}
