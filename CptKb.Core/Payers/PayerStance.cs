using System.Text.RegularExpressions;
using CptKb.Core.Articles;

namespace CptKb.Core.Payers;

/// <summary>A payer's position on a code, in a word.</summary>
public enum CoverageStance
{
    /// <summary>The payer covers the code.</summary>
    Covered,
    /// <summary>The payer covers the code once prior authorization is obtained.</summary>
    CoveredWithPriorAuthorization,
    /// <summary>The payer does not cover the code (first verdict given is "not covered").</summary>
    NotCovered,
    /// <summary>Coverage is decided case by case, or depends on the setting, plan or circumstances.</summary>
    Varies,
    /// <summary>The publication says the payer's data is not available.</summary>
    DataMissing,
    /// <summary>The payer has a section, but it states no coverage position that can be read.</summary>
    NotStated,
    /// <summary>The payer is named as a key payer, but the publication has no section for it.</summary>
    NoSection,
}

/// <summary>
/// Reads a payer section's coverage position. A pure function over the section's "Coverage" fact, or its text
/// when it has no such fact; the first verdict written wins, so "Not covered in the office; covered in facilities"
/// is <see cref="CoverageStance.NotCovered"/>, while explicit words such as "varies", "case by case" or
/// "depends on the setting" give <see cref="CoverageStance.Varies"/>.
/// </summary>
public static partial class PayerStance
{
    [GeneratedRegex(@"\b(?:not|never)\s+(?:a\s+)?covered\b|\bnon-?covered\b|\b(?:does|do|will|would)\s+not\s+cover\b|\b(?:doesn't|don't|won't)\s+cover\b|\bno\s+coverage\b|\bexcluded\b|\bexclusion\b|\binvestigational\b|\bexperimental\b|\bnot\s+(?:reimbursed|payable)\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex NotCoveredWords();

    [GeneratedRegex(@"\bcover(?:ed|s|age\s+(?:is\s+)?(?:provided|available))?\b|\breimbursed\b|\bpayable\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex CoveredWords();

    [GeneratedRegex(@"\bvar(?:y|ies|iable)\b|\bcase[-\s]by[-\s]case\b|\bindividual(?:ly)?\s+(?:consideration|review|basis|reviewed)\b|\bdepend(?:s|ing)?\s+(?:on|upon)\b|\bdependent\s+(?:on|upon)\b|-dependent\b|\bplan-specific\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex VariesWords();

    [GeneratedRegex(@"\bprior\s+auth(?:orization|orisation)?\b|\bpre-?auth(?:orization|orisation)?\b|\bpre-?certification\b|\bprecert\b|\bprior\s+approval\b|\bpre-?approval\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex PriorAuthorizationWords();

    [GeneratedRegex(@"\bnot\s+(?:required|needed|necessary)\b|\bno\s+(?:prior|pre)\b|\bwithout\s+(?:prior|pre)\b|^\s*(?:no|none|n/a)\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex NotRequiredWords();

    [GeneratedRegex(@"\bnot\s+(?:available|provided|supplied|given|reported)\b|\bunavailable\b|\bunknown\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex MissingWords();

    /// <summary>The payer's stance as the section states it. Never returns <see cref="CoverageStance.NoSection"/>.</summary>
    /// <param name="section">One payer's subsection of a publication.</param>
    public static CoverageStance Classify(PayerSection section)
    {
        var coverage = section.Facts.FirstOrDefault(f => IsCoverageLabel(f.Label))?.Value;
        var statement = coverage ?? section.Text;
        if (VariesWords().IsMatch(statement))
            return CoverageStance.Varies;
        var verdict = FirstVerdict(statement);
        if (verdict is null)
        {
            // A coverage fact that says nothing readable is "not stated" unless it says its data is missing;
            // without one, the section's own data-missing mark decides.
            var missing = coverage is null ? section.DataMissing : MissingWords().IsMatch(coverage);
            return missing ? CoverageStance.DataMissing : CoverageStance.NotStated;
        }
        if (verdict == CoverageStance.NotCovered)
            return CoverageStance.NotCovered;
        return RequiresPriorAuthorization(statement, section.Facts)
            ? CoverageStance.CoveredWithPriorAuthorization
            : CoverageStance.Covered;
    }

    /// <summary>The stance in the words the pages show: "Covered", "Covered with PA", "Not covered", and so on.</summary>
    public static string Label(CoverageStance stance) => stance switch
    {
        CoverageStance.Covered => "Covered",
        CoverageStance.CoveredWithPriorAuthorization => "Covered with PA",
        CoverageStance.NotCovered => "Not covered",
        CoverageStance.Varies => "Varies",
        CoverageStance.DataMissing => "Data missing",
        CoverageStance.NotStated => "Not stated",
        CoverageStance.NoSection => "No section",
        _ => stance.ToString(),
    };

    /// <summary>A sentence for tooltips and screen readers, e.g. "Covered with prior authorization".</summary>
    public static string Describe(CoverageStance stance) => stance switch
    {
        CoverageStance.CoveredWithPriorAuthorization => "Covered with prior authorization",
        CoverageStance.Varies => "Coverage varies case by case or by setting",
        CoverageStance.DataMissing => "The publication says this payer's data is not available",
        CoverageStance.NotStated => "The section states no coverage position",
        CoverageStance.NoSection => "Named as a key payer, but the publication has no section for it",
        _ => Label(stance),
    };

    private static bool IsCoverageLabel(string label) =>
        label.Contains("coverage", StringComparison.OrdinalIgnoreCase);

    private static bool IsPriorAuthorizationLabel(string label) => PriorAuthorizationWords().IsMatch(label);

    // The first verdict written wins. "Cover" inside "not covered" or "does not cover" is part of the negative one.
    private static CoverageStance? FirstVerdict(string text)
    {
        var negatives = NotCoveredWords().Matches(text);
        var firstNegative = negatives.Count > 0 ? negatives[0].Index : int.MaxValue;
        var firstPositive = CoveredWords().Matches(text)
            .Where(p => !negatives.Any(n => p.Index >= n.Index && p.Index < n.Index + n.Length))
            .Select(p => p.Index)
            .DefaultIfEmpty(int.MaxValue)
            .First();
        if (firstNegative == int.MaxValue && firstPositive == int.MaxValue)
            return null;
        return firstNegative < firstPositive ? CoverageStance.NotCovered : CoverageStance.Covered;
    }

    private static bool RequiresPriorAuthorization(string statement, IReadOnlyList<Fact> facts)
    {
        foreach (var fact in facts.Where(f => IsPriorAuthorizationLabel(f.Label)))
        {
            if (MissingWords().IsMatch(fact.Value) || NotRequiredWords().IsMatch(fact.Value))
                return false;
            return true;
        }
        return MentionsRequiredPriorAuthorization(statement);
    }

    private static bool MentionsRequiredPriorAuthorization(string statement)
    {
        foreach (var sentence in statement.Split(['.', ';', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (PriorAuthorizationWords().IsMatch(sentence) && !NotRequiredWords().IsMatch(sentence))
                return true;
        }
        return false;
    }
}
