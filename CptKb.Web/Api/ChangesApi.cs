using System.Globalization;
using CptKb.Core.Articles;
using CptKb.Core.Changes;
using CptKb.Core.Storage;
using CptKb.Web.Rendering;

namespace CptKb.Web.Api;

/// <summary>
/// What changed: <c>/api/articles/{code}/revisions</c> (an article's history), <c>/api/articles/{code}/changes</c> (two
/// revisions compared) and <c>/api/changes</c> (the change feed across the knowledge base).
/// </summary>
public static class ChangesApi
{
    private static readonly WholeNumberParameter From =
        new("from", 1, int.MaxValue, 0, "The older revision's number; default: the one before 'to'.");

    private static readonly WholeNumberParameter To =
        new("to", 1, int.MaxValue, 0, "The newer revision's number; default: the latest.");

    private static readonly WholeNumberParameter Page =
        new("page", 1, int.MaxValue, 1, "The page to read, from 1 to the response's pageCount.");

    private static readonly WholeNumberParameter PageSize =
        new("pageSize", 1, PageRequest.MaxPageSize, PageRequest.DefaultPageSize, "Changes per page.");

    public static RouteGroupBuilder MapChangesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api").WithTags("Changes");

        group.MapGet("/articles/{code}/revisions", async (string code, ChangeQueries changes, CancellationToken ct) =>
                await changes.RevisionsAsync(code, ct) is { Count: > 0 } revisions
                    ? Results.Ok(revisions.Select(RevisionResponse.From).ToList())
                    : UnknownCode(code))
            .WithName("ListRevisions")
            .WithSummary("Every revision of an article, newest first.")
            .Produces<List<RevisionResponse>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/articles/{code}/changes", async (string code, string? from, string? to, ChangeQueries changes, CancellationToken ct) =>
            {
                if (!From.TryRead(from, out var fromValue, out var problem) || !To.TryRead(to, out var toValue, out problem))
                    return problem;
                var (outcome, comparison) = await changes.CompareAsync(code, Given(from, fromValue), Given(to, toValue), ct);
                if (outcome == ComparisonOutcome.NoArticle)
                    return UnknownCode(code);
                if (comparison is null)
                {
                    var latest = (await changes.LatestAsync(code, ct))?.Number ?? 0;
                    var wrong = Given(from, fromValue) is { } f && f > latest ? From : To;
                    return wrong.Problem(wrong == From ? from : to, latest);
                }
                return Results.Ok(ComparisonResponse.Of(comparison));
            })
            .WithName("CompareRevisions")
            .WithSummary("What changed between two revisions of an article; by default the latest and the one before it.")
            .Produces<ComparisonResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithWholeNumbers(From, To);

        group.MapGet("/changes", async (string? since, string? until, string? payer, string? kind, string? range, string? page, string? pageSize,
                ChangeQueries changes, CancellationToken ct) =>
            {
                if (!Page.TryRead(page, out var pageValue, out var problem) || !PageSize.TryRead(pageSize, out var sizeValue, out problem))
                    return problem;
                if (!ChangeFeedParameters.TryRead(since, until, payer, kind, range, null, out var filter, out problem))
                    return problem;
                var list = await changes.FeedAsync(filter, new PageRequest(pageValue, sizeValue), ct);
                if (list.Page > list.PageCount)
                    return Page.Problem(page, list.PageCount);
                return Results.Ok(new Paged<FeedChangeResponse>([.. list.Items.Select(FeedChangeResponse.From)], list.Total, list.Page, list.PageSize));
            })
            .WithName("ListChanges")
            .WithSummary("Every change across the knowledge base, newest first, paged.")
            .Produces<Paged<FeedChangeResponse>>()
            .WithWholeNumbers(Page, PageSize);

        return group;
    }

    private static int? Given(string? text, int value) => string.IsNullOrEmpty(text) ? null : value;

    private static IResult UnknownCode(string code) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown code", detail: $"No article is stored for CPT code '{code}'.");
}

