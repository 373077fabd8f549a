using CptKb.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CptKb.Web.Hosting;

/// <summary>
/// <c>/health/ready</c>: the store opens and every migration is applied, so requests can be served. The start-up import
/// may still be running (stored content is readable meanwhile); <c>/health</c> waits for it too.
/// </summary>
internal sealed class KbReadyCheck(KbStatus status, IDbContextFactory<KbDbContext> contexts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var current = status.Current;
        if (current.State is KbState.Starting or KbState.Unusable)
            return HealthCheckResult.Unhealthy(current.Message);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy("the store is open and its migrations are applied")
                : HealthCheckResult.Unhealthy($"{pending.Count} database migrations are not applied; restart the app to apply them");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"the store cannot be opened: {ex.Message}");
        }
    }
}
