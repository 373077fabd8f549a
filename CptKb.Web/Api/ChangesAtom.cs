using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using CptKb.Core.Changes;
using CptKb.Core.Storage;
using CptKb.Web.Components;
using CptKb.Web.Rendering;

namespace CptKb.Web.Api;

/// <summary>
/// <c>/changes.atom</c>: the change feed as Atom 1.0, newest first, with the filters of <c>/changes</c> as query
/// parameters (<c>payer</c>, <c>kind</c>, <c>range</c>, <c>since</c>, <c>until</c>, <c>code</c>), so readers can
/// subscribe to what they watch.
/// </summary>
public static class ChangesAtom
{
    /// <summary>Entries in the feed: the newest changes; older ones are on <c>/changes</c>.</summary>
    public const int Entries = 200;

    public static RouteHandlerBuilder MapChangesAtom(this IEndpointRouteBuilder routes) =>
        routes.MapGet(Links.ChangesAtom, async (HttpContext http, string? since, string? until, string? payer, string? kind, string? range, string? code,
                ChangeQueries changes, CancellationToken ct) =>
            {
                if (!ChangeFeedParameters.TryRead(since, until, payer, kind, range, code, out var filter, out var problem))
                    return problem;
                var page = await changes.FeedAsync(filter, new PageRequest(1, Entries), ct);
                var origin = $"{http.Request.Scheme}://{http.Request.Host}";
                var xml = Write(Build(page.Items, origin, http.Request.QueryString.Value ?? ""));
                return Results.Text(xml, "application/atom+xml; charset=utf-8", Encoding.UTF8);
            })
            .WithName("ChangesAtom")
            .WithTags("Changes")
            .WithSummary("The change feed as Atom 1.0, with the filters of /api/changes.")
            .Produces(StatusCodes.Status200OK, contentType: "application/atom+xml")
            .ProducesValidationProblem();

    /// <summary>The feed of these changes, with links made absolute from <paramref name="origin"/>.</summary>
    public static SyndicationFeed Build(IReadOnlyList<FeedChange> items, string origin, string query)
    {
        var updated = items.Count > 0 ? items[0].ChangedAt : DateTimeOffset.UnixEpoch;
        var feed = new SyndicationFeed("CptKb: what changed", "Changes to CPT code articles, newest first.",
            new Uri(origin + Links.Changes + query), "urn:cptkb:changes" + query, updated)
        {
            Items = [.. items.Select(c => Entry(c, origin))],
        };
        feed.Links.Add(new SyndicationLink(new Uri(origin + Links.ChangesAtom + query), "self", null, "application/atom+xml", 0));
        return feed;
    }

    private static SyndicationItem Entry(FeedChange c, string origin)
    {
        var link = new Uri(origin + Links.Diff(c.Code, c.Revision > 1 ? c.Revision - 1 : null, c.Revision));
        var item = new SyndicationItem($"CPT {c.Code}: {ChangeWords.Phrase(c.Change)}", Content(c), link,
            $"urn:cptkb:change:{c.Id}", c.ChangedAt);
        item.Categories.Add(new SyndicationCategory(ChangeWords.Slug(c.Change.Kind), null, ChangeWords.Label(c.Change.Kind)));
        if (c.Change.Payer is { } payer)
            item.Categories.Add(new SyndicationCategory(payer, "payer", payer));
        return item;
    }

    private static string Content(FeedChange c)
    {
        var sb = new StringBuilder();
        sb.Append(ChangeWords.Label(c.Change.Kind)).Append(" in revision ").Append(c.Revision);
        if (c.Change.Section is { } section)
            sb.Append(" (").Append(section).Append(')');
        sb.Append('.');
        if (ChangeWords.Value(c.Change, c.Change.Before) is { Length: > 0 } before)
            sb.Append("\nBefore: ").Append(before);
        if (ChangeWords.Value(c.Change, c.Change.After) is { Length: > 0 } after)
            sb.Append("\nAfter: ").Append(after);
        return sb.ToString();
    }

    private static string Write(SyndicationFeed feed)
    {
        var sb = new StringBuilder();
        using (var writer = XmlWriter.Create(sb, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
            new Atom10FeedFormatter(feed).WriteTo(writer);
        // StringBuilder output declares UTF-16; the response is UTF-8.
        return sb.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }
}
