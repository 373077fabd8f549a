using CptKb.Core.Compare;

namespace CptKb.Web.Rendering;

/// <summary>The words of a comparison of codes: its groups, rows, cells and problems, as the page, the API and the CSV say them.</summary>
public static class CompareWords
{
    /// <summary>The mark of a row whose codes differ (shown beside its name, so it is not told by colour alone).</summary>
    public const string Differs = "Differs";

    /// <summary>A cell whose publication says nothing of the row.</summary>
    public const string Absent = "Not in this publication";

    /// <summary>A modifier the code's table does not list.</summary>
    public const string NotListed = "Not listed";

    /// <summary>The group's heading.</summary>
    public static string Group(CompareGroup group) => group switch
    {
        CompareGroup.Overview => "Overview",
        CompareGroup.Facts => "Facts",
        CompareGroup.Modifiers => "Modifiers",
        CompareGroup.Payers => "Payers",
        CompareGroup.DataGaps => "Data gaps",
        _ => group.ToString(),
    };

    /// <summary>The row's name: "Site of service", a fact's label, "Modifier 22", "Aetna: prior authorization".</summary>
    public static string Row(CompareRow row) => row.Kind switch
    {
        CompareRowKind.Title => "Title",
        CompareRowKind.Range => "CPT range",
        CompareRowKind.KeyPayers => "Key payers",
        CompareRowKind.ServiceType => "Service type",
        CompareRowKind.SiteOfService => "Site of service",
        CompareRowKind.Modifier => $"Modifier {row.Label}",
        CompareRowKind.PayerStance => $"{row.Label}: coverage",
        CompareRowKind.PayerPriorAuthorization => $"{row.Label}: prior authorization",
        CompareRowKind.PayerBenchmark => $"{row.Label}: payment benchmark",
        CompareRowKind.DataGaps => "Data gaps in all",
        CompareRowKind.DataGapsOfKind when row.GapKind is { } kind => DataGapWords.Label(kind),
        _ => row.Label ?? "",
    };

    /// <summary>The cell in plain text, as the CSV and the API write it.</summary>
    public static string Cell(CompareRow row, CompareCell cell) => cell.State switch
    {
        CompareCellState.Absent => row.Kind == CompareRowKind.Modifier ? NotListed : Absent,
        _ when cell.Stance is { } stance => StanceWords.Label(stance),
        CompareCellState.DataMissing => $"{DataGapWords.Term}: {cell.Value}",
        _ when row.Kind == CompareRowKind.Modifier =>
            string.Join(" — ", new[] { "Listed", cell.Value, cell.Note }.Where(p => !string.IsNullOrWhiteSpace(p))),
        _ => cell.Value ?? "",
    };

    /// <summary>A sentence naming the code a problem is about.</summary>
    public static string Problem(CompareProblem problem) => problem.Kind switch
    {
        CompareProblemKind.NotACode => $"“{problem.Code}” is not a CPT code (five characters, such as 20962 or 0042T).",
        CompareProblemKind.Duplicate => $"{problem.Code} is named more than once; it is compared once.",
        CompareProblemKind.TooMany => $"At most {CompareRequest.MaxCodes} codes can be compared at once; {problem.Code} is left out.",
        CompareProblemKind.TooFew => $"Choose at least {CompareRequest.MinCodes} codes to compare.",
        CompareProblemKind.Unknown => $"No article for CPT code {problem.Code} is stored.",
        CompareProblemKind.Withdrawn => $"The article for CPT code {problem.Code} is withdrawn: its file is no longer in the import folder.",
        _ => problem.Kind.ToString(),
    };
}
