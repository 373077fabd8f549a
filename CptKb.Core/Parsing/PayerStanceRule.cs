using System.Text.RegularExpressions;
using CptKb.Core.Articles;

namespace CptKb.Core.Parsing;

/// <summary>
/// Reads a payer section's coverage position at parse time. A pure function over the section's "Coverage" fact, or its text
/// when it has no such fact; the first verdict written wins, so "Not covered in the office; covered in facilities"
/// is <see cref="CoverageStance.NotCovered"/>, while explicit words such as "varies", "case by case" or
/// "depends on the setting" give <see cref="CoverageStance.Varies"/>.
/// </summary>
public static partial class PayerStanceRule
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

    /// <summary>The payer's stance as its section states it. Never returns <see cref="CoverageStance.NoSection"/>.</summary>
    /// <param name="facts">The section's "Label: value" items.</param>
    /// <param name="text">The section's whole text as written, facts included, in document order.</param>
    /// <param name="dataMissing">Whether the section says some of its data is not available.</param>
    public static CoverageStance Classify(IReadOnlyList<Fact> facts, string text, bool dataMissing)
    {
        var coverage = facts.FirstOrDefault(f => IsCoverageLabel(f.Label))?.Value;
        var statement = coverage ?? text;
        if (VariesWords().IsMatch(statement))
            return CoverageStance.Varies;
        var verdict = FirstVerdict(statement);
        if (verdict is null)
        {
            // A coverage fact that says nothing readable is "not stated" unless it says its data is missing;
            // without one, the section's own data-missing mark decides.
            var missing = coverage is null ? dataMissing : MissingWords().IsMatch(coverage) || DataGapRule.IsNote(coverage);
            return missing ? CoverageStance.DataMissing : CoverageStance.NotStated;
        }
        if (verdict == CoverageStance.NotCovered)
            return CoverageStance.NotCovered;
        return RequiresPriorAuthorization(statement, facts)
            ? CoverageStance.CoveredWithPriorAuthorization
            : CoverageStance.Covered;
    }

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
