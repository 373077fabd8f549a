using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CptKb.Web.Hosting;

/// <summary>Healthy once migrations and the start-up import are done; unhealthy while starting or when the store is unusable.</summary>
internal sealed class KbHealthCheck(KbStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var current = status.Current;
        return Task.FromResult(current.State == KbState.Ready
            ? HealthCheckResult.Healthy(current.Message)
            : HealthCheckResult.Unhealthy(current.Message));
    }
}
