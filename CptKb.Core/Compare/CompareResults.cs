using CptKb.Core.Articles;

namespace CptKb.Core.Compare;

/// <summary>The groups of rows of a comparison, in the order they are shown.</summary>
public enum CompareGroup
{
    /// <summary>Title, CPT range, key payers, service type, site of service.</summary>
    Overview,
    /// <summary>Every fact label found in any of the articles (payers' facts aside).</summary>
    Facts,
    /// <summary>The modifier grid: one row per modifier any of the tables lists.</summary>
    Modifiers,
    /// <summary>Each payer's stance, prior authorization and payment benchmark.</summary>
    Payers,
    /// <summary>How many data gaps, in all and of each kind.</summary>
    DataGaps,
}

/// <summary>What a row of a comparison is.</summary>
public enum CompareRowKind
{
    /// <summary>The article's title.</summary>
    Title,
    /// <summary>The CPT range the code lies in.</summary>
    Range,
    /// <summary>The key payers named in the summary.</summary>
    KeyPayers,
    /// <summary>The "Service type" fact.</summary>
    ServiceType,
    /// <summary>The typical site of service.</summary>
    SiteOfService,
    /// <summary>A fact; <see cref="CompareRow.Label"/> is its label.</summary>
    Fact,
    /// <summary>A modifier; <see cref="CompareRow.Label"/> is its code.</summary>
    Modifier,
    /// <summary>A payer's coverage stance; <see cref="CompareRow.Label"/> is the payer.</summary>
    PayerStance,
    /// <summary>What a payer says about prior authorization; <see cref="CompareRow.Label"/> is the payer.</summary>
    PayerPriorAuthorization,
    /// <summary>A payer's payment benchmark; <see cref="CompareRow.Label"/> is the payer.</summary>
    PayerBenchmark,
    /// <summary>How many data gaps the article has.</summary>
    DataGaps,
    /// <summary>How many data gaps of one kind (<see cref="CompareRow.GapKind"/>) the article has.</summary>
    DataGapsOfKind,
}

/// <summary>What a cell of a comparison holds.</summary>
public enum CompareCellState
{
    /// <summary>The article gives a value.</summary>
    Value,
    /// <summary>
    /// The article has nothing for this row: no such fact, a modifier its table does not list, a payer it does not name.
    /// Not a data gap: the publication does not speak of it at all.
    /// </summary>
    Absent,
    /// <summary>The article says its data is not available ("Data not available in the input."): a data gap.</summary>
    DataMissing,
}

/// <summary>One code's cell of a row.</summary>
/// <param name="State">Whether there is a value, nothing, or a data gap.</param>
/// <param name="Value">The value as written (a fact's value, a modifier's description, a count); null when there is none.</param>
/// <param name="Note">More about the value: a modifier's "when to use".</param>
/// <param name="Stance">A payer's stance, on a <see cref="CompareRowKind.PayerStance"/> row.</param>
public sealed record CompareCell(CompareCellState State, string? Value = null, string? Note = null, CoverageStance? Stance = null)
{
    /// <summary>Nothing for this row.</summary>
    public static CompareCell Absent { get; } = new(CompareCellState.Absent);
}

/// <summary>One row of a comparison: what it is and each code's cell, in the order of <see cref="CompareTable.Codes"/>.</summary>
/// <param name="Kind">What the row is.</param>
/// <param name="Label">The fact label, modifier code or payer the row is about; null for the overview and data gap rows.</param>
/// <param name="Cells">One cell per compared code.</param>
/// <param name="Differs">True when the cells do not all say the same (blanks and letter case aside).</param>
public sealed record CompareRow(CompareRowKind Kind, string? Label, IReadOnlyList<CompareCell> Cells, bool Differs)
{
    /// <summary>The kind of data gap a <see cref="CompareRowKind.DataGapsOfKind"/> row counts.</summary>
    public DataGapKind? GapKind { get; init; }

    /// <summary>The group the row is shown in.</summary>
    public CompareGroup Group => Kind switch
    {
        CompareRowKind.Fact => CompareGroup.Facts,
        CompareRowKind.Modifier => CompareGroup.Modifiers,
        CompareRowKind.PayerStance or CompareRowKind.PayerPriorAuthorization or CompareRowKind.PayerBenchmark => CompareGroup.Payers,
        CompareRowKind.DataGaps or CompareRowKind.DataGapsOfKind => CompareGroup.DataGaps,
        _ => CompareGroup.Overview,
    };
}

/// <summary>A compared code: its column's heading.</summary>
/// <param name="Code">The CPT code.</param>
/// <param name="Title">Its article's title.</param>
public sealed record ComparedCode(string Code, string Title);

/// <summary>Two to six articles side by side, rows aligned by meaning.</summary>
/// <param name="Codes">The columns, in the order asked for.</param>
/// <param name="Rows">The rows, group by group (<see cref="CompareGroup"/>).</param>
public sealed record CompareTable(IReadOnlyList<ComparedCode> Codes, IReadOnlyList<CompareRow> Rows)
{
    /// <summary>The same table with only the rows whose cells differ.</summary>
    public CompareTable OnlyDifferences() => this with { Rows = [.. Rows.Where(r => r.Differs)] };
}

/// <summary>Why a code asked for is not among the columns, or why there are too few columns.</summary>
public enum CompareProblemKind
{
    /// <summary>The text is not a CPT code.</summary>
    NotACode,
    /// <summary>The code is asked for more than once; it is compared once.</summary>
    Duplicate,
    /// <summary>More than <see cref="CompareRequest.MaxCodes"/> codes: this one is left out.</summary>
    TooMany,
    /// <summary>Fewer than <see cref="CompareRequest.MinCodes"/> codes can be compared.</summary>
    TooFew,
    /// <summary>No article with the code is stored.</summary>
    Unknown,
    /// <summary>The code's article is withdrawn.</summary>
    Withdrawn,
}

/// <summary>One problem with the codes asked for.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Code">The code (or the text that is not one) it is about; null for <see cref="CompareProblemKind.TooFew"/>.</param>
public sealed record CompareProblem(CompareProblemKind Kind, string? Code);

/// <summary>A comparison as asked for: the table of the codes that could be compared, and what was wrong with the others.</summary>
/// <param name="Request">The codes asked for, read.</param>
/// <param name="Table">The stored articles of the codes asked for, side by side; null when none is stored.</param>
/// <param name="Problems">Each problem, in the order the codes were given; empty when all is well.</param>
public sealed record CompareOutcome(CompareRequest Request, CompareTable? Table, IReadOnlyList<CompareProblem> Problems)
{
    /// <summary>The codes of the columns, in order.</summary>
    public IReadOnlyList<string> Codes => Table?.Codes.Select(c => c.Code).ToList() ?? [];
}
