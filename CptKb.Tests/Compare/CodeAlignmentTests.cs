using CptKb.Core.Articles;
using CptKb.Core.Compare;
using CptKb.Core.Parsing;

namespace CptKb.Tests.Compare;

/// <summary>Two publications side by side: which rows there are, what each cell holds and which rows differ.</summary>
public sealed class CodeAlignmentTests
{
    internal const string Knee = """
        Summary & Overview
        CPT 27447: Total Knee Arthroplasty
        CPT code 27447 identifies arthroplasty of the knee.
        Key payers covered in this analysis include Aetna, UnitedHealthcare, and Medicare.
        Billing Code Overview
        Total knee arthroplasty replaces the articular surfaces of the knee.
        -
        Service type: Surgical joint replacement.
        -
        Typical site of service: Outpatient hospital or ambulatory surgery center.
        -
        Global period: 90 days.
        Clinical & Coding Specifications
        Coding Specifications
        | Modifier | Description | When to Use |
        |---|---|---|
        RT | Right side | Procedure performed on the right knee
        22 | Increased procedural services | Severe deformity adds substantial time
        Payer Coverage & Benchmarks
        Aetna
        Coverage: Covered when conservative care has failed.
        Prior authorization: Required.
        Benchmark: Median allowed amount of $21,400 per claim (national).
        UnitedHealthcare
        Coverage: Not covered in the office setting.
        Benchmark: Median allowed amount of $19,800 per claim (regional).
        Medicare
        Coverage: Covered; removed from the inpatient-only list.
        """;

    internal const string Hip = """
        Summary & Overview
        CPT 27130: Total Hip Arthroplasty
        CPT code 27130 identifies arthroplasty of the hip.
        Key payers covered in this analysis include Aetna, Cigna Health, and Medicare.
        Billing Code Overview
        Total hip arthroplasty replaces the acetabulum and the proximal femur.
        -
        Service type: Surgical joint replacement.
        -
        Typical site of service: Inpatient hospital.
        -
        Global period: Data not available in the input.
        -
        Anesthesia: General or regional.
        Clinical & Coding Specifications
        Coding Specifications
        | Modifier | Description | When to Use |
        |---|---|---|
        22 | Increased procedural services | Severe deformity adds substantial time
        59 | Distinct procedural service | A separate site in the same session
        Payer Coverage & Benchmarks
        Aetna
        Coverage: Covered when conservative care has failed.
        Prior authorization: Required.
        Benchmark: Data not available in the input.
        Medicare
        Coverage: Covered; removed from the inpatient-only list.
        """;

    internal static Article Parse(string text) =>
        PublicationParser.Parse(text).Article ?? throw new InvalidOperationException("the test document does not parse");

    private static CompareTable Table() => CodeAlignment.Align([Parse(Knee), Parse(Hip)]);

    private static CompareRow Row(CompareTable table, CompareRowKind kind, string? label = null) =>
        Assert.Single(table.Rows, r => r.Kind == kind && (label is null || string.Equals(r.Label, label, StringComparison.OrdinalIgnoreCase)));

    [Fact]
    public void Columns_are_the_codes_in_the_order_given()
    {
        var table = Table();

        Assert.Equal(["27447", "27130"], table.Codes.Select(c => c.Code));
        Assert.Equal("Total Hip Arthroplasty", table.Codes[1].Title);
    }

    [Fact]
    public void A_value_both_share_does_not_differ_and_one_that_is_not_shared_does()
    {
        var table = Table();

        Assert.False(Row(table, CompareRowKind.ServiceType).Differs);
        var site = Row(table, CompareRowKind.SiteOfService);
        Assert.True(site.Differs);
        Assert.Equal("Inpatient hospital.", site.Cells[1].Value);
        Assert.True(Row(table, CompareRowKind.Title).Differs);
    }

    [Fact]
    public void Every_fact_label_of_either_article_is_a_row_and_a_fact_an_article_lacks_is_absent()
    {
        var table = Table();

        var anesthesia = Row(table, CompareRowKind.Fact, "Anesthesia");
        Assert.Equal(CompareCellState.Absent, anesthesia.Cells[0].State);
        Assert.Equal("General or regional.", anesthesia.Cells[1].Value);
        Assert.True(anesthesia.Differs);
        // Service type and site of service are overview rows, not repeated among the facts.
        Assert.DoesNotContain(table.Rows, r => r.Kind == CompareRowKind.Fact && r.Label == "Service type");
    }

