using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace CptKb.Proxy;

/// <summary>
/// <c>/proxy/health</c>: the proxy's own state, each node as its health checks see it. 200 while at least one node is
/// healthy, 503 otherwise (no node answers its readiness probe yet, or none any more).
/// </summary>
internal static class ProxyHealth
{
    public const string Path = "/proxy/health";

    public static void MapProxyHealth(this WebApplication app) =>
        app.MapGet(Path, (IProxyStateLookup state) =>
        {
            var nodes = state.GetClusters()
                .SelectMany(cluster => cluster.DestinationsState.AllDestinations.Select(node => new NodeHealth(
                    cluster.ClusterId,
                    node.DestinationId,
                    node.Model.Config.Address,
                    StateOf(node.Health),
                    node.ConcurrentRequestCount)))
                .ToList();
            var healthy = nodes.Any(n => n.State == "healthy");
            return Results.Json(new { status = healthy ? "Healthy" : "Unhealthy", nodes }, statusCode: healthy ? 200 : 503);
        });

    /// <summary>Out when either check says so; healthy once the probe has answered; unknown before the first probe.</summary>
    private static string StateOf(DestinationHealthState health) =>
        health.Active == DestinationHealth.Unhealthy || health.Passive == DestinationHealth.Unhealthy ? "unhealthy"
        : health.Active == DestinationHealth.Healthy ? "healthy"
        : "unknown";

    private sealed record NodeHealth(string Cluster, string Node, string Address, string State, int RequestsInFlight);
}
