using CptKb.Core.Articles;
using CptKb.Core.Changes;
using CptKb.Core.Parsing;

namespace CptKb.Tests.Changes;

/// <summary>Each kind of change, from a pair of documents: the publication before and after one edit.</summary>
public sealed class ArticleComparerTests
{
    internal const string Before = """
        Summary & Overview
        CPT 27447: Total Knee Arthroplasty
        CPT code 27447 identifies arthroplasty of the knee with replacement of the medial and lateral femoral condyles.
        Key payers covered in this analysis include Aetna, UnitedHealthcare, and Medicare.
        Billing Code Overview
        Total knee arthroplasty replaces the articular surfaces of the knee for advanced osteoarthritis.
        -
        Service type: Surgical joint replacement.
        -
        Typical site of service: Outpatient hospital or ambulatory surgery center.
        -
        Global period: Data not available in the input.
        Clinical & Coding Specifications
        Clinical Context
        A 67-year-old man with end-stage osteoarthritis of the right knee undergoes total knee arthroplasty.
        Coding Specifications
        | Modifier | Description | When to Use |
        |---|---|---|
        RT | Right side | Procedure performed on the right knee
        22 | Increased procedural services | Severe deformity adds substantial time
        Payer Coverage & Benchmarks
        Aetna
        Coverage: Covered when conservative care has failed.
        Prior authorization: Not required.
        Benchmark: Median allowed amount of $21,400 per claim (national).
        UnitedHealthcare
        Coverage: Not covered in the office setting.
        Benchmark: Median allowed amount of $19,800 per claim (regional).
        Medicare
        Coverage: Covered; removed from the inpatient-only list.
        Policy & Coding Considerations
        Bilateral procedures are reported with modifier 50 where the payer allows it.
        Sites of Service
        Most claims come from the outpatient hospital setting.
        """;

    private static IReadOnlyList<ArticleChange> Changes(string after) => Changes(Before, after);

    private static IReadOnlyList<ArticleChange> Changes(string before, string after) =>
        ArticleComparer.Compare(Parse(before), Parse(after));

    internal static Article Parse(string text) =>
        PublicationParser.Parse(text).Article ?? throw new InvalidOperationException("the test document does not parse");

