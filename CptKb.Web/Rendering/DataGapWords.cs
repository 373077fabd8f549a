using CptKb.Core.Articles;

namespace CptKb.Web.Rendering;

/// <summary>
/// The one word for missing data and what it means, in the words every page, chip and count uses: a "data gap" is any of
/// the <see cref="DataGapKind"/>s, and every count of data gaps counts exactly those.
/// </summary>
public static class DataGapWords
{
    /// <summary>The word, as a mark or a heading.</summary>
    public const string Term = "Data gap";

    /// <summary>What the word means, said once where gaps are first shown (the legend).</summary>
    public const string Definition =
        "A data gap is a place where a publication gives no data: a “Data not available” note, an empty cell of its " +
        "modifier table, or a key payer it names without a section for that payer.";

    /// <summary>"1 data gap", "7 data gaps".</summary>
    public static string Count(int count) => count == 1 ? "1 data gap" : $"{count:N0} data gaps";

    /// <summary>The kind in a few words, e.g. "Empty table cell".</summary>
    public static string Label(DataGapKind kind) => kind switch
    {
        DataGapKind.EmptyTableCell => "Empty table cell",
        DataGapKind.NoPayerSection => "No payer section",
        _ => "Not-available note",
    };

    /// <summary>A sentence for tooltips and screen readers.</summary>
    public static string Describe(DataGapKind kind) => kind switch
    {
        DataGapKind.EmptyTableCell => "Data gap: this cell of the modifier table is empty",
        DataGapKind.NoPayerSection => "Data gap: named as a key payer, but the publication has no section for it",
        _ => "Data gap: the publication says this data is not available",
    };

    /// <summary>What is missing, in a line: the fact's label, the table column, the payer, or the section.</summary>
    public static string What(DataGap gap) => What(gap.Kind, gap.FactLabel, gap.Payer, gap.SectionPath);

    /// <summary>See <see cref="What(DataGap)"/>, from a gap's parts.</summary>
    public static string What(DataGapKind kind, string? factLabel, string? payer, string sectionPath) => kind switch
    {
        DataGapKind.EmptyTableCell => $"Modifier table: {factLabel ?? "a cell"}",
        DataGapKind.NoPayerSection => $"{payer}: no section",
        _ when factLabel is not null => factLabel,
        _ when payer is not null => $"{payer}: section",
        _ => sectionPath,
    };
}
