using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace CptKb.Web.Hosting;

/// <summary>
/// Answers 404 to an address with a dot segment ("." or "..", written plainly or percent-encoded, as in
/// <c>/payers/%2e%2e</c>). Kestrel decodes and removes dot segments before routing, so without this
/// <c>/payers/%2e%2e</c> would be served the home page with 200, as if ".." were a payer with a page.
/// Browsers resolve dot segments before they send an address, so only hand-made requests carry them.
/// </summary>
public static class DotSegments
{
    public static IApplicationBuilder UseDotSegmentRefusal(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            // A re-executed not-found or error page keeps the original request target: let it render.
            if (context.Features.Get<IStatusCodeReExecuteFeature>() is null
                && context.Features.Get<IHttpRequestFeature>()?.RawTarget is { } target
                && HasDotSegment(target))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                // The address as sent decides: /api/%2e%2e/health is an API request, though it was resolved to /health.
                if (target.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
                {
                    await Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                        detail: "An address with a '.' or '..' segment names no record.").ExecuteAsync(context);
                }
                return;
            }
            await next(context);
        });

    /// <summary>True when the path of <paramref name="target"/> (a request target, query and all) has a "." or ".." segment.</summary>
    public static bool HasDotSegment(string target)
    {
        var path = target.AsSpan();
        var query = path.IndexOfAny('?', '#');
        if (query >= 0)
            path = path[..query];
        // An absolute-form target ("http://host/path") is rare but allowed: look at its path only.
        var scheme = path.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            var afterHost = path[(scheme + 3)..].IndexOf('/');
            path = afterHost < 0 ? [] : path[(scheme + 3 + afterHost)..];
        }
        foreach (var range in path.Split('/'))
        {
            var segment = path[range];
            if (segment.Length is 0 or > 9 || segment.IndexOf('.') < 0 && segment.IndexOf('%') < 0)
                continue;
            var decoded = Uri.UnescapeDataString(segment.ToString());
            if (decoded is "." or "..")
                return true;
        }
        return false;
    }
}
