using CptKb.Core;
using Microsoft.Extensions.Options;
using Microsoft.Data.Sqlite;

namespace CptKb.Web.Hosting;

/// <summary>Reads the database, seeds and search settings the same way for the web app and the commands.</summary>
internal static class KbConfiguration
{
    public const string DefaultConnectionString = "Data Source=data/cptkb.db";

    /// <summary>
    /// CptKb.Core's services with every <c>Kb:*</c> setting read and checked once (<see cref="KbOptions.Read"/>), for the
    /// web app and the commands alike.
    /// </summary>
    /// <exception cref="KbSettingsException">A setting cannot be used; the message names its key.</exception>
    public static KbOptions AddCptKbCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var settings = KbOptions.Read(configuration);
        services.AddSingleton(Options.Create(settings));
        services.AddSingleton(Options.Create(settings.Database));
        services.AddSingleton(Options.Create(settings.Import));
        services.AddCptKbCore(ConnectionString(configuration, contentRoot), settings.Search.ToLimits());
        return settings;
    }

    /// <summary>The <c>ConnectionStrings:Kb</c> value with a relative database file resolved against the content root.</summary>
    public static string ConnectionString(IConfiguration configuration, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(configuration.GetConnectionString("Kb") ?? DefaultConnectionString);
        var file = builder.DataSource;
        if (!string.IsNullOrEmpty(file) && file != ":memory:" && !file.StartsWith("file:", StringComparison.OrdinalIgnoreCase) && !Path.IsPathRooted(file))
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, file));
        return builder.ToString();
    }

    /// <summary>The seeds folder with a relative path resolved against the content root.</summary>
    public static string SeedsPath(KbOptions options, string contentRoot) =>
        Path.GetFullPath(Path.Combine(contentRoot, options.SeedsPath));
}
