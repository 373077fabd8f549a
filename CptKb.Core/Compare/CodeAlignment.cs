using System.Text;
using CptKb.Core.Articles;

namespace CptKb.Core.Compare;

/// <summary>
/// Articles side by side, rows aligned by meaning: a pure function over the parsed articles. Overview rows first, then
/// every fact label any of them has (in the order first met, column by column), the modifier grid (modifiers in code
/// order), each payer any of them names (its stance, and its prior authorization and payment benchmark when any of the
/// articles states them), and the data gaps.
/// </summary>
public static class CodeAlignment
{
    /// <summary>The table of <paramref name="articles"/>, one column each, in the order given.</summary>
    public static CompareTable Align(IReadOnlyList<Article> articles)
    {
        var rows = new List<CompareRow>();
        Overview(articles, rows);
        Facts(articles, rows);
        Modifiers(articles, rows);
        Payers(articles, rows);
        Gaps(articles, rows);
        return new CompareTable([.. articles.Select(a => new ComparedCode(a.Code, a.Title))], rows);
    }

    private static void Overview(IReadOnlyList<Article> articles, List<CompareRow> rows)
    {
        rows.Add(Row(CompareRowKind.Title, null, articles.Select(a => Text(a.Title))));
        rows.Add(Row(CompareRowKind.Range, null, articles.Select(a => Text(CptRange.Of(a.Code).Label))));
        rows.Add(Row(CompareRowKind.KeyPayers, null, articles.Select(a => a.Payers.Count == 0 ? CompareCell.Absent : Text(string.Join(", ", a.Payers)))));
        rows.Add(Row(CompareRowKind.ServiceType, null, articles.Select(a => FactCell(a, a.ServiceType))));
        rows.Add(Row(CompareRowKind.SiteOfService, null, articles.Select(a => FactCell(a, a.SiteOfService))));
    }

    // The overview's facts are read from the article's own properties; a value there that says it is missing is a gap.
    private static CompareCell FactCell(Article article, string? value) =>
        value is null ? CompareCell.Absent
        : article.Facts.FirstOrDefault(f => ReferenceEquals(f.Value, value) || f.Value == value) is { DataMissing: true }
            ? new CompareCell(CompareCellState.DataMissing, value)
            : Text(value);

    private static void Facts(IReadOnlyList<Article> articles, List<CompareRow> rows)
    {
        // Keyed by label, letter case and blanks aside; the label is shown as first written.
        var labels = new List<(string Key, string Label)>();
        var byArticle = new List<Dictionary<string, List<Fact>>>();
        foreach (var article in articles)
        {
            var facts = new Dictionary<string, List<Fact>>();
            // Payers' facts have rows of their own; service type and site of service are in the overview.
            foreach (var fact in article.Facts.Where(f => f.Payer is null && f.Value != article.ServiceType && f.Value != article.SiteOfService))
            {
                var key = Key(fact.Label);
                if (!facts.TryGetValue(key, out var list))
                {
                    facts[key] = list = [];
                    if (!labels.Exists(l => l.Key == key))
                        labels.Add((key, fact.Label));
                }
                list.Add(fact);
            }
            byArticle.Add(facts);
        }
        foreach (var (key, label) in labels)
            rows.Add(Row(CompareRowKind.Fact, label, byArticle.Select(facts => facts.TryGetValue(key, out var list) ? Joined(list) : CompareCell.Absent)));
    }

    // A label written twice in one article (in two sections) shows both values.
    private static CompareCell Joined(List<Fact> facts) =>
        facts.All(f => f.DataMissing) ? new CompareCell(CompareCellState.DataMissing, facts[0].Value)
        : Text(string.Join(" · ", facts.Where(f => !f.DataMissing).Select(f => f.Value)));

