using CptKb.Core.Articles;
using CptKb.Core.Parsing;
using CptKb.Core.Payers;

namespace CptKb.Tests.Payers;

/// <summary>Payers' sections of one publication, aligned field by field: the document beside the rows it gives.</summary>
public sealed class PayerComparisonTests
{
    private const string Document = """
        Summary & Overview
        CPT 27447: Total Knee Arthroplasty
        CPT code 27447 identifies arthroplasty of the knee.
        Key payers covered in this analysis include Aetna, UnitedHealthcare, Medicare, and Humana.
        Billing Code Overview
        Total knee arthroplasty replaces the articular surfaces of the knee.
        Payer Coverage & Benchmarks
        Aetna
        Coverage: Covered when conservative care has failed.
        Prior authorization: Required.
        Benchmark: Median allowed amount of $21,400 per claim (national).
        Documentation: Imaging must show bone-on-bone disease.
        UnitedHealthcare
        Coverage: Not covered in the office setting.
        Pre-certification: Required.
        Benchmark: Data not available in the input.
        Site restriction: Outpatient hospital only.
        Medicare
        Coverage: Covered; removed from the inpatient-only list.
        Prior authorization: Required.
        Benchmark: Median allowed amount of $21,400 per claim (national).
        Documentation: Imaging must show bone-on-bone disease.
        Policy & Coding Considerations
        Bilateral procedures are reported with modifier 50.
        """;

    private static readonly Article Knee = PublicationParser.Parse(Document).Article ?? throw new InvalidOperationException("the test document does not parse");

    private static PayerComparisonRow Row(PayerComparisonTable table, PayerRowKind kind, string? label = null) =>
        table.Rows.Single(r => r.Kind == kind && (label is null || string.Equals(r.Label, label, StringComparison.OrdinalIgnoreCase)));

    [Fact]
    public void Rows_come_in_order_stance_prior_authorization_benchmark_other_facts_text_data_missing()
    {
        var table = PayerComparison.Align(Knee, ["Aetna", "UnitedHealthcare"]);

        Assert.Equal(
            [PayerRowKind.Stance, PayerRowKind.PriorAuthorization, PayerRowKind.Benchmark, PayerRowKind.Fact, PayerRowKind.Fact, PayerRowKind.Fact, PayerRowKind.Text, PayerRowKind.DataMissing],
            table.Rows.Select(r => r.Kind));
        // Every other label found in either section, each once, in order of first appearance.
        Assert.Equal(["Coverage", "Documentation", "Site restriction"], table.Rows.Where(r => r.Kind == PayerRowKind.Fact).Select(r => r.Label));
        Assert.Equal(["Aetna", "UnitedHealthcare"], table.Columns.Select(c => c.Payer));
        Assert.All(table.Rows, r => Assert.Equal(2, r.Cells.Count));
    }

    [Fact]
    public void Prior_authorization_is_found_under_either_label_and_a_missing_label_is_marked_absent()
    {
        var table = PayerComparison.Align(Knee, ["Aetna", "UnitedHealthcare"]);

        var priorAuthorization = Row(table, PayerRowKind.PriorAuthorization);
        Assert.Equal(["Required.", "Required."], priorAuthorization.Cells.Select(c => c.Value));
        Assert.Equal("Pre-certification", priorAuthorization.Cells[1].FactLabel);
        Assert.False(priorAuthorization.Differs);

        var site = Row(table, PayerRowKind.Fact, "Site restriction");
        Assert.Equal([PayerCellState.Absent, PayerCellState.Given], site.Cells.Select(c => c.State));
        Assert.True(site.Differs);
    }

    [Fact]
    public void A_data_missing_value_is_a_data_gap_cell_and_the_section_says_its_data_is_missing()
    {
        var table = PayerComparison.Align(Knee, ["Aetna", "UnitedHealthcare"]);

        var benchmark = Row(table, PayerRowKind.Benchmark);
        Assert.Equal([PayerCellState.Given, PayerCellState.DataMissing], benchmark.Cells.Select(c => c.State));
        Assert.True(benchmark.Differs);
        Assert.Equal([false, true], Row(table, PayerRowKind.DataMissing).Cells.Select(c => c.Flag));
    }

    [Fact]
    public void Rows_where_the_payers_agree_are_not_marked_and_rows_where_they_differ_are()
    {
        var table = PayerComparison.Align(Knee, ["Aetna", "Medicare"]);

        Assert.False(Row(table, PayerRowKind.Stance).Differs);
        Assert.Equal([CoverageStance.CoveredWithPriorAuthorization, CoverageStance.CoveredWithPriorAuthorization], Row(table, PayerRowKind.Stance).Cells.Select(c => c.Stance));
        Assert.False(Row(table, PayerRowKind.Benchmark).Differs);
        Assert.False(Row(table, PayerRowKind.Fact, "Documentation").Differs);
        Assert.True(Row(table, PayerRowKind.Fact, "Coverage").Differs);
    }

    [Fact]
    public void A_key_payer_without_a_section_is_a_column_of_data_gaps()
    {
        var table = PayerComparison.Align(Knee, ["aetna", "HUMANA"]);

        Assert.Equal([new PayerColumn("Aetna", "payer-coverage-benchmarks-aetna"), new PayerColumn("Humana", null)], table.Columns);
        Assert.All(table.Rows, r => Assert.Equal(PayerCellState.NoSection, r.Cells[1].State));
        Assert.All(table.Rows, r => Assert.True(r.Differs));
    }

    [Fact]
    public void An_unknown_name_is_reported_as_written_and_the_known_ones_are_still_compared()
    {
        var table = PayerComparison.Align(Knee, ["Aetna", "Kaiser", "Medicare", "aetna", "kaiser"]);

        Assert.Equal(["Kaiser"], table.Unknown);
        Assert.Equal(["Aetna", "Medicare"], table.Columns.Select(c => c.Payer));
    }

    [Fact]
    public void Without_a_choice_every_payer_of_the_article_is_compared_sections_first()
    {
        var table = PayerComparison.Align(Knee, null);

        Assert.Equal(["Aetna", "UnitedHealthcare", "Medicare", "Humana"], table.Columns.Select(c => c.Payer));
        Assert.Equal(table.Available, table.Columns.Select(c => c.Payer));
        Assert.Empty(table.Unknown);
    }

    [Fact]
    public void The_text_row_holds_each_sections_prose_without_its_facts()
    {
        var withProse = PublicationParser.Parse(Document.Replace("Site restriction: Outpatient hospital only.", "Site restriction: Outpatient hospital only.\nReviews are done by the plan's orthopedic panel.", StringComparison.Ordinal)).Article!;

        var text = Row(PayerComparison.Align(withProse, ["Aetna", "UnitedHealthcare"]), PayerRowKind.Text);

        Assert.Equal(PayerCellState.Absent, text.Cells[0].State);
        Assert.Equal("Reviews are done by the plan's orthopedic panel.", text.Cells[1].Value);
        Assert.DoesNotContain("Site restriction", text.Cells[1].Value);
        Assert.True(text.Differs);
    }

    [Fact]
    public void An_empty_choice_compares_no_payer()
    {
        var table = PayerComparison.Align(Knee, []);

        Assert.Empty(table.Columns);
        Assert.All(table.Rows, r => Assert.Empty(r.Cells));
        Assert.Equal(4, table.Available.Count);
    }

    [Fact]
    public void One_payer_alone_differs_from_nothing()
    {
        var table = PayerComparison.Align(Knee, ["UnitedHealthcare"]);

        Assert.All(table.Rows, r => Assert.False(r.Differs));
    }
}
