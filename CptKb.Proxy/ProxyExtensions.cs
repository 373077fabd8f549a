using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Transforms;

namespace CptKb.Proxy;

/// <summary>Everything the proxy's <c>Program.cs</c> wires up: the reverse proxy read from <c>ReverseProxy</c>, its own health.</summary>
public static class ProxyExtensions
{
    /// <summary>The header naming the node that answered, for operators reading responses (and the cluster tests).</summary>
    public const string NodeHeader = "X-CptKb-Node";

    public static WebApplicationBuilder AddCptKbProxy(this WebApplicationBuilder builder)
    {
        // The passive check's window: its defaults (60 s, 10 requests) keep a failing node in for a minute at low traffic.
        builder.Services.Configure<TransportFailureRateHealthPolicyOptions>(builder.Configuration.GetSection("TransportFailureRate"));
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddTransforms(transforms => transforms.AddResponseTransform(context =>
            {
                if (context.ProxyResponse is not null && context.HttpContext.GetReverseProxyFeature().ProxiedDestination is { } node)
                    context.HttpContext.Response.Headers[NodeHeader] = node.DestinationId;
                return ValueTask.CompletedTask;
            }));
        return builder;
    }

    public static WebApplication MapCptKbProxy(this WebApplication app)
    {
        app.MapProxyHealth();
        app.MapReverseProxy(proxy =>
        {
            // The failover step comes first, so that each new attempt goes through affinity and load balancing again.
            proxy.UseNodeFailover();
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }
}
