using CptKb.Core.Articles;
using CptKb.Core.Payers;

namespace CptKb.Core.Exports;

/// <summary>One code of an export of the code list: what its row on the codes page shows.</summary>
/// <param name="Code">The CPT code.</param>
/// <param name="Title">The article's title.</param>
/// <param name="Range">The label of the CPT range the code lies in.</param>
/// <param name="Payers">The key payers, in the order the summary names them.</param>
/// <param name="SiteOfService">The typical site of service as written; null when the article gives none.</param>
/// <param name="Modifiers">The modifiers its table lists, in table order.</param>
/// <param name="DataGapCount">Its data gaps.</param>
public sealed record CodeExportRow(
    string Code, string Title, string Range, IReadOnlyList<string> Payers, string? SiteOfService, IReadOnlyList<string> Modifiers, int DataGapCount);

/// <summary>One data gap of an export of the gaps list.</summary>
/// <param name="Code">The CPT code of the article.</param>
/// <param name="Title">The article's title.</param>
/// <param name="SectionPath">The full section path, e.g. "Payer Coverage &amp; Benchmarks &gt; Medicare".</param>
/// <param name="FactLabel">The label of the fact whose value is missing, when it is a fact's value.</param>
/// <param name="Payer">The payer whose section holds it, or the key payer without a section.</param>
/// <param name="Kind">What kind of gap it is.</param>
public sealed record GapExportRow(string Code, string Title, string SectionPath, string? FactLabel, string? Payer, DataGapKind Kind);

/// <summary>One modifier table row that lists a modifier, in an export of the modifier's codes.</summary>
/// <param name="Code">The CPT code of the article.</param>
/// <param name="Title">The article's title.</param>
/// <param name="Description">The row's description cell; null when the cell is empty.</param>
/// <param name="WhenToUse">The row's "when to use" cell; null when the cell is empty.</param>
public sealed record ModifierExportRow(string Code, string Title, string? Description, string? WhenToUse);

/// <summary>An export of the payer × code matrix.</summary>
/// <param name="Payers">The columns, as the matrix page shows them.</param>
/// <param name="UnknownPayers">Payer names asked for that no code names, as written.</param>
/// <param name="Rows">One row per code, in code order, a cell per column.</param>
public sealed record MatrixExport(IReadOnlyList<string> Payers, IReadOnlyList<string> UnknownPayers, IAsyncEnumerable<PayerMatrixRow> Rows);
