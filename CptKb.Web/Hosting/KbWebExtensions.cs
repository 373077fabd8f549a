using System.Text.Json;
using System.Text.Json.Serialization;
using CptKb.Web.Api;
using CptKb.Web.Api.Exports;
using CptKb.Web.Components;
using CptKb.Web.Rendering;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using MudBlazor.Services;

namespace CptKb.Web.Hosting;

/// <summary>Everything <c>Program.cs</c> wires up, in one place.</summary>
public static class KbWebExtensions
{
    /// <summary>Everything the app serves with, its settings read and checked first.</summary>
    /// <exception cref="KbSettingsException">A <c>Kb:*</c> setting cannot be used; the message names its key.</exception>
    public static WebApplicationBuilder AddCptKb(this WebApplicationBuilder builder)
    {
        // Serve MudBlazor's and Blazor's own assets when the build output runs outside Development too.
        builder.WebHost.UseStaticWebAssets();

        var services = builder.Services;
        var settings = services.AddCptKbCore(builder.Configuration, builder.Environment.ContentRootPath);
        services.AddSingleton<KbStatus>();
        services.AddSingleton(new SeedsFolder(KbConfiguration.SeedsPath(settings, builder.Environment.ContentRootPath)));
        services.AddHostedService<StartupImport>();
        services.AddHostedService<SeedsWatching>();
        services.AddHealthChecks()
            .AddCheck<KbHealthCheck>("kb", tags: [HealthTags.Started])
            .AddCheck<KbReadyCheck>("store", tags: [HealthTags.Ready]);

        services.AddProblemDetails();
        services.AddExceptionHandler<ApiProblems.ExceptionHandler>();
        services.AddOpenApi();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));

        services.AddHttpContextAccessor();
        services.AddApiRateLimits(settings.RateLimit);
        services.AddRazorComponents().AddInteractiveServerComponents(options =>
        {
            // Bounded memory per reader: few disconnected circuits kept, for a short time.
            options.DisconnectedCircuitMaxRetained = 200;
            options.DisconnectedCircuitRetentionPeriod = TimeSpan.FromSeconds(settings.Circuits.DisconnectedRetentionSeconds);
            options.JSInteropDefaultCallTimeout = TimeSpan.FromSeconds(30);
            options.MaxBufferedUnacknowledgedRenderBatches = 10;
        }).AddHubOptions(options =>
        {
            // The browser hands the prerendered page's state back when its circuit starts; an article's state
            // is bounded by ReadingLimits, so this limit is too (SignalR's 32 KB default refuses a long article).
            options.MaximumReceiveMessageSize = ReadingLimits.MaxMessageBytes;
        });
        services.AddMudServices();
        services.AddReleasingConnectionBuffers();
        return builder;
    }

    public static WebApplication MapCptKb(this WebApplication app)
    {
        // Behind the proxy (CptKb.Proxy), the reader's address, scheme and host come in X-Forwarded-*: believed from a
        // proxy on this machine only (the options' default known proxies are the loopback addresses).
        app.UseForwardedHeaders(new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,
        });
        app.UseHeadAsGet();
        // Explicitly here, after HEAD became GET: the endpoint is chosen by the method.
        app.UseRouting();
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        // Unknown page URLs get the app's not-found page; the API answers every error with a JSON problem instead.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseApiProblems();
        app.UseDotSegmentRefusal();
        app.UseAntiforgery();
        app.UseUnusableStoreAnswers();
        app.UseRateLimiter();

        app.MapStaticAssets();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealthAsync, Predicate = c => c.Tags.Contains(HealthTags.Started) });
        app.MapHealthChecks("/health/live", new HealthCheckOptions { ResponseWriter = WriteHealthAsync, Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { ResponseWriter = WriteHealthAsync, Predicate = c => c.Tags.Contains(HealthTags.Ready) });
        app.MapOpenApi();
        app.MapArticlesApi().RequireRateLimiting(ApiRateLimits.Api);
        app.MapImportApi().RequireRateLimiting(ApiRateLimits.Api);
        app.MapChangesApi().RequireRateLimiting(ApiRateLimits.Api);
        app.MapChangesAtom().RequireRateLimiting(ApiRateLimits.Api);
        app.MapExportApi().RequireRateLimiting(ApiRateLimits.Api);
        app.MapCompareApi().RequireRateLimiting(ApiRateLimits.Api);
        app.MapFallback("/api/{**path}", () => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown endpoint"));
        app.MapSearchApi().RequireRateLimiting(ApiRateLimits.Search);
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    private static Task WriteHealthAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        var entry = report.Entries.Values.FirstOrDefault();
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            detail = report.Entries.Count == 0 ? "the process answers" : entry.Description,
        });
    }

    private static class HealthTags
    {
        public const string Started = "started";
        public const string Ready = "ready";
    }
}
