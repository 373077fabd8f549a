using CptKb.Core.Articles;

namespace CptKb.Core.Payers;

/// <summary>
/// One article's payer sections aligned field by field, for comparing payers on one code: a pure function over the
/// parsed article. Rows come in a fixed order: the coverage stance, prior authorization, the payment benchmark, every
/// other fact label found in any chosen section (in order of first appearance), the section's text, and whether the
/// section says its data is missing.
/// </summary>
public static class PayerComparison
{
    /// <summary>
    /// The chosen payers' sections of <paramref name="article"/>, aligned. Names match the article's payers without
    /// regard to letter case; a key payer without a section is a column of data gaps; names the article does not know
    /// are returned in <see cref="PayerComparisonTable.Unknown"/>.
    /// </summary>
    /// <param name="article">The article.</param>
    /// <param name="chosen">The payers to compare, in the order wanted; null for every payer of the article.</param>
    public static PayerComparisonTable Align(Article article, IReadOnlyList<string>? chosen)
    {
        var available = PayersOf(article);
        var unknown = new List<string>();
        var columns = new List<string>();
        if (chosen is null)
        {
            columns.AddRange(available);
        }
        else
        {
            foreach (var name in chosen.Select(c => c.Trim()).Where(c => c.Length > 0))
            {
                var known = available.FirstOrDefault(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase));
                if (known is null)
                {
                    if (!unknown.Contains(name, StringComparer.OrdinalIgnoreCase))
                        unknown.Add(name);
                }
                else if (!columns.Contains(known))
                {
                    columns.Add(known);
                }
            }
        }

        var sections = columns.Select(payer => article.PayerSections.FirstOrDefault(s => string.Equals(s.Payer, payer, StringComparison.OrdinalIgnoreCase))).ToList();
        var rows = new List<PayerComparisonRow>
        {
            Row(PayerRowKind.Stance, null, sections, s => new PayerCell(PayerCellState.Given, Stance: s.Stance)),
            FactRow(PayerRowKind.PriorAuthorization, null, sections, PayerFactLabels.IsPriorAuthorization),
            FactRow(PayerRowKind.Benchmark, null, sections, PayerFactLabels.IsBenchmark),
        };
        var labels = sections.OfType<PayerSection>()
            .SelectMany(s => s.Facts)
            .Select(f => f.Label.Trim())
            .Where(l => !PayerFactLabels.IsPriorAuthorization(l) && !PayerFactLabels.IsBenchmark(l))
            .Distinct(StringComparer.OrdinalIgnoreCase);
        foreach (var label in labels)
            rows.Add(FactRow(PayerRowKind.Fact, label, sections, l => string.Equals(l.Trim(), label, StringComparison.OrdinalIgnoreCase)));
        rows.Add(Row(PayerRowKind.Text, null, sections, s =>
        {
            var text = article.SectionOf(s) is { } own ? article.TextOf(own) : "";
            return text.Length == 0 ? new PayerCell(PayerCellState.Absent) : new PayerCell(PayerCellState.Given, text);
        }));
        rows.Add(Row(PayerRowKind.DataMissing, null, sections, s => new PayerCell(PayerCellState.Given, Flag: s.DataMissing)));

