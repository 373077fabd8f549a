using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace CptKb.Web.Hosting;

/// <summary>
/// Per-client limits on the JSON API (<c>Kb:RateLimit:ApiPerMinute</c>, default 600; search has its own
/// <c>Kb:RateLimit:SearchPerMinute</c>, default 300). Over the limit: 429 with Retry-After.
/// </summary>
internal static class ApiRateLimits
{
    public const string Api = "api";
    public const string Search = "search";

    public static IServiceCollection AddApiRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var apiPerMinute = configuration.GetValue("Kb:RateLimit:ApiPerMinute", 600);
        var searchPerMinute = configuration.GetValue("Kb:RateLimit:SearchPerMinute", 300);
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(Api, context => PerClient(context, apiPerMinute));
            options.AddPolicy(Search, context => PerClient(context, searchPerMinute));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(10);
                context.HttpContext.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                await Results.Problem(
                        statusCode: StatusCodes.Status429TooManyRequests,
                        title: "Too many requests",
                        detail: $"Try again in {Math.Ceiling(retryAfter.TotalSeconds)} seconds.")
                    .ExecuteAsync(context.HttpContext);
            };
        });
    }

    private static RateLimitPartition<string> PerClient(HttpContext context, int perMinute) =>
        RateLimitPartition.GetTokenBucketLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, perMinute / 6),
                TokensPerPeriod = Math.Max(1, perMinute / 6),
                ReplenishmentPeriod = TimeSpan.FromSeconds(10),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
}
