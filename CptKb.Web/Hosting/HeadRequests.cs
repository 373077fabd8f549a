using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace CptKb.Web.Hosting;

/// <summary>
/// <c>HEAD</c> answers like <c>GET</c> without a body, on every page and API route: uptime monitors and load balancers
/// probe with it. Blazor's pages and the minimal APIs map <c>GET</c> only, so the request is routed as a <c>GET</c> and
/// its body is dropped; status and headers stay those of the <c>GET</c>.
/// </summary>
internal static class HeadRequests
{
    /// <summary>Must come before routing: the endpoint is chosen by the method.</summary>
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await next(context);
                return;
            }
            context.Request.Method = HttpMethods.Get;
            // Every server sets this feature; it is how the response body is written at all.
            var body = context.Features.Get<IHttpResponseBodyFeature>()!;
            context.Features.Set<IHttpResponseBodyFeature>(new BodylessResponse(body));
            try
            {
                await next(context);
            }
            finally
            {
                context.Request.Method = HttpMethods.Head;
            }
        });

    /// <summary>The response as the server sends it, with everything written to its body dropped.</summary>
    private sealed class BodylessResponse(IHttpResponseBodyFeature inner)
        : IHttpResponseBodyFeature
    {
        private readonly PipeWriter _writer = PipeWriter.Create(Stream.Null);

        public Stream Stream => Stream.Null;

        public PipeWriter Writer => _writer;

        public void DisableBuffering() => inner.DisableBuffering();

        public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);

        public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
            inner.StartAsync(cancellationToken);

        public Task CompleteAsync() => inner.CompleteAsync();
    }
}
