using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace CptKb.Web.Hosting;

/// <summary>
/// Per-client limits on the JSON API (<c>Kb:RateLimit:ApiPerMinute</c>, default 600) and on search
/// (<c>Kb:RateLimit:SearchPerMinute</c>, default 300), which holds for <c>/api/search</c>, for GET <c>/search</c> (the
/// results page as first served) and, per circuit, for searches typed into the app bar or run on the interactive results
/// page (<see cref="CircuitSearchLimiter"/>). Over the limit: 429 with Retry-After over HTTP, a plain sentence in the page.
/// </summary>
internal static class ApiRateLimits
{
    public const string Api = "api";
    public const string Search = "search";

    /// <summary>The path of the results page, limited like <c>/api/search</c>.</summary>
    public const string SearchPage = "/search";

    public static IServiceCollection AddApiRateLimits(this IServiceCollection services, KbOptions.RateLimitSettings settings)
    {
        var (apiPerMinute, searchPerMinute) = (settings.ApiPerMinute, settings.SearchPerMinute);
        services.AddScoped(_ => new CircuitSearchLimiter(searchPerMinute));
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(Api, context => PerClient(context, apiPerMinute));
            options.AddPolicy(Search, context => PerClient(context, searchPerMinute));
            // The results page is a Razor component route, not an endpoint a policy can be put on: a global limiter that
            // lets everything else through.
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HttpMethods.IsGet(context.Request.Method) && context.Request.Path.StartsWithSegments(SearchPage)
                    ? PerClient(context, searchPerMinute)
                    : RateLimitPartition.GetNoLimiter(""));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(10);
                var seconds = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                context.HttpContext.Response.Headers.RetryAfter = seconds;
                if (context.HttpContext.Request.Path.StartsWithSegments(SearchPage))
                {
                    await Results.Text(TooManySearches(retryAfter), "text/plain; charset=utf-8", statusCode: StatusCodes.Status429TooManyRequests)
                        .ExecuteAsync(context.HttpContext);
                    return;
                }
                await Results.Problem(
                        statusCode: StatusCodes.Status429TooManyRequests,
                        title: "Too many requests",
                        detail: $"Try again in {seconds} seconds.")
                    .ExecuteAsync(context.HttpContext);
            };
        });
    }

    /// <summary>What a reader is told when their searches are over the limit.</summary>
    public static string TooManySearches(TimeSpan retryAfter) =>
        $"Too many searches; try again in {Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture)} s.";

    /// <summary>A bucket of a sixth of the minute's requests, refilled every 10 s: bursts are allowed, a steady flood is not.</summary>
    public static TokenBucketRateLimiterOptions Bucket(int perMinute) => new()
    {
        TokenLimit = Math.Max(1, perMinute / 6),
        TokensPerPeriod = Math.Max(1, perMinute / 6),
        ReplenishmentPeriod = TimeSpan.FromSeconds(10),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static RateLimitPartition<string> PerClient(HttpContext context, int perMinute) =>
        RateLimitPartition.GetTokenBucketLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => Bucket(perMinute));
}
