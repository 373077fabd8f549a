using Microsoft.AspNetCore.Diagnostics;

namespace CptKb.Web.Hosting;

/// <summary>
/// Every error of the API is a JSON problem (<c>application/problem+json</c>): the pages' not-found and error pages
/// are HTML, which a client of <c>/api</c> cannot read. An endpoint that writes its own problem (a bad parameter, an
/// unknown code) keeps it; an error with no body (a failed binding, a method not allowed) gets a problem with its status.
/// </summary>
public static class ApiProblems
{
    public static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    public static IApplicationBuilder UseApiProblems(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!IsApi(context))
            {
                await next(context);
                return;
            }
            if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
                statusCodePages.Enabled = false;
            await next(context);
            var response = context.Response;
            if (response.StatusCode >= 400 && !response.HasStarted && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = context });
        });

    /// <summary>An exception while answering the API: a 500 problem, not the HTML error page.</summary>
    public sealed class ExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            if (!IsApi(context))
                return false;
            context.Response.StatusCode = exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, Exception = exception });
        }
    }
}
