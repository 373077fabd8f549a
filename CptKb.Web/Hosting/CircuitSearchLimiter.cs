using System.Threading.RateLimiting;

namespace CptKb.Web.Hosting;

/// <summary>
/// The search allowance of one reader's circuit (a scoped service lives as long as its circuit): searches from the
/// app-bar box and the interactive results page reach the database without an HTTP request, so the HTTP limiter never
/// sees them. Same rate as <c>/api/search</c> (<c>Kb:RateLimit:SearchPerMinute</c>).
/// </summary>
public sealed class CircuitSearchLimiter(int perMinute) : IDisposable
{
    private readonly Lock gate = new();
    private TokenBucketRateLimiter? limiter;

    /// <summary>Takes one search from the allowance: null when there was one, else how long until there is.</summary>
    public TimeSpan? TryTake()
    {
        // Made on first use: most circuits never search, and each limiter keeps a timer.
        TokenBucketRateLimiter bucket;
        lock (gate)
        {
            bucket = limiter ??= new TokenBucketRateLimiter(ApiRateLimits.Bucket(perMinute));
        }
        using var lease = bucket.AttemptAcquire();
        if (lease.IsAcquired)
            return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(10);
    }

    public void Dispose()
    {
        lock (gate)
        {
            limiter?.Dispose();
        }
    }
}
