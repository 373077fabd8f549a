using System.Text;
using CptKb.Core.Articles;

namespace CptKb.Core.Search;

/// <summary>Counts the matching articles by payer, by the kind of section that matched and by CPT range.</summary>
internal static class FacetCounting
{
    public static SearchFacets Count(List<ArticleGroup> groups, ArticleDirectory articles, double scale)
    {
        if (groups.Count == 0) return SearchFacets.None;
        // Counted in one pass with dictionaries: a common word brings thousands of articles, and LINQ's
        // Distinct/GroupBy over (value, article) pairs cost several milliseconds of each such search.
        var payers = new Counter(StringComparer.OrdinalIgnoreCase);
        var kinds = new Counter(StringComparer.Ordinal);
        var ranges = new Counter(StringComparer.Ordinal);
        var seenKinds = new HashSet<SectionKind>();
        foreach (var group in groups)
        {
            // The directory holds each payer of an article once, case aside.
            foreach (var payer in group.Entry.Payers) payers.Add(payer);
            seenKinds.Clear();
            foreach (var section in group.Sections)
            {
                if (seenKinds.Add(section.Key.Kind)) kinds.Add(KindName(section.Key.Kind));
            }
            ranges.Add(group.Entry.Range.Label);
        }
        return new SearchFacets(
            payers.Top(p => $"payer:\"{p}\"", scale),
            kinds.Top(name => KindFilters.GetValueOrDefault(name), scale),
            ranges.Top(label => CptRange.All.FirstOrDefault(r => r.Label == label)?.Query, scale));
    }

    /// <summary>Articles per facet value, each value under the spelling first met.</summary>
    private sealed class Counter(StringComparer comparer)
    {
        private readonly Dictionary<string, int> counts = new(comparer);

        public void Add(string value) => counts[value] = counts.GetValueOrDefault(value) + 1;

        public List<FacetCount> Top(Func<string, string?> filter, double scale) =>
        [
            .. counts
                .Select(c => new FacetCount(c.Key, (int)Math.Round(c.Value * scale), filter(c.Key)))
                .OrderByDescending(f => f.Count).ThenBy(f => f.Value, StringComparer.OrdinalIgnoreCase)
                .Take(SearchService.FacetValues),
        ];
    }

    private static readonly Dictionary<string, string> KindFilters = new()
    {
        ["Summary"] = "section:\"summary\"",
        ["Billing code overview"] = "section:\"billing code overview\"",
        ["Clinical context"] = "section:\"clinical context\"",
        ["Coding specifications"] = "section:\"coding specifications\"",
        ["Payer coverage"] = "section:\"payer coverage\"",
        ["Payer"] = "section:\"payer coverage\"",
        ["Policy considerations"] = "section:\"policy\"",
        ["Sites of service"] = "section:\"sites of service\"",
        ["Data gaps"] = "section:\"data gaps\"",
    };

    private static readonly Dictionary<SectionKind, string> KindNames =
        Enum.GetValues<SectionKind>().ToDictionary(k => k, SpellKindName);

    /// <summary>"ClinicalContext" as "Clinical context".</summary>
    private static string KindName(SectionKind kind) => KindNames.TryGetValue(kind, out var name) ? name : SpellKindName(kind);

    private static string SpellKindName(SectionKind kind)
    {
        var name = kind.ToString();
        var sb = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && sb.Length > 0) sb.Append(' ').Append(char.ToLowerInvariant(c));
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
