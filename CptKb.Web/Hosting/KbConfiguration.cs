using CptKb.Core;
using CptKb.Core.Import;
using CptKb.Core.Search;
using CptKb.Core.Storage;
using Microsoft.Data.Sqlite;

namespace CptKb.Web.Hosting;

/// <summary>Reads the database, seeds and search settings the same way for the web app and the commands.</summary>
internal static class KbConfiguration
{
    public const string DefaultConnectionString = "Data Source=data/cptkb.db";

    /// <summary>CptKb.Core's services with their settings read from configuration, for the web app and the commands alike.</summary>
    public static IServiceCollection AddCptKbCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.Configure<KbOptions>(configuration.GetSection(KbOptions.SectionName));
        services.Configure<KbDatabaseOptions>(configuration.GetSection(KbDatabaseOptions.SectionName));
        services.Configure<FolderWalkLimits>(configuration.GetSection(FolderWalkLimits.SectionName));
        return services.AddCptKbCore(ConnectionString(configuration, contentRoot), SearchLimitsOf(configuration));
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

    /// <summary>
    /// <c>Kb:Search:TimeBudgetMilliseconds</c> (at least 1) and <c>Kb:Search:MaxConcurrentSearches</c> (at least 1; by
    /// default one per core).
    /// </summary>
    public static SearchLimits SearchLimitsOf(IConfiguration configuration)
    {
        var defaults = new SearchLimits();
        var budget = configuration.GetValue("Kb:Search:TimeBudgetMilliseconds", (int)defaults.TimeBudget.TotalMilliseconds);
        var concurrent = configuration.GetValue("Kb:Search:MaxConcurrentSearches", defaults.MaxConcurrentSearches);
        return new SearchLimits { TimeBudget = TimeSpan.FromMilliseconds(Math.Max(1, budget)), MaxConcurrentSearches = Math.Max(1, concurrent) };
    }
}
