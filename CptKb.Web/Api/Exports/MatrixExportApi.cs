using CptKb.Core.Articles;
using CptKb.Core.Exports;
using CptKb.Core.Payers;
using CptKb.Core.Storage;
using CptKb.Web.Components.Pages.Payers;

namespace CptKb.Web.Api.Exports;

/// <summary>
/// <c>/api/export/matrix.csv</c> and <c>/api/export/matrix.json</c>: the payer × code matrix with the matrix page's
/// columns and filters (<see cref="MatrixAddress"/>), over every code they keep (a <c>page</c> is ignored). A range, or
/// a payer that no code names, is a 400 naming the parameter and the value.
/// </summary>
public static class MatrixExportApi
{
    public static RouteGroupBuilder MapMatrixExport(this RouteGroupBuilder group)
    {
        group.MapGet("/matrix.csv", async (string? payers, string? range, string? payer, string? q, ExportQueries exports, TimeProvider clock, CancellationToken ct) =>
            {
                var (matrix, problem) = await ReadAsync(payers, range, payer, q, exports, ct);
                if (matrix is null)
                    return problem;
                return CsvDownload.Of("matrix", clock.GetUtcNow(),
                    ["Code", "Title", .. matrix.Payers],
                    matrix.Rows,
                    r => [r.Code, r.Title, .. r.Cells.Select(c => MatrixCells.ExportText(c?.Stance))]);
            })
            .WithName("ExportMatrix")
            .WithSummary("The payer × code matrix with the matrix page's payers and filters, every code they keep, as CSV: a column per payer, each cell the payer's stance.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem();

        group.MapGet("/matrix.json", async (string? payers, string? range, string? payer, string? q, ExportQueries exports, CancellationToken ct) =>
            {
                var (matrix, problem) = await ReadAsync(payers, range, payer, q, exports, ct);
                if (matrix is null)
                    return problem;
                return Results.Ok(new MatrixJson(matrix.Payers, Rows(matrix.Rows, ct)));
            })
            .WithName("ExportMatrixJson")
            .WithSummary("The payer × code matrix with the matrix page's payers and filters, every code they keep, as JSON.")
            .Produces<MatrixJson>()
            .ProducesValidationProblem();

        return group;
    }

    /// <summary>The matrix as JSON: the columns, then a row per code with a stance per column (null: not mentioned).</summary>
    public sealed record MatrixJson(IReadOnlyList<string> Payers, IAsyncEnumerable<MatrixJsonRow> Rows);

    /// <summary>One code's row: its stance for each payer of <see cref="MatrixJson.Payers"/>, in the same order.</summary>
    public sealed record MatrixJsonRow(string Code, string Title, IReadOnlyList<CoverageStance?> Stances);

    private static async IAsyncEnumerable<MatrixJsonRow> Rows(IAsyncEnumerable<PayerMatrixRow> rows,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var row in rows.WithCancellation(ct))
            yield return new MatrixJsonRow(row.Code, row.Title, [.. row.Cells.Select(c => c?.Stance)]);
    }

    private static async Task<(MatrixExport? Matrix, IResult Problem)> ReadAsync(
        string? payers, string? range, string? payer, string? q, ExportQueries exports, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!string.IsNullOrWhiteSpace(range) && CptRange.ByKey(range.Trim()) is null)
            errors["range"] = [$"range must be one of {string.Join(", ", CptRange.All.Select(r => r.Key).Append(CptRange.Other.Key))}; '{Short(range)}' is not."];
        if (errors.Count > 0)
            return (null, Problem(errors));

        var request = MatrixAddress.Read(payers, range, payer, q, new PageRequest());
        var matrix = await exports.MatrixAsync(request, ct);
        var columnsUnknown = matrix.UnknownPayers.Where(n => (request.Payers ?? []).Contains(n, StringComparer.OrdinalIgnoreCase)).ToList();
        var filterUnknown = request.SectionFor is { } sectionFor && matrix.UnknownPayers.Contains(sectionFor, StringComparer.OrdinalIgnoreCase);
        if (columnsUnknown.Count > 0)
            errors["payers"] = [$"No code names the payer{(columnsUnknown.Count == 1 ? "" : "s")} {string.Join(", ", columnsUnknown.Select(n => $"'{Short(n)}'"))}; payers takes payer names separated by commas, or '{MatrixAddress.AllPayers}'."];
        if (filterUnknown)
            errors["payer"] = [$"No code names the payer '{Short(request.SectionFor!)}'."];
        return errors.Count > 0 ? (null, Problem(errors)) : (matrix, Results.Empty);
    }

    private static IResult Problem(Dictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, detail: errors.First().Value[0], title: "Invalid query parameter");

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
