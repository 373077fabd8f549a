using CptKb.Core.Articles;
using CptKb.Core.Storage;

namespace CptKb.Core.Payers;

/// <summary>One payer in the list of payers.</summary>
/// <param name="Name">The payer's name (its most used spelling).</param>
/// <param name="ArticleCount">Articles that name it as a key payer or have a section for it.</param>
/// <param name="SectionCount">Payer sections written for it.</param>
/// <param name="SectionsWithDataMissing">Of those, the sections that say some of their data is not available.</param>
/// <param name="DataGapCount">Its data gaps: notes inside its sections, and the codes naming it as a key payer without a section for it.</param>
public sealed record PayerSummary(string Name, int ArticleCount, int SectionCount, int SectionsWithDataMissing, int DataGapCount);

/// <summary>What one payer's page shows: its figures and, a page at a time, its section for every code.</summary>
/// <param name="Summary">The payer's figures.</param>
/// <param name="Codes">The codes that name the payer or have a section for it, ordered by code.</param>
public sealed record PayerDetail(PayerSummary Summary, Paged<PayerCodeEntry> Codes);

/// <summary>What one article says about one payer.</summary>
/// <param name="Code">The CPT code.</param>
/// <param name="Title">The article's title.</param>
/// <param name="Section">The payer's section, or null when the payer is named as a key payer but has no section.</param>
/// <param name="Stance">The section's coverage position in a word; <see cref="CoverageStance.NoSection"/> without a section.</param>
/// <param name="Text">The section's prose (its subsections' included, its facts not) as Markdown; null without a section.</param>
public sealed record PayerCodeEntry(string Code, string Title, PayerSection? Section, CoverageStance Stance, string? Text = null);

/// <summary>What the payer × code matrix is asked for: its columns, the filters of its rows and one page of them.</summary>
public sealed record MatrixRequest
{
    /// <summary>Columns shown when none are chosen: the payers that the most codes name.</summary>
    public const int DefaultPayerCount = 5;

    /// <summary>Codes per page when none is asked for.</summary>
    public const int DefaultPageSize = 50;

    /// <summary>The most codes a page may hold.</summary>
    public const int MaxPageSize = 200;

    /// <summary>
    /// The payers to show as columns, by name in any letter case; null or empty for the
    /// <see cref="DefaultPayerCount"/> payers that the most codes name.
    /// </summary>
    public IReadOnlyList<string>? Payers { get; init; }

    /// <summary>Every payer as a column (<see cref="Payers"/> is then ignored).</summary>
    public bool AllPayers { get; init; }

    /// <summary>Which codes are rows: a CPT range and words of the code or title (<see cref="CodeFilter"/>).</summary>
    public CodeFilter Codes { get; init; } = CodeFilter.None;

    /// <summary>Only codes that have a section for this payer (any letter case).</summary>
    public string? SectionFor { get; init; }

    /// <summary>Which page of codes.</summary>
    public PageRequest Page { get; init; } = new(1, DefaultPageSize);
}

/// <summary>A payer that can be a column of the matrix.</summary>
/// <param name="Name">The payer's name (its most used spelling).</param>
/// <param name="CodeCount">Codes that name it as a key payer or have a section for it.</param>
public sealed record MatrixPayer(string Name, int CodeCount);

/// <summary>A page of the payer × code matrix: rows are codes, columns are payers.</summary>
/// <param name="Request">What was asked for.</param>
/// <param name="Choices">Every payer that can be a column, those that the most codes name first.</param>
/// <param name="Payers">The columns, in the order of <paramref name="Choices"/>.</param>
/// <param name="UnknownPayers">Names asked for (as columns or as <see cref="MatrixRequest.SectionFor"/>) that no code names, as written.</param>
/// <param name="Rows">One page of codes, ordered by code; none when <see cref="MatrixRequest.SectionFor"/> is unknown.</param>
public sealed record PayerMatrix(
    MatrixRequest Request, IReadOnlyList<MatrixPayer> Choices, IReadOnlyList<string> Payers, IReadOnlyList<string> UnknownPayers, Paged<PayerMatrixRow> Rows);

/// <summary>One code's row of the payer matrix.</summary>
/// <param name="Code">The CPT code.</param>
/// <param name="Title">The article's title.</param>
/// <param name="Cells">One cell per column of <see cref="PayerMatrix.Payers"/>; null where the article does not mention the payer.</param>
public sealed record PayerMatrixRow(string Code, string Title, IReadOnlyList<PayerMatrixCell?> Cells);

/// <summary>One payer's stance on one code.</summary>
/// <param name="Stance">The stance in a word; <see cref="CoverageStance.NoSection"/> for a key payer without a section.</param>
/// <param name="Anchor">The anchor of the payer's section on the article page, or null when it has none.</param>
public sealed record PayerMatrixCell(CoverageStance Stance, string? Anchor);