/// <summary>The change feed's filters, read from query parameters the same way for the API, the page and the Atom feed.</summary>
public static class ChangeFeedParameters
{
    /// <summary>Reads the filters; false with a 400 problem naming the parameter when one is not understood.</summary>
    public static bool TryRead(string? since, string? until, string? payer, string? kind, string? range, string? code,
        out ChangeFilter filter, out IResult problem)
    {
        filter = ChangeFilter.None;
        problem = Results.Empty;
        var errors = new Dictionary<string, string[]>();
        var sinceValue = ReadTime("since", since, errors);
        var untilValue = ReadTime("until", until, errors);
        var kinds = new List<ChangeKind>();
        foreach (var part in (kind ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (ChangeWords.TryParse(part, out var parsed))
                kinds.Add(parsed);
            else
                errors["kind"] = [$"kind must be one or more of {string.Join(", ", ChangeWords.Kinds.Select(ChangeWords.Slug))}, separated by commas; '{Short(part)}' is not."];
        }
        if (!string.IsNullOrWhiteSpace(range) && CptRange.ByKey(range.Trim()) is null)
            errors["range"] = [$"range must be one of {string.Join(", ", CptRange.All.Select(r => r.Key).Append(CptRange.Other.Key))}; '{Short(range)}' is not."];
        if (errors.Count > 0)
        {
            problem = Results.ValidationProblem(errors, detail: errors.First().Value[0], title: "Invalid query parameter");
            return false;
        }
        filter = new ChangeFilter(string.IsNullOrWhiteSpace(payer) ? null : payer.Trim(), kinds, string.IsNullOrWhiteSpace(range) ? null : range.Trim(),
            sinceValue, untilValue, string.IsNullOrWhiteSpace(code) ? null : code.Trim());
        return true;
    }

    private static DateTimeOffset? ReadTime(string name, string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        // ISO 8601: a date, or a date and time with or without an offset (without one, UTC).
        string[] formats = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
            "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];
        if (DateTimeOffset.TryParseExact(text.Trim(), formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
            return value;
        errors[name] = [$"{name} must be an ISO 8601 date or time, e.g. 2026-11-30 or 2026-11-30T08:00:00Z; '{Short(text)}' is not."];
        return null;
    }

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "…";
}

/// <summary>One revision of an article's history.</summary>
public sealed record RevisionResponse(
    int Revision, DateTimeOffset ImportedAt, int? ImportRunId, string FileName, string Sha256, string? Event, int ChangeCount, string Summary)
{
    public static RevisionResponse From(RevisionInfo r) =>
        new(r.Number, r.RecordedAt, r.ImportRunId, r.FileName, r.Sha256, r.Event is { } e ? ChangeWords.Slug(e) : null, r.ChangeCount,
            ChangeWords.Summary(r.Changes, r.ChangeCount));
}

/// <summary>One change: what, where, about which payer, before and after.</summary>
public sealed record ChangeResponse(string Kind, string? Section, string? Payer, string? Label, string? Cell, string? Before, string? After, string Summary)
{
    public static ChangeResponse From(ArticleChange c) =>
        new(ChangeWords.Slug(c.Kind), c.Section, c.Payer, c.Label, c.Cell?.ToString(), c.Before, c.After, ChangeWords.Phrase(c));
}

/// <summary>Two revisions of an article compared.</summary>
public sealed record ComparisonResponse(string Code, int? From, int To, int Latest, IReadOnlyList<ChangeResponse> Changes)
{
    public static ComparisonResponse Of(RevisionComparison c) =>
        new(c.Code, c.From?.Number, c.To.Number, c.Latest, [.. c.Changes.Select(ChangeResponse.From)]);
}

/// <summary>One change of the feed: the article, the revision that brought it, when, and the change (texts as excerpts).</summary>
public sealed record FeedChangeResponse(long Id, string Code, int Revision, DateTimeOffset ChangedAt, ChangeResponse Change)
{
    public static FeedChangeResponse From(FeedChange c) => new(c.Id, c.Code, c.Revision, c.ChangedAt, ChangeResponse.From(c.Change));
}