        var anchors = sections.Select(s => s?.Anchor).ToList();
        return new PayerComparisonTable(
            article.Code, article.Title,
            [.. columns.Select((payer, i) => new PayerColumn(payer, anchors[i]))],
            rows, unknown, available);
    }

    /// <summary>Every payer the article has a section for, in document order, then its key payers without a section.</summary>
    public static IReadOnlyList<string> PayersOf(Article article)
    {
        var names = new List<string>();
        foreach (var name in article.PayerSections.Select(s => s.Payer).Concat(article.Payers))
        {
            if (!names.Contains(name, StringComparer.OrdinalIgnoreCase))
                names.Add(name);
        }
        return names;
    }

    private static PayerComparisonRow FactRow(PayerRowKind kind, string? label, IReadOnlyList<PayerSection?> sections, Func<string, bool> matches) =>
        Row(kind, label, sections, s =>
        {
            // The first fact with the label answers, as the section is read top down.
            var fact = s.Facts.FirstOrDefault(f => matches(f.Label));
            return fact is null ? new PayerCell(PayerCellState.Absent)
                : fact.DataMissing ? new PayerCell(PayerCellState.DataMissing, fact.Value)
                : new PayerCell(PayerCellState.Given, fact.Value, FactLabel: fact.Label);
        });

    private static PayerComparisonRow Row(PayerRowKind kind, string? label, IReadOnlyList<PayerSection?> sections, Func<PayerSection, PayerCell> cellOf)
    {
        var cells = sections.Select(s => s is null ? new PayerCell(PayerCellState.NoSection) : cellOf(s)).ToList();
        return new PayerComparisonRow(kind, label, cells, Differ(cells));
    }

    // Cells differ when their states, stances, flags or values (blanks around them aside) are not all the same; one
    // column alone differs from nothing.
    private static bool Differ(IReadOnlyList<PayerCell> cells) =>
        cells.Select(c => (c.State, c.Stance, c.Flag, Value: c.State == PayerCellState.Given ? c.Value?.Trim() : null)).Distinct().Count() > 1;
}

/// <summary>Payers' sections of one article, aligned in rows.</summary>
/// <param name="Code">The article's CPT code.</param>
/// <param name="Title">The article's title.</param>
/// <param name="Columns">The payers compared, in the order chosen.</param>
/// <param name="Rows">The aligned rows; each has one cell per column.</param>
/// <param name="Unknown">Names asked for that are neither a payer section nor a key payer of the article, as written.</param>
/// <param name="Available">Every payer of the article: those with a section in document order, then key payers without one.</param>
public sealed record PayerComparisonTable(
    string Code, string Title, IReadOnlyList<PayerColumn> Columns, IReadOnlyList<PayerComparisonRow> Rows,
    IReadOnlyList<string> Unknown, IReadOnlyList<string> Available);

/// <summary>One payer compared.</summary>
/// <param name="Payer">The payer's name as the article writes it.</param>
/// <param name="Anchor">The anchor of its section on the article page; null when the article names it without a section.</param>
public sealed record PayerColumn(string Payer, string? Anchor);

/// <summary>One field of the payers' sections, side by side.</summary>
/// <param name="Kind">Which field it is.</param>
/// <param name="Label">The fact's label as first written, for <see cref="PayerRowKind.Fact"/> rows; otherwise null.</param>
/// <param name="Cells">One cell per column.</param>
/// <param name="Differs">True when the payers do not all say the same.</param>
public sealed record PayerComparisonRow(PayerRowKind Kind, string? Label, IReadOnlyList<PayerCell> Cells, bool Differs);

/// <summary>What one payer's section says for one field.</summary>
/// <param name="State">Whether the section gives a value.</param>
/// <param name="Value">The fact's value or the section's text (Markdown, for <see cref="PayerRowKind.Text"/>).</param>
/// <param name="Stance">The coverage stance, in the <see cref="PayerRowKind.Stance"/> row.</param>
/// <param name="Flag">Whether the section says its data is missing, in the <see cref="PayerRowKind.DataMissing"/> row.</param>
/// <param name="FactLabel">The label of the fact that answered, when it was a fact.</param>
public sealed record PayerCell(PayerCellState State, string? Value = null, CoverageStance? Stance = null, bool? Flag = null, string? FactLabel = null);

/// <summary>The fields compared, in their order.</summary>
public enum PayerRowKind
{
    /// <summary>The coverage position in a word.</summary>
    Stance,
    /// <summary>The prior authorization fact.</summary>
    PriorAuthorization,
    /// <summary>The payment benchmark fact.</summary>
    Benchmark,
    /// <summary>Any other fact, by its label.</summary>
    Fact,
    /// <summary>The section's prose, its subsections' included.</summary>
    Text,
    /// <summary>Whether the section says some of its data is not available.</summary>
    DataMissing,
}

/// <summary>Whether a payer's section gives a field.</summary>
public enum PayerCellState
{
    /// <summary>The section gives it.</summary>
    Given,
    /// <summary>The section does not mention it.</summary>
    Absent,
    /// <summary>The section says its data is not available (a data gap).</summary>
    DataMissing,
    /// <summary>The payer is named as a key payer but has no section (a data gap).</summary>
    NoSection,
}
