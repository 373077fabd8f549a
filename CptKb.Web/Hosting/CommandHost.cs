using CptKb.Core;

namespace CptKb.Web.Hosting;

/// <summary>The host the command-line commands run in: configuration and CptKb.Core's services, no web server.</summary>
internal static class CommandHost
{
    public static IHost Build(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args });
        builder.Logging.ClearProviders();
        builder.Services.Configure<KbOptions>(builder.Configuration.GetSection(KbOptions.SectionName));
        builder.Services.AddCptKbCore(KbConfiguration.ConnectionString(builder.Configuration, builder.Environment.ContentRootPath));
        return builder.Build();
    }
}