    private static void Modifiers(IReadOnlyList<Article> articles, List<CompareRow> rows)
    {
        var tables = articles.Select(a => a.Modifiers
                .Where(m => !string.IsNullOrWhiteSpace(m.Code))
                .GroupBy(m => m.Code!.Trim().ToUpperInvariant())
                .ToDictionary(g => g.Key, g => g.First()))
            .ToList();
        var codes = tables.SelectMany(t => t.Keys).Distinct().Order(StringComparer.Ordinal);
        foreach (var code in codes)
        {
            rows.Add(Row(CompareRowKind.Modifier, code, tables.Select(t => t.TryGetValue(code, out var row)
                ? new CompareCell(CompareCellState.Value, Blank(row.Description), Blank(row.WhenToUse))
                : CompareCell.Absent)));
        }
    }

    private static void Payers(IReadOnlyList<Article> articles, List<CompareRow> rows)
    {
        // In the order first named, column by column: key payers, then sections the summary does not name.
        var payers = new List<(string Key, string Name)>();
        foreach (var article in articles)
        {
            foreach (var name in article.Payers.Concat(article.PayerSections.Select(p => p.Payer)))
            {
                var key = Key(name);
                if (!payers.Exists(p => p.Key == key))
                    payers.Add((key, name.Trim()));
            }
        }
        foreach (var (key, name) in payers)
        {
            var sections = articles.Select(a => a.PayerSections.FirstOrDefault(p => Key(p.Payer) == key)).ToList();
            var named = articles.Select(a => a.Payers.Any(p => Key(p) == key)).ToList();
            rows.Add(Row(CompareRowKind.PayerStance, name, sections.Select((section, i) =>
                section is not null ? new CompareCell(CompareCellState.Value, Stance: section.Stance)
                : named[i] ? new CompareCell(CompareCellState.DataMissing, Stance: CoverageStance.NoSection)
                : CompareCell.Absent)));
            // A field none of the sections states is left out: a row of blanks says nothing.
            var priorAuthorization = sections.Select(s => PayerFact(s, PayerFactLabels.IsPriorAuthorization)).ToList();
            if (priorAuthorization.Exists(c => c.State != CompareCellState.Absent))
                rows.Add(Row(CompareRowKind.PayerPriorAuthorization, name, priorAuthorization));
            var benchmark = sections.Select(s => PayerFact(s, PayerFactLabels.IsBenchmark)).ToList();
            if (benchmark.Exists(c => c.State != CompareCellState.Absent))
                rows.Add(Row(CompareRowKind.PayerBenchmark, name, benchmark));
        }
    }

    private static CompareCell PayerFact(PayerSection? section, Func<string, bool> isWanted) =>
        section?.Facts.Where(f => isWanted(f.Label)).ToList() is { Count: > 0 } facts ? Joined(facts) : CompareCell.Absent;

    private static void Gaps(IReadOnlyList<Article> articles, List<CompareRow> rows)
    {
        rows.Add(Row(CompareRowKind.DataGaps, null, articles.Select(a => Count(a.DataGaps.Count))));
        foreach (var kind in Enum.GetValues<DataGapKind>().Where(k => articles.Any(a => a.DataGaps.Any(g => g.Kind == k))))
        {
            rows.Add(Row(CompareRowKind.DataGapsOfKind, null, articles.Select(a => Count(a.DataGaps.Count(g => g.Kind == kind))))
                with { GapKind = kind });
        }
    }

    private static CompareCell Count(int count) => Text(count.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static CompareRow Row(CompareRowKind kind, string? label, IEnumerable<CompareCell> cells)
    {
        var list = cells.ToList();
        return new CompareRow(kind, label, list, list.Skip(1).Any(c => !Same(c, list[0])));
    }

    /// <summary>True when two cells say the same, letter case and runs of blanks aside.</summary>
    public static bool Same(CompareCell a, CompareCell b) =>
        a.State == b.State && a.Stance == b.Stance && Key(a.Value) == Key(b.Value) && Key(a.Note) == Key(b.Note);

    private static CompareCell Text(string value) => new(CompareCellState.Value, value);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Key(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return "";
        var sb = new StringBuilder(text.Length);
        var blank = false;
        foreach (var c in text.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                blank = true;
                continue;
            }
            if (blank)
                sb.Append(' ');
            blank = false;
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }
}
