using CptKb.Core.Articles;

namespace CptKb.Web.Rendering;

/// <summary>A payer's stance in the words the pages show.</summary>
public static class StanceWords
{
    /// <summary>In a word or two: "Covered", "Covered with PA", "Not covered", and so on.</summary>
    public static string Label(CoverageStance stance) => stance switch
    {
        CoverageStance.Covered => "Covered",
        CoverageStance.CoveredWithPriorAuthorization => "Covered with PA",
        CoverageStance.NotCovered => "Not covered",
        CoverageStance.Varies => "Varies",
        CoverageStance.DataMissing => DataGapWords.Term,
        CoverageStance.NotStated => "Not stated",
        CoverageStance.NoSection => DataGapWords.Term,
        _ => stance.ToString(),
    };

    /// <summary>A sentence for tooltips and screen readers, e.g. "Covered with prior authorization".</summary>
    public static string Describe(CoverageStance stance) => stance switch
    {
        CoverageStance.CoveredWithPriorAuthorization => "Covered with prior authorization",
        CoverageStance.Varies => "Coverage varies case by case or by setting",
        CoverageStance.DataMissing => "Data gap: the publication says this payer's data is not available",
        CoverageStance.NotStated => "The section states no coverage position",
        CoverageStance.NoSection => DataGapWords.Describe(DataGapKind.NoPayerSection),
        _ => Label(stance),
    };
}