    [Fact]
    public void A_value_the_publication_says_is_not_available_is_a_data_gap_not_an_absence()
    {
        var global = Row(Table(), CompareRowKind.Fact, "Global period");

        Assert.Equal(CompareCellState.Value, global.Cells[0].State);
        Assert.Equal(CompareCellState.DataMissing, global.Cells[1].State);
        Assert.True(global.Differs);
    }

    [Fact]
    public void The_modifier_grid_has_a_row_per_modifier_of_either_table_with_its_description_and_when_to_use()
    {
        var table = Table();

        Assert.Equal(["22", "59", "RT"], table.Rows.Where(r => r.Kind == CompareRowKind.Modifier).Select(r => r.Label));
        var shared = Row(table, CompareRowKind.Modifier, "22");
        Assert.False(shared.Differs);
        Assert.Equal("Severe deformity adds substantial time", shared.Cells[0].Note);
        var right = Row(table, CompareRowKind.Modifier, "RT");
        Assert.True(right.Differs);
        Assert.Equal("Right side", right.Cells[0].Value);
        Assert.Equal(CompareCellState.Absent, right.Cells[1].State);
    }

    [Fact]
    public void Each_payer_of_either_article_has_its_stance_prior_authorization_and_benchmark_per_code()
    {
        var table = Table();

        Assert.Equal(["Aetna", "UnitedHealthcare", "Medicare", "Cigna Health"],
            table.Rows.Where(r => r.Kind == CompareRowKind.PayerStance).Select(r => r.Label));
        Assert.False(Row(table, CompareRowKind.PayerStance, "Aetna").Differs);
        Assert.False(Row(table, CompareRowKind.PayerPriorAuthorization, "Aetna").Differs);
        var benchmark = Row(table, CompareRowKind.PayerBenchmark, "Aetna");
        Assert.True(benchmark.Differs);
        Assert.Equal(CompareCellState.DataMissing, benchmark.Cells[1].State);

        var united = Row(table, CompareRowKind.PayerStance, "UnitedHealthcare");
        Assert.Equal(CoverageStance.NotCovered, united.Cells[0].Stance);
        Assert.Equal(CompareCellState.Absent, united.Cells[1].State);
        // Nobody states Medicare's prior authorization: no row of blanks.
        Assert.DoesNotContain(table.Rows, r => r.Kind == CompareRowKind.PayerPriorAuthorization && r.Label == "Medicare");
        // Cigna is a key payer of the hip's summary without a section: a data gap there, nothing for the knee.
        var cigna = Row(table, CompareRowKind.PayerStance, "Cigna Health");
        Assert.Equal(CompareCellState.Absent, cigna.Cells[0].State);
        Assert.Equal(CoverageStance.NoSection, cigna.Cells[1].Stance);
        Assert.Equal(CompareCellState.DataMissing, cigna.Cells[1].State);
    }

    [Fact]
    public void Data_gaps_are_counted_in_all_and_by_kind()
    {
        var table = Table();

        var all = Row(table, CompareRowKind.DataGaps);
        Assert.Equal("0", all.Cells[0].Value);
        Assert.Equal("3", all.Cells[1].Value);
        var noSection = Assert.Single(table.Rows, r => r.GapKind == DataGapKind.NoPayerSection);
        Assert.Equal(["0", "1"], noSection.Cells.Select(c => c.Value));
    }

    [Fact]
    public void Only_differences_keeps_the_rows_that_differ()
    {
        var table = Table().OnlyDifferences();

        Assert.All(table.Rows, r => Assert.True(r.Differs));
        Assert.DoesNotContain(table.Rows, r => r.Kind == CompareRowKind.ServiceType);
        Assert.Contains(table.Rows, r => r.Kind == CompareRowKind.SiteOfService);
    }

    [Fact]
    public void Letter_case_and_blanks_alone_do_not_make_a_difference()
    {
        var louder = Parse(Knee.Replace("Service type: Surgical joint replacement.", "Service type:   SURGICAL joint replacement.", StringComparison.Ordinal));

        var table = CodeAlignment.Align([Parse(Knee), louder]);

        Assert.False(Row(table, CompareRowKind.ServiceType).Differs);
    }
}
