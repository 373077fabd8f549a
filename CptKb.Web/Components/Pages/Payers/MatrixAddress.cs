using CptKb.Core.Payers;
using CptKb.Core.Storage;

namespace CptKb.Web.Components.Pages.Payers;

/// <summary>
/// The matrix's selection as the address writes it, read alike by the page and its exports:
/// <c>?payers=Aetna,Medicare</c> (or <c>all</c>), <c>range</c> (a CPT range key), <c>payer</c> (codes with a section
/// for that payer), <c>q</c> (code or title words, as on <c>/codes</c>), <c>page</c> and <c>pageSize</c>.
/// </summary>
public static class MatrixAddress
{
    /// <summary>The <c>payers</c> value that asks for every payer as a column.</summary>
    public const string AllPayers = "all";

    /// <summary>The request the parameters ask for; blanks are no filter.</summary>
    public static MatrixRequest Read(string? payers, string? range, string? payer, string? q, PageRequest page)
    {
        var names = SplitPayers(payers);
        var all = names.Count == 1 && string.Equals(names[0], AllPayers, StringComparison.OrdinalIgnoreCase);
        return new MatrixRequest
        {
            Payers = all ? null : names,
            AllPayers = all,
            Codes = new CodeFilter(Blank(range), Text: Blank(q)),
            SectionFor = Blank(payer),
            Page = page,
        };
    }

    /// <summary>The <c>payers</c> value of <paramref name="request"/>: null for the default columns.</summary>
    public static string? PayersValue(MatrixRequest request) =>
        request.AllPayers ? AllPayers : request.Payers is { Count: > 0 } names ? string.Join(',', names) : null;

    /// <summary>The names of a <c>payers</c> value: separated by commas, blanks dropped, each trimmed.</summary>
    public static IReadOnlyList<string> SplitPayers(string? payers) =>
        string.IsNullOrWhiteSpace(payers)
            ? []
            : [.. payers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(n => n.Length > 100 ? n[..100] : n)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Take(100)];

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
