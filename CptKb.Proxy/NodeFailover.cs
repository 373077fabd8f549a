using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace CptKb.Proxy;

/// <summary>
/// A request that a node could not take goes to another node, before anything has been sent back to the client:
/// <list type="bullet">
/// <item>the node could not be reached (refused or timed-out connection): the request never left the proxy, so any request
/// is sent again, and the node is taken out at once rather than at the next health probe;</item>
/// <item>the node broke the connection before answering a GET or HEAD without a body: asking again changes nothing.</item>
/// </list>
/// Each node is tried once at most. A reader whose node stops therefore sees its next request answered by another node,
/// and the affinity cookie then moves to that node.
/// </summary>
internal static class NodeFailover
{
    private static readonly TimeSpan DefaultTakenOutFor = TimeSpan.FromSeconds(10);

    public static IReverseProxyApplicationBuilder UseNodeFailover(this IReverseProxyApplicationBuilder proxy)
    {
        var health = proxy.ApplicationServices.GetRequiredService<IDestinationHealthUpdater>();
        var logger = proxy.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(NodeFailover));
        proxy.Use(async (context, next) =>
        {
            var feature = context.GetReverseProxyFeature();
            var candidates = feature.AvailableDestinations;
            var itemsBefore = context.Items.Keys.ToHashSet();
            while (true)
            {
                await next();
                if (context.Features.Get<IForwarderErrorFeature>() is not { } error || feature.ProxiedDestination is not { } failed)
                    return;
                if (context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
                    return;
                var unreachable = IsUnreachable(error.Exception);
                if (!unreachable && !(error.Error == ForwarderError.Request && IsSafeToRepeat(context.Request)))
                    return;
                if (unreachable && feature.Route.Cluster is { } cluster)
                    health.SetPassive(cluster, failed, DestinationHealth.Unhealthy, cluster.Model.Config.HealthCheck?.Passive?.ReactivationPeriod ?? DefaultTakenOutFor);

                candidates = [.. candidates.Where(d => d != failed)];
                if (candidates.Count == 0)
                    return;
                logger.LogWarning("Node {Node} ({Address}) {What}; {Method} {Path} goes to another node", failed.DestinationId,
                    failed.Model.Config.Address, unreachable ? "cannot be reached" : "closed the connection before answering",
                    context.Request.Method, context.Request.Path);
                // Nothing has been sent: the failed attempt's status, headers and affinity cookie are dropped, and so is what it
                // noted on the request (the session affinity policy notes the reader's node there and then sets no new cookie).
                context.Response.Clear();
                foreach (var key in context.Items.Keys.Where(k => !itemsBefore.Contains(k)).ToList())
                    context.Items.Remove(key);
                context.Features.Set<IForwarderErrorFeature>(null);
                feature.ProxiedDestination = null;
                feature.AvailableDestinations = candidates;
            }
        });
        return proxy;
    }

    private static bool IsUnreachable(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError })
                return true;
        }
        return false;
    }

    private static bool IsSafeToRepeat(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>()?.CanHaveBody != true;
}