    private static string Edit(string from, string to)
    {
        Assert.Contains(from, Before, StringComparison.Ordinal);
        return Before.Replace(from, to, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_document_has_no_changes() => Assert.Empty(Changes(Before));

    [Fact]
    public void A_first_revision_is_one_change_article_added() =>
        Assert.Equal([new ArticleChange(ChangeKind.ArticleAdded, After: "Total Knee Arthroplasty")], ArticleComparer.Compare(null, Parse(Before)));

    [Fact]
    public void Only_line_breaks_and_blanks_moved_is_no_change() =>
        Assert.Empty(Changes(Edit("for advanced osteoarthritis.", "for   advanced osteoarthritis. ")));

    [Fact]
    public void Title_changed()
    {
        var change = Assert.Single(Changes(Edit("CPT 27447: Total Knee Arthroplasty", "CPT 27447: Total Knee Replacement")));
        Assert.Equal(new ArticleChange(ChangeKind.TitleChanged, Before: "Total Knee Arthroplasty", After: "Total Knee Replacement"), change);
    }

    [Fact]
    public void Key_payer_added_and_removed()
    {
        var changes = Changes(Edit("include Aetna, UnitedHealthcare, and Medicare.", "include Aetna, UnitedHealthcare, Cigna, and Humana."));
        Assert.Contains(new ArticleChange(ChangeKind.KeyPayerAdded, Payer: "Cigna", After: "Cigna"), changes);
        Assert.Contains(new ArticleChange(ChangeKind.KeyPayerAdded, Payer: "Humana", After: "Humana"), changes);
        Assert.Contains(new ArticleChange(ChangeKind.KeyPayerRemoved, Payer: "Medicare", Before: "Medicare"), changes);
    }

    [Fact]
    public void Fact_changed_names_its_label_section_before_and_after()
    {
        var change = Assert.Single(Changes(Edit("Service type: Surgical joint replacement.", "Service type: Surgical knee replacement.")));
        Assert.Equal(ChangeKind.FactChanged, change.Kind);
        Assert.Equal(("Service type", "Billing Code Overview", "Surgical joint replacement.", "Surgical knee replacement."),
            (change.Label, change.Section, change.Before, change.After));
        Assert.Null(change.Payer);
    }

    [Fact]
    public void Fact_added()
    {
        var change = Assert.Single(Changes(Edit("-\nGlobal period:", "-\nWork RVU: 20.72\n-\nGlobal period:")));
        Assert.Equal((ChangeKind.FactAdded, "Work RVU", null, "20.72"), (change.Kind, change.Label, change.Before, change.After));
    }

    [Fact]
    public void Fact_removed()
    {
        var changes = Changes(Edit("-\nTypical site of service: Outpatient hospital or ambulatory surgery center.\n", ""));
        var change = Assert.Single(changes);
        Assert.Equal((ChangeKind.FactRemoved, "Typical site of service"), (change.Kind, change.Label));
        Assert.Equal("Outpatient hospital or ambulatory surgery center.", change.Before);
    }

    [Fact]
    public void Modifier_row_added()
    {
        var change = Assert.Single(Changes(Edit("22 | Increased", "59 | Distinct procedural service | Separate site\n22 | Increased")));
        Assert.Equal((ChangeKind.ModifierAdded, "59"), (change.Kind, change.Label));
        Assert.Equal("59 | Distinct procedural service | Separate site", change.After);
        Assert.Equal("Clinical & Coding Specifications > Coding Specifications", change.Section);
    }

    [Fact]
    public void Modifier_row_removed()
    {
        var change = Assert.Single(Changes(Edit("RT | Right side | Procedure performed on the right knee\n", "")));
        Assert.Equal((ChangeKind.ModifierRemoved, "RT"), (change.Kind, change.Label));
    }

    [Fact]
    public void Modifier_row_changed_names_the_cell()
    {
        var change = Assert.Single(Changes(Edit("Severe deformity adds substantial time", "Severe deformity adds at least 25% more time")));
        Assert.Equal((ChangeKind.ModifierChanged, "22", ModifierCell.WhenToUse), (change.Kind, change.Label, change.Cell));
        Assert.Equal(("Severe deformity adds substantial time", "Severe deformity adds at least 25% more time"), (change.Before, change.After));
    }

    [Fact]
    public void Payer_stance_changed_from_covered_to_prior_authorization()
    {
        var changes = Changes(Edit("Prior authorization: Not required.", "Prior authorization: Required."));
        var stance = Assert.Single(changes, c => c.Kind == ChangeKind.StanceChanged);
        Assert.Equal(("Aetna", nameof(CoverageStance.Covered), nameof(CoverageStance.CoveredWithPriorAuthorization)), (stance.Payer, stance.Before, stance.After));
    }

    [Fact]
    public void Payer_stance_changed_to_not_covered()
    {
        var changes = Changes(Edit("Coverage: Covered; removed from the inpatient-only list.", "Coverage: Not covered as experimental."));
        var stance = Assert.Single(changes, c => c.Kind == ChangeKind.StanceChanged);
        Assert.Equal(("Medicare", nameof(CoverageStance.Covered), nameof(CoverageStance.NotCovered)), (stance.Payer, stance.Before, stance.After));
        var fact = Assert.Single(changes, c => c.Kind == ChangeKind.FactChanged);
        Assert.Equal(("Medicare", "Coverage"), (fact.Payer, fact.Label));
    }

    [Fact]
    public void Prior_authorization_changed()
    {
        var changes = Changes(Edit("Prior authorization: Not required.", "Prior authorization: Not required in the office."));
        var change = Assert.Single(changes);
        Assert.Equal((ChangeKind.PriorAuthorizationChanged, "Aetna", "Prior authorization"), (change.Kind, change.Payer, change.Label));
        Assert.Equal(("Not required.", "Not required in the office."), (change.Before, change.After));
    }

    [Fact]
    public void Benchmark_changed()
    {
        var change = Assert.Single(Changes(Edit("$19,800 per claim (regional)", "$20,100 per claim (regional)")));
        Assert.Equal((ChangeKind.BenchmarkChanged, "UnitedHealthcare", "Benchmark"), (change.Kind, change.Payer, change.Label));
        Assert.Equal("Median allowed amount of $20,100 per claim (regional).", change.After);
    }

    [Fact]
    public void Payer_text_changed()
    {
        var change = Assert.Single(Changes(Edit("Medicare\nCoverage:", "Medicare\nMedicare updated its national coverage determination this quarter.\nCoverage:")));
        Assert.Equal((ChangeKind.PayerTextChanged, "Medicare"), (change.Kind, change.Payer));
        Assert.Equal("Medicare updated its national coverage determination this quarter.", change.After);
    }

    [Fact]
    public void Payer_data_became_missing_and_available()
    {
        var missing = Edit("Benchmark: Median allowed amount of $19,800 per claim (regional).", "Benchmark: Data not available in the input.");
        var changes = Changes(missing);
        Assert.Contains(changes, c => c.Kind == ChangeKind.PayerDataMissing && c.Payer == "UnitedHealthcare");
        Assert.Contains(changes, c => c.Kind == ChangeKind.BenchmarkChanged && c.After == "Data not available in the input.");
        Assert.Contains(changes, c => c.Kind == ChangeKind.DataGapAdded && c.Payer == "UnitedHealthcare" && c.Label == "Benchmark");

        var back = Changes(missing, Before);
        Assert.Contains(back, c => c.Kind == ChangeKind.PayerDataAvailable && c.Payer == "UnitedHealthcare");
        Assert.Contains(back, c => c.Kind == ChangeKind.DataGapResolved && c.Payer == "UnitedHealthcare");
    }

    [Fact]
    public void Section_text_changed_keeps_both_texts()
    {
        var change = Assert.Single(Changes(Edit("where the payer allows it.", "where the payer's policy allows it.")));
        Assert.Equal((ChangeKind.SectionTextChanged, "Policy & Coding Considerations"), (change.Kind, change.Section));
        Assert.Equal("Bilateral procedures are reported with modifier 50 where the payer allows it.", change.Before);
        Assert.Equal("Bilateral procedures are reported with modifier 50 where the payer's policy allows it.", change.After);
        Assert.Equal("policy-coding-considerations", change.SectionAnchor);
    }

    [Fact]
    public void Section_added()
    {
        var change = Assert.Single(Changes(Before + "\nData Gaps\nNo data gaps were identified.\n"));
        Assert.Equal((ChangeKind.SectionAdded, "Data Gaps"), (change.Kind, change.Section));
        Assert.Equal("No data gaps were identified.", change.After);
    }

    [Fact]
    public void Section_removed()
    {
        var change = Assert.Single(Changes(Edit("\nSites of Service\nMost claims come from the outpatient hospital setting.", "")));
        Assert.Equal((ChangeKind.SectionRemoved, "Sites of Service"), (change.Kind, change.Section));
        Assert.Equal("Most claims come from the outpatient hospital setting.", change.Before);
    }

    [Fact]
    public void Data_gap_resolved_when_the_value_arrives()
    {
        var changes = Changes(Edit("Global period: Data not available in the input.", "Global period: 090 days"));
        Assert.Contains(changes, c => c.Kind == ChangeKind.DataGapResolved && c.Label == "Global period");
        Assert.Contains(changes, c => c.Kind == ChangeKind.FactChanged && c.Label == "Global period" && c.After == "090 days");
    }

    [Fact]
    public void Data_gap_added_in_a_section()
    {
        var changes = Changes(Edit("Most claims come from the outpatient hospital setting.", "Most claims come from the outpatient hospital setting.\nData not available in the input."));
        Assert.Contains(changes, c => c.Kind == ChangeKind.DataGapAdded && c.Section == "Sites of Service");
    }
}
