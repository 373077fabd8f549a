using CptKb.Core.Articles;
using CptKb.Core.Codes;
using CptKb.Core.Exports;
using CptKb.Core.Gaps;
using CptKb.Core.Modifiers;
using CptKb.Core.Storage;
using CptKb.Web.Rendering;

namespace CptKb.Web.Api.Exports;

/// <summary>
/// <c>/api/export/codes.csv</c>, <c>/api/export/gaps.csv</c> and <c>/api/export/modifiers/{m}.csv</c>, and their JSON
/// twins (<c>.json</c>, the same query parameters, the same answers to bad ones): the whole of a list, filtered by the
/// same query parameters as its page (a <c>page</c> parameter is accepted and ignored: the export holds every page).
/// </summary>
public static class ExportApi
{
    public static RouteGroupBuilder MapExportApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/export").WithTags("Exports");

        group.MapGet("/codes.csv", (string? payer, string? modifier, string? site, string? range, string? q, string? sort, string? desc,
                ExportQueries exports, TimeProvider clock, CancellationToken ct) =>
                ExportParameters.TryReadCodes(payer, modifier, site, range, q, sort, desc, out var request, out var problem)
                    ? CsvDownload.Of("codes", clock.GetUtcNow(), CodeColumns, exports.CodesAsync(request, ct), CodeCells)
                    : problem)
            .WithName("ExportCodes")
            .WithSummary("Every code that passes the code list's filters, as CSV.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem();

        group.MapGet("/codes.json", (string? payer, string? modifier, string? site, string? range, string? q, string? sort, string? desc,
                ExportQueries exports, TimeProvider clock, CancellationToken ct) =>
                ExportParameters.TryReadCodes(payer, modifier, site, range, q, sort, desc, out var request, out var problem)
                    ? JsonDownload.Of("codes", clock.GetUtcNow(), exports.CodesAsync(request, ct), CodeExportItem.Of)
                    : problem)
            .WithName("ExportCodesJson")
            .WithSummary("Every code that passes the code list's filters, as a JSON array (the CSV's columns, typed).")
            .Produces<CodeExportItem[]>(StatusCodes.Status200OK, "application/json")
            .ProducesValidationProblem();

        group.MapGet("/gaps.csv", (string? payer, string? section, string? range, ExportQueries exports, TimeProvider clock, CancellationToken ct) =>
                ExportParameters.TryReadGaps(payer, section, range, out var filter, out var problem)
                    ? CsvDownload.Of("gaps", clock.GetUtcNow(), GapColumns, exports.GapsAsync(filter, ct), GapCells)
                    : problem)
            .WithName("ExportGaps")
            .WithSummary("Every data gap that passes the gaps list's filters, as CSV.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem();

        group.MapGet("/gaps.json", (string? payer, string? section, string? range, ExportQueries exports, TimeProvider clock, CancellationToken ct) =>
                ExportParameters.TryReadGaps(payer, section, range, out var filter, out var problem)
                    ? JsonDownload.Of("gaps", clock.GetUtcNow(), exports.GapsAsync(filter, ct), GapExportItem.Of)
                    : problem)
            .WithName("ExportGapsJson")
            .WithSummary("Every data gap that passes the gaps list's filters, as a JSON array (the CSV's columns, typed).")
            .Produces<GapExportItem[]>(StatusCodes.Status200OK, "application/json")
            .ProducesValidationProblem();

        group.MapMatrixExport();

        group.MapGet("/modifiers/{modifier}.csv", async (string modifier, ModifierQueries modifiers, ExportQueries exports, TimeProvider clock, CancellationToken ct) =>
                await FindModifierAsync(modifier, modifiers, ct) is { } found
                    ? CsvDownload.Of("modifier-" + FileSafe(found), clock.GetUtcNow(), ModifierColumns, exports.ModifierAsync(found, ct), ModifierCells)
                    : UnknownModifier(modifier))
            .WithName("ExportModifier")
            .WithSummary("Every code whose modifier table lists the modifier, with the table's row, as CSV.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/modifiers/{modifier}.json", async (string modifier, ModifierQueries modifiers, ExportQueries exports, TimeProvider clock, CancellationToken ct) =>
                await FindModifierAsync(modifier, modifiers, ct) is { } found
                    ? JsonDownload.Of("modifier-" + FileSafe(found), clock.GetUtcNow(), exports.ModifierAsync(found, ct), ModifierExportItem.Of)
                    : UnknownModifier(modifier))
            .WithName("ExportModifierJson")
            .WithSummary("Every code whose modifier table lists the modifier, with the table's row, as a JSON array (the CSV's columns).")
            .Produces<ModifierExportItem[]>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    private static readonly string[] CodeColumns = ["Code", "Title", "Range", "Key payers", "Site of service", "Modifiers", "Data gaps"];

    private static string?[] CodeCells(CodeExportRow r) =>
        [r.Code, r.Title, r.Range, string.Join("; ", r.Payers), r.SiteOfService, string.Join("; ", r.Modifiers), Number(r.DataGapCount)];

    private static readonly string[] GapColumns = ["Code", "Title", "Section", "Fact", "Payer", "Kind", "What is missing"];

    private static string?[] GapCells(GapExportRow r) =>
        [r.Code, r.Title, r.SectionPath, r.FactLabel, r.Payer, DataGapWords.Label(r.Kind), DataGapWords.What(r.Kind, r.FactLabel, r.Payer, r.SectionPath)];

    private static readonly string[] ModifierColumns = ["Code", "Title", "Description", "When to use"];

    private static string?[] ModifierCells(ModifierExportRow r) => [r.Code, r.Title, r.Description, r.WhenToUse];

    // One small read first, so an unknown modifier is a 404 rather than an empty file: the modifier as tables write it, or null.
    private static async Task<string?> FindModifierAsync(string modifier, ModifierQueries modifiers, CancellationToken ct) =>
        (await modifiers.GetAsync(modifier, new PageRequest(1, 1), ct))?.Summary.Code;

    private static IResult UnknownModifier(string modifier) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown modifier",
            detail: $"No modifier table lists the modifier '{Short(modifier)}'.");

    private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // A modifier is letters and digits as tables write it; anything else stays out of a file name.
    private static string FileSafe(string text) => new([.. text.Where(char.IsAsciiLetterOrDigit)]);

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "…";
}

/// <summary>The filters of the code list and the gaps list, read from query parameters; an unknown value is a 400 naming it.</summary>
public static class ExportParameters
{
    /// <summary>The code list's filters and sort, as <c>/codes</c> reads them.</summary>
    public static bool TryReadCodes(string? payer, string? modifier, string? site, string? range, string? q, string? sort, string? desc,
        out CodeListRequest request, out IResult problem)
    {
        var errors = new Dictionary<string, string[]>();
        CheckRange(range, errors);
        if (!string.IsNullOrWhiteSpace(site) && SiteCategory.ByKey(site.Trim()) is null)
            errors["site"] = [$"site must be one of {string.Join(", ", SiteCategory.All.Select(c => c.Key))}; '{Short(site)}' is not."];
        // By name only, as the page's sort links write it: Enum.TryParse would also take "1" or "code,title".
        var sortValue = CodeSort.Code;
        CodeSort[] named = string.IsNullOrWhiteSpace(sort)
            ? [CodeSort.Code]
            : [.. Enum.GetValues<CodeSort>().Where(s => string.Equals(s.ToString(), sort.Trim(), StringComparison.OrdinalIgnoreCase))];
        if (named.Length == 1)
            sortValue = named[0];
        else
            errors["sort"] = [$"sort must be one of {string.Join(", ", Enum.GetNames<CodeSort>().Select(n => n.ToLowerInvariant()))}; '{Short(sort ?? "")}' is not."];
        var descending = false;
        if (!string.IsNullOrWhiteSpace(desc) && !bool.TryParse(desc.Trim(), out descending))
            errors["desc"] = [$"desc must be true or false; '{Short(desc)}' is not."];

        request = new CodeListRequest
        {
            Payer = Blank(payer), Modifier = Blank(modifier), Site = Blank(site), Range = Blank(range), Text = Blank(q),
            Sort = sortValue, Descending = descending,
        };
        return Answer(errors, out problem);
    }

