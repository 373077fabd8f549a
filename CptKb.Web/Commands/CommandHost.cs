using CptKb.Web.Hosting;

namespace CptKb.Web.Commands;

/// <summary>The host the command-line commands run in: configuration and CptKb.Core's services, no web server.</summary>
internal static class CommandHost
{
    /// <summary>The host; the database start-up's warnings are written to <paramref name="output"/> as <c>warning:</c> lines.</summary>
    /// <exception cref="KbSettingsException">A <c>Kb:*</c> setting cannot be used.</exception>
    public static IHost Build(string[] args, TextWriter output)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new CommandWarnings(output));
        builder.Services.AddCptKbCore(builder.Configuration, builder.Environment.ContentRootPath);
        return builder.Build();
    }
}
