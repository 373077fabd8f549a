using CptKb.Core.Search;
using CptKb.Core.Storage;
using CptKb.Web.Components;

namespace CptKb.Web.Api;

/// <summary><c>/api/search</c>: the search box's query language over every article, section by section.</summary>
public static class SearchApi
{
    private static readonly WholeNumberParameter Page =
        new("page", 1, SearchOptions.MaxDepth, 1, "Which page of articles, from 1.");

    private static readonly WholeNumberParameter PageSize =
        new("pageSize", 1, SearchOptions.MaxPageSize, SearchOptions.DefaultPageSize, "Articles per page.");

    public static RouteGroupBuilder MapSearchApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/search").WithTags("Search");
        // The token is the request's: a client that goes away stops the search and the database statement it runs.
        group.MapGet("/", async (string? q, string? payer, string? page, string? pageSize, SearchService search, CancellationToken ct) =>
            {
                // q over 500 characters is cut, not refused: any text is a query.
                if (!Page.TryRead(page, out var pageValue, out var problem) || !PageSize.TryRead(pageSize, out var sizeValue, out problem))
                    return problem;
                var request = new PageRequest(pageValue, sizeValue);
                var options = new SearchOptions { Payer = payer, Page = request };
                return Results.Ok(SearchResponse.From(await search.SearchAsync(q, options, ct), request));
            })
            .WithName("Search")
            .Produces<SearchResponse>()
            .WithWholeNumbers(Page, PageSize);
        return group;
    }
}

/// <summary>A page of search results: hits are sections, grouped by article (an article's sections are adjacent, best first).</summary>
/// <param name="Query">The query as read, after the 500-character cut.</param>
/// <param name="Total">How many articles match.</param>
/// <param name="TotalIsEstimate">True when the total and facet counts are scaled up from a share of a very large match.</param>
/// <param name="Hits">The sections of this page's articles.</param>
/// <param name="Facets">Counts by payer, section kind and code range.</param>
/// <param name="DidYouMean">A corrected query when this one finds little because of a misspelled word; else null.</param>
/// <param name="AcrossSections">True when no single section holds every word and the codes hold them across their sections.</param>
/// <param name="TimedOut">
/// True when the search ran out of its time budget and these are the results found in time: fewer than match, unranked,
/// or with empty snippets.
/// </param>
/// <param name="ExactCode">The stored code the query is, when it is nothing but one code that has an article; else null.</param>
/// <param name="Page">The page of articles, from 1.</param>
/// <param name="PageSize">Articles per page.</param>
/// <param name="PageCount">Pages of articles in all (at least 1).</param>
public sealed record SearchResponse(
    string Query, int Total, bool TotalIsEstimate, IReadOnlyList<SearchHitResponse> Hits, SearchFacets Facets, string? DidYouMean,
    bool AcrossSections, bool TimedOut, string? ExactCode, int Page, int PageSize, int PageCount)
{
    public static SearchResponse From(SearchResults results, PageRequest page) => new(
        results.Query,
        results.Total,
        results.TotalIsEstimate,
        [.. results.Hits.Select(h => new SearchHitResponse(h.Code, h.Title, h.Section, h.Anchor, h.Snippet.Text,
            [.. h.Snippet.Highlights.Select(r => new[] { r.Start, r.Length })], Significant(h.Score),
            Links.Article(h.Code, h.Anchor, string.Join(' ', results.HighlightWords))))],
        results.Facets,
        results.DidYouMean,
        results.AcrossSections,
        results.TimedOut,
        results.ExactCode,
        page.Page,
        page.PageSize,
        new Paged<SearchHitResponse>([], results.Total, page.Page, page.PageSize).PageCount);

    // bm25 scores of words found in most sections are tiny (FTS5 floors a word's weight at 1e-6): rounding them to a
    // few decimals made every score 0. Six significant digits keep their order.
    private static double Significant(double score) =>
        double.Parse(score.ToString("G6", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>One matching section.</summary>
/// <param name="Code">The article's CPT code.</param>
/// <param name="Title">The article's title, plain text.</param>
/// <param name="Section">The section's heading path, plain text.</param>
/// <param name="Anchor">The section's URL fragment.</param>
/// <param name="Snippet">Plain text: the section's text around the matches.</param>
/// <param name="Highlights">Where the matches are in <paramref name="Snippet"/>: [start, length] pairs, in order.</param>
/// <param name="Score">Higher is better, within this response.</param>
/// <param name="Url">The link to the section, with the words to highlight.</param>
public sealed record SearchHitResponse(
    string Code, string Title, string Section, string Anchor, string Snippet, IReadOnlyList<int[]> Highlights, double Score, string Url);
