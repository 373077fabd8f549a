using CptKb.Core.Import;

namespace CptKb.Web.Api;

/// <summary><c>/api/import</c>: what the last import run did, file by file. Reading only: imports run from the command line or at start-up.</summary>
public static class ImportApi
{
    public static RouteGroupBuilder MapImportApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/import").WithTags("Import");
        group.MapGet("/runs/latest", async (ImportRunQueries runs, CancellationToken ct) =>
                await runs.GetLatestAsync(ct) is { } run
                    ? Results.Ok(run)
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No import run yet", detail: "The knowledge base has not imported any folder yet."))
            .WithName("GetLatestImportRun")
            .Produces<ImportRunReport>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
