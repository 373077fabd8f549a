using CptKb.Core.Articles;
using CptKb.Core.Parsing;
using CptKb.Web.Rendering;

namespace CptKb.Tests.Payers;

/// <summary>Spec: a payer section's text beside the stance it reads as.</summary>
public sealed class PayerStanceTests
{
    private sealed record Section(string Text, bool DataMissing, IReadOnlyList<Fact> Facts);

    private static Section Stated(string text, bool dataMissing = false, params (string Label, string Value)[] facts) =>
        new(text, dataMissing, [.. facts.Select(f => new Fact(f.Label, f.Value, "Payer Coverage & Benchmarks > Aetna", "Aetna"))]);

    private static Section Coverage(string value, params (string Label, string Value)[] more) =>
        Stated($"Coverage: {value}", false, [("Coverage", value), .. more]);

    private static CoverageStance Classify(Section section) => PayerStanceRule.Classify(section.Facts, section.Text, section.DataMissing);

    [Theory]
    [InlineData("Covered under the physician fee schedule.", CoverageStance.Covered)]
    [InlineData("Covered; removed from the inpatient-only list.", CoverageStance.Covered)]
    [InlineData("Covered for acute stroke evaluation.", CoverageStance.Covered)]
    [InlineData("Covered with prior authorization when conservative care has failed.", CoverageStance.CoveredWithPriorAuthorization)]
    [InlineData("Covered; precertification required for inpatient stays.", CoverageStance.CoveredWithPriorAuthorization)]
    [InlineData("Covered; prior authorization not required.", CoverageStance.Covered)]
    [InlineData("Covered without prior authorization.", CoverageStance.Covered)]
    [InlineData("Not covered in the office setting; covered in facility settings.", CoverageStance.NotCovered)]
    [InlineData("Non-covered: considered investigational.", CoverageStance.NotCovered)]
    [InlineData("Aetna does not cover this service.", CoverageStance.NotCovered)]
    [InlineData("Excluded from the standard benefit.", CoverageStance.NotCovered)]
    [InlineData("Coverage varies by plan.", CoverageStance.Varies)]
    [InlineData("Covered on a case-by-case basis.", CoverageStance.Varies)]
    [InlineData("Covered depending on the site of service.", CoverageStance.Varies)]
    [InlineData("Not covered unless reviewed case by case.", CoverageStance.Varies)]
    [InlineData("Data not available in the input.", CoverageStance.DataMissing)]
    [InlineData("See the payer's policy bulletin.", CoverageStance.NotStated)]
    public void The_coverage_fact_decides(string coverage, CoverageStance expected) =>
        Assert.Equal(expected, Classify(Coverage(coverage)));

    [Theory]
    [InlineData("Required.", CoverageStance.CoveredWithPriorAuthorization)]
    [InlineData("Yes, for all plans.", CoverageStance.CoveredWithPriorAuthorization)]
    [InlineData("Not required.", CoverageStance.Covered)]
    [InlineData("No", CoverageStance.Covered)]
    [InlineData("Data not available in the input.", CoverageStance.Covered)]
    public void A_prior_authorization_fact_adds_PA_to_a_covered_stance(string priorAuthorization, CoverageStance expected) =>
        Assert.Equal(expected, Classify(Coverage(
            "Covered when medically necessary for reconstruction after trauma or tumour resection.",
            ("Prior authorization", priorAuthorization))));

    [Fact]
    public void Prior_authorization_does_not_turn_not_covered_into_covered() =>
        Assert.Equal(CoverageStance.NotCovered, Classify(Coverage("Not covered.", ("Prior authorization", "Required."))));

    [Fact]
    public void A_section_that_only_says_its_data_is_missing_is_data_missing() =>
        Assert.Equal(CoverageStance.DataMissing, Classify(Stated("Data not available in the input.", dataMissing: true)));

    [Fact]
    public void A_missing_benchmark_does_not_hide_a_stated_coverage()
    {
        var section = Stated("Coverage: Covered under the physician fee schedule.\n\nBenchmark: Data not available in the input.", true,
            ("Coverage", "Covered under the physician fee schedule."), ("Benchmark", "Data not available in the input."));
        Assert.Equal(CoverageStance.Covered, Classify(section));
    }

    [Theory]
    [InlineData("Aetna covers the procedure when conservative care has failed.", CoverageStance.Covered)]
    [InlineData("Aetna considers this experimental and does not cover it.", CoverageStance.NotCovered)]
    [InlineData("Benchmark: $1,250 national median.", CoverageStance.NotStated)]
    public void Without_a_coverage_fact_the_text_decides(string text, CoverageStance expected) =>
        Assert.Equal(expected, Classify(Stated(text)));

    [Theory]
    [InlineData(CoverageStance.Covered, "Covered")]
    [InlineData(CoverageStance.CoveredWithPriorAuthorization, "Covered with PA")]
    [InlineData(CoverageStance.NotCovered, "Not covered")]
    [InlineData(CoverageStance.Varies, "Varies")]
    [InlineData(CoverageStance.DataMissing, "Data gap")]
    [InlineData(CoverageStance.NoSection, "Data gap")]
    public void Stances_read_as_one_short_label(CoverageStance stance, string label) =>
        Assert.Equal(label, StanceWords.Label(stance));
}