    /// <summary>The gaps list's filters, as <c>/gaps</c> reads them.</summary>
    public static bool TryReadGaps(string? payer, string? section, string? range, out GapFilter filter, out IResult problem)
    {
        var errors = new Dictionary<string, string[]>();
        CheckRange(range, errors);
        filter = new GapFilter(Blank(payer), Blank(section), new CodeFilter(Blank(range)));
        return Answer(errors, out problem);
    }

    private static void CheckRange(string? range, Dictionary<string, string[]> errors)
    {
        if (!string.IsNullOrWhiteSpace(range) && CptRange.ByKey(range.Trim()) is null)
            errors["range"] = [$"range must be one of {string.Join(", ", CptRange.All.Select(r => r.Key).Append(CptRange.Other.Key))}; '{Short(range)}' is not."];
    }

    private static bool Answer(Dictionary<string, string[]> errors, out IResult problem)
    {
        problem = Results.Empty;
        if (errors.Count == 0)
            return true;
        problem = Results.ValidationProblem(errors, detail: errors.First().Value[0], title: "Invalid query parameter");
        return false;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "…";
}

/// <summary>A code of <c>/api/export/codes.json</c>: the columns of the CSV, typed.</summary>
public sealed record CodeExportItem(
    string Code, string Title, string Range, IReadOnlyList<string> KeyPayers, string? SiteOfService, IReadOnlyList<string> Modifiers, int DataGaps)
{
    public static CodeExportItem Of(CodeExportRow r) =>
        new(r.Code, r.Title, r.Range, r.Payers, r.SiteOfService, r.Modifiers, r.DataGapCount);
}

/// <summary>A data gap of <c>/api/export/gaps.json</c>: the columns of the CSV, its kind named as the article's <c>dataGaps</c> name it.</summary>
public sealed record GapExportItem(string Code, string Title, string Section, string? Fact, string? Payer, DataGapKind Kind, string WhatIsMissing)
{
    public static GapExportItem Of(GapExportRow r) =>
        new(r.Code, r.Title, r.SectionPath, r.FactLabel, r.Payer, r.Kind, DataGapWords.What(r.Kind, r.FactLabel, r.Payer, r.SectionPath));
}

/// <summary>A modifier table row of <c>/api/export/modifiers/{m}.json</c>: the columns of the CSV.</summary>
public sealed record ModifierExportItem(string Code, string Title, string? Description, string? WhenToUse)
{
    public static ModifierExportItem Of(ModifierExportRow r) => new(r.Code, r.Title, r.Description, r.WhenToUse);
}
