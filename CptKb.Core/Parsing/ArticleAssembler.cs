using CptKb.Core.Articles;

namespace CptKb.Core.Parsing;

/// <summary>Turns what a reader found (<see cref="DocumentDraft"/>) into the <see cref="Article"/>.</summary>
internal static class ArticleAssembler
{
    private static readonly string[] ServiceTypeLabels = ["service type"];

    private static readonly string[] SiteLabels =
        ["typical site of service", "site of service", "sites of service", "place of service", "typical sites of service"];

    public static Article Assemble(DocumentDraft draft, CptCode code)
    {
        var sections = draft.Sections
            .Select(s => new Section(s.Heading, s.Level, s.Anchor, s.Path, s.Kind, s.Body.ToString().Trim(), s.Parent?.Anchor))
            .ToList();
        var payerSections = new List<PayerSection>();
        foreach (var section in draft.Sections.Where(s => s.Kind == SectionKind.Payer))
        {
            var facts = draft.Facts.Where(f => f.Payer == section.Heading && f.SectionPath.StartsWith(section.Path, StringComparison.Ordinal)).ToList();
            var dataMissing = section.HasGapInSubtree();
            payerSections.Add(new PayerSection(section.Heading, section.Anchor, facts, dataMissing,
                PayerStanceRule.Classify(facts, Statement(section), dataMissing)));
        }
        return new Article
        {
            Code = code.Value,
            Title = string.IsNullOrWhiteSpace(draft.Title) ? $"CPT {code}" : draft.Title,
            Payers = draft.KeyPayers,
            Facts = draft.Facts,
            ServiceType = FactValue(draft.Facts, ServiceTypeLabels),
            SiteOfService = FactValue(draft.Facts, SiteLabels),
            Modifiers = draft.Modifiers,
            ModifierTableAnchor = draft.ModifierTableSection?.Anchor,
            PayerSections = payerSections,
            Sections = sections,
            DataGaps = [.. draft.Gaps, .. PayersWithoutSection(draft, payerSections)],
            Warnings = draft.Warnings,
        };
    }

    // A key payer the document has no section for is a data gap. It belongs to the coverage section, where its section
    // would be; without one, it points at the summary, where the payers are named. Names match ignoring case, as the
    // payer matrix matches them.
    private static IEnumerable<DataGap> PayersWithoutSection(DocumentDraft draft, List<PayerSection> payerSections)
    {
        var coverage = draft.Sections.FirstOrDefault(s => s.Kind == SectionKind.PayerCoverage);
        var anchor = (coverage ?? draft.Sections.FirstOrDefault(s => s.Kind is SectionKind.Summary or SectionKind.Preamble))?.Anchor ?? "";
        var path = coverage?.Path ?? PayerCoverageHeading;
        foreach (var payer in draft.KeyPayers.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (payerSections.Any(p => string.Equals(p.Payer, payer, StringComparison.OrdinalIgnoreCase)))
                continue;
            yield return new DataGap(path, anchor, null, payer, DataGapKind.NoPayerSection);
        }
    }

    private const string PayerCoverageHeading = "Payer Coverage & Benchmarks";

    // A payer's section as written, its subsections' after its own, for reading its stance.
    private static string Statement(SectionDraft section) =>
        section.Children.Count == 0
            ? section.Statement
            : string.Join('\n', [section.Statement, .. section.Children.Select(c => c.Heading + "\n" + Statement(c))]);

    private static string? FactValue(List<Fact> facts, string[] labels)
    {
        foreach (var label in labels)
        {
            foreach (var fact in facts)
            {
                if (SectionRules.Key(fact.Label) == label)
                    return fact.Value;
            }
        }
        return null;
    }
}
