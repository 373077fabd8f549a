using CptKb.Web.Hosting;

if (ImportCommand.IsRequested(args))
    return await ImportCommand.RunAsync(args);
if (ReindexCommand.IsRequested(args))
    return await ReindexCommand.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);
builder.AddCptKb();

var app = builder.Build();
app.MapCptKb();
await app.RunAsync();
return 0;

/// <summary>The web app's entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
