using CptKb.Web.Commands;
using CptKb.Web.Hosting;

if (await CommandLine.RunAsync(args) is { } exitCode)
    return exitCode;

var builder = WebApplication.CreateBuilder(args);
try
{
    builder.AddCptKb();
}
catch (KbSettingsException ex)
{
    await Console.Error.WriteLineAsync($"error: {ex.Message}");
    return ExitCodes.Usage;
}

var app = builder.Build();
app.MapCptKb();
await app.RunAsync();
return ExitCodes.Ok;

/// <summary>The web app's entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
