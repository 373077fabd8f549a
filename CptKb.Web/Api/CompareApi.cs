using System.Text.Json;
using CptKb.Core.Articles;
using CptKb.Core.Compare;
using CptKb.Web.Api.Exports;
using CptKb.Web.Components;
using CptKb.Web.Rendering;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CptKb.Web.Api;

/// <summary>
/// <c>/api/compare?codes=20955,20962</c>: two to six codes side by side, rows aligned by meaning, as JSON; and the same
/// as a file, <c>/api/export/compare.csv</c> and <c>/api/export/compare.json</c>. <c>diff=1</c> keeps only the rows
/// where the codes differ. A list that cannot be read (a piece that is not a code, a code named twice, fewer than two or
/// more than six codes, a <c>diff</c> that is not 0, 1, true or false) is a 400 naming <c>codes</c> or <c>diff</c>; a
/// code whose article is not stored, or is withdrawn, is a 404 naming the code.
/// </summary>
public static class CompareApi
{
    public static RouteGroupBuilder MapCompareApi(this IEndpointRouteBuilder endpoints)
    {
        var routes = endpoints.MapGroup("/api");
        routes.MapGet("/compare", async (string? codes, string? diff, CompareQueries compare, CancellationToken ct) =>
                await Read(codes, diff, compare, ct) is var (table, problem) && table is not null ? Results.Ok(table) : problem)
            .WithTags("Compare")
            .WithName("CompareCodes")
            .WithSummary("Two to six codes side by side: one row per title, range, fact, modifier, payer field and data gap count, each cell per code.")
            .Produces<CompareResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        routes.MapGet("/export/compare.csv", async (string? codes, string? diff, CompareQueries compare, TimeProvider clock, CancellationToken ct) =>
            {
                var (table, problem) = await Read(codes, diff, compare, ct);
                if (table is null)
                    return problem;
                return CsvDownload.Of("compare", clock.GetUtcNow(),
                    ["Group", "Row", .. table.Codes.Select(c => c.Code), "Differs"],
                    table.Rows.ToAsyncEnumerable(),
                    r => [r.Group, r.Name, .. r.Cells.Select(c => c.Text), r.Differs ? "yes" : "no"]);
            })
            .WithTags("Exports")
            .WithName("ExportCompare")
            .WithSummary("The comparison of two to six codes as CSV: a row per compared field, a column per code.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        routes.MapGet("/export/compare.json", async (string? codes, string? diff, CompareQueries compare, TimeProvider clock,
                IOptions<JsonOptions> json, CancellationToken ct) =>
            {
                var (table, problem) = await Read(codes, diff, compare, ct);
                if (table is null)
                    return problem;
                var name = CsvDownload.FileName("compare", clock.GetUtcNow())[..^".csv".Length] + ".json";
                return Results.File(JsonSerializer.SerializeToUtf8Bytes(table, json.Value.SerializerOptions), "application/json; charset=utf-8", name);
            })
            .WithTags("Exports")
            .WithName("ExportCompareJson")
            .WithSummary("The comparison of two to six codes as a JSON file, as /api/compare answers it.")
            .Produces<CompareResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return routes;
    }

    private static async Task<(CompareResponse? Table, IResult Problem)> Read(string? codes, string? diff, CompareQueries compare, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var onlyDifferences = false;
        if (!CompareRequest.TryReadDiff(diff, out onlyDifferences))
            errors["diff"] = [$"diff must be 1, 0, true or false; '{Short(diff ?? "")}' is not."];
        var request = CompareRequest.Parse(codes);
        var codeErrors = request.Problems.Select(CompareWords.Problem).ToList();
        if (request.Codes.Count < CompareRequest.MinCodes)
            codeErrors.Add($"codes must name {CompareRequest.MinCodes} to {CompareRequest.MaxCodes} CPT codes, separated by commas (codes=20955,20962).");
        if (codeErrors.Count > 0)
            errors["codes"] = [.. codeErrors];
        if (errors.Count > 0)
            return (null, Results.ValidationProblem(errors, detail: errors.First().Value[0], title: "Invalid query parameter"));

        var outcome = await compare.CompareAsync(request, ct);
        var missing = outcome.Problems.Where(p => p.Kind is CompareProblemKind.Unknown or CompareProblemKind.Withdrawn).ToList();
        if (missing.Count > 0 || outcome.Table is null)
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown code",
                detail: string.Join(" ", missing.Select(CompareWords.Problem)),
                extensions: new Dictionary<string, object?> { ["codes"] = missing.Select(p => p.Code).ToArray() }));
        }
        return (CompareResponse.Of(onlyDifferences ? outcome.Table.OnlyDifferences() : outcome.Table, onlyDifferences), Results.Empty);
    }

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "…";
}

/// <summary>A comparison as the API answers it.</summary>
/// <param name="Codes">The columns.</param>
/// <param name="OnlyDifferences">True when only the rows where the codes differ are given.</param>
/// <param name="Rows">The rows, group by group.</param>
public sealed record CompareResponse(IReadOnlyList<ComparedCodeResponse> Codes, bool OnlyDifferences, IReadOnlyList<CompareRowResponse> Rows)
{
    public static CompareResponse Of(CompareTable table, bool onlyDifferences) => new(
        [.. table.Codes.Select(c => new ComparedCodeResponse(c.Code, c.Title, Links.Article(c.Code)))],
        onlyDifferences,
        [.. table.Rows.Select(r => new CompareRowResponse(
            CompareWords.Group(r.Group), r.Kind, r.Label, CompareWords.Row(r), r.Differs, r.GapKind,
            [.. r.Cells.Select((c, i) => new CompareCellResponse(table.Codes[i].Code, c.State, c.Value, c.Note, c.Stance, CompareWords.Cell(r, c)))]))]);
}

/// <summary>A compared code, its title and its article's address.</summary>
public sealed record ComparedCodeResponse(string Code, string Title, string Link);

/// <summary>One row: its group and name as the page shows them, what it is, whether the codes differ, and a cell per code.</summary>
public sealed record CompareRowResponse(
    string Group, CompareRowKind Kind, string? Label, string Name, bool Differs, DataGapKind? GapKind, IReadOnlyList<CompareCellResponse> Cells);

/// <summary>One code's cell: what it holds, and as plain text (<see cref="Text"/>) as the page and the CSV say it.</summary>
public sealed record CompareCellResponse(string Code, CompareCellState State, string? Value, string? Note, CoverageStance? Stance, string Text);
