using CptKb.Core.Articles;
using CptKb.Core.Storage;

namespace CptKb.Web.Api;

/// <summary><c>/api/articles</c>: the stored articles, as a list and one by one.</summary>
public static class ArticlesApi
{
    private static readonly WholeNumberParameter Page =
        new("page", 1, int.MaxValue, 1, "The page to read, from 1 to the response's pageCount.");

    private static readonly WholeNumberParameter PageSize =
        new("pageSize", 1, PageRequest.MaxPageSize, PageRequest.DefaultPageSize, "Articles per page.");

    public static RouteGroupBuilder MapArticlesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/articles").WithTags("Articles");

        group.MapGet("/", async (string? page, string? pageSize, ArticleQueries articles, CancellationToken ct) =>
            {
                if (!Page.TryRead(page, out var pageValue, out var problem) || !PageSize.TryRead(pageSize, out var sizeValue, out problem))
                    return problem;
                var list = await articles.ListAsync(new PageRequest(pageValue, sizeValue), ct);
                return list.Page > list.PageCount ? Page.Problem(page, list.PageCount) : Results.Ok(list);
            })
            .WithName("ListArticles")
            .Produces<Paged<ArticleListItem>>()
            .WithWholeNumbers(Page, PageSize);

        group.MapGet("/{code}", async (string code, ArticleQueries articles, CancellationToken ct) =>
                await articles.GetAsync(code, ct) is { } document
                    ? Results.Ok(ArticleResponse.From(document))
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown code", detail: $"No article is stored for CPT code '{code}'."))
            .WithName("GetArticle")
            .Produces<ArticleResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }
}

/// <summary>The whole article and the source document it was read from.</summary>
public sealed record ArticleResponse(
    string Code,
    string Title,
    string Summary,
    IReadOnlyList<string> Payers,
    IReadOnlyList<Fact> Facts,
    string? ServiceType,
    string? SiteOfService,
    string? ClinicalContext,
    IReadOnlyList<Modifier> Modifiers,
    IReadOnlyList<PayerSection> PayerSections,
    IReadOnlyList<Section> Sections,
    IReadOnlyList<DataGap> DataGaps,
    IReadOnlyList<ParseWarning> Warnings,
    ArticleSource Source)
{
    public static ArticleResponse From(ArticleDocument document)
    {
        var a = document.Article;
        return new ArticleResponse(a.Code, a.Title, a.Summary, a.Payers, a.Facts, a.ServiceType, a.SiteOfService, a.ClinicalContext,
            a.Modifiers, a.PayerSections, a.Sections, a.DataGaps, a.Warnings, document.Source);
    }
}
