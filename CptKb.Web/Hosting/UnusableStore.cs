namespace CptKb.Web.Hosting;

/// <summary>
/// While the database cannot be used, the API answers 503 with the reason rather than failing on every query
/// (the pages say the same through the layout).
/// </summary>
internal static class UnusableStore
{
    public const string Title = "The knowledge base database cannot be used";

    public static IApplicationBuilder UseUnusableStoreAnswers(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var current = context.RequestServices.GetRequiredService<KbStatus>().Current;
            if (current.State == KbState.Unusable && context.Request.Path.StartsWithSegments("/api"))
            {
                await Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: Title, detail: current.Message)
                    .ExecuteAsync(context);
                return;
            }
            await next(context);
        });
}
