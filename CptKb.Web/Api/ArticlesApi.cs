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

/// <summary>
/// The whole article and the source document it was read from; <c>status</c> is "current", or "withdrawn" (with
/// <c>withdrawnAt</c>) when its file is gone. <c>DataGapCount</c> counts <c>DataGaps</c>, the same gaps the list's
/// <c>dataGapCount</c> and every page count.
/// </summary>
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
    IReadOnlyList<PayerSectionResponse> PayerSections,
    IReadOnlyList<Section> Sections,
    IReadOnlyList<DataGap> DataGaps,
    int DataGapCount,
    IReadOnlyList<ParseWarning> Warnings,
    ArticleSource Source,
    string Status,
    DateTimeOffset? WithdrawnAt)
{
    /// <summary><see cref="Status"/> of an article read from a file in the import folder.</summary>
    public const string Current = "current";

    /// <summary><see cref="Status"/> of an article whose file is gone (kept, left out of lists and search).</summary>
    public const string Withdrawn = "withdrawn";

    public static ArticleResponse From(ArticleDocument document)
    {
        var a = document.Article;
        return new ArticleResponse(a.Code, a.Title, a.Summary, a.Payers, a.Facts, a.ServiceType, a.SiteOfService, a.ClinicalContext,
            a.Modifiers, [.. a.PayerSections.Select(p => PayerSectionResponse.From(a, p))], a.Sections, a.DataGaps, a.DataGaps.Count, a.Warnings,
            document.Source, document.WithdrawnAt is null ? Current : Withdrawn, document.WithdrawnAt);
    }
}

/// <summary>A payer's subsection: its stance, facts and prose.</summary>
public sealed record PayerSectionResponse(string Payer, string Anchor, CoverageStance Stance, bool DataMissing, IReadOnlyList<Fact> Facts, string Text)
{
    public static PayerSectionResponse From(Article article, PayerSection payer) =>
        new(payer.Payer, payer.Anchor, payer.Stance, payer.DataMissing, payer.Facts,
            article.SectionOf(payer) is { } section ? article.TextOf(section) : "");
}
