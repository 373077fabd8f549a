using CptKb.Core;
using CptKb.Core.Storage;
using Microsoft.Extensions.Options;
using Microsoft.Data.Sqlite;

namespace CptKb.Web.Hosting;

/// <summary>Reads the database, seeds and search settings the same way for the web app and the commands.</summary>
internal static class KbConfiguration
{
    public const string DefaultConnectionString = "Data Source=data/cptkb.db";

    private const string PostgreSqlExample = "Host=db.example;Port=5432;Database=cptkb;Username=cptkb;Password=...";

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
        settings.Database.TryGetProvider(out var provider);
        services.AddCptKbCore(provider, DatabaseConnectionString(configuration, contentRoot, settings), settings.Search.ToLimits());
        return settings;
    }

    /// <summary>The connection string the store is opened with: <see cref="ConnectionString"/>, named after the node on PostgreSQL.</summary>
    public static string DatabaseConnectionString(IConfiguration configuration, string contentRoot, KbOptions settings)
    {
        settings.Database.TryGetProvider(out var provider);
        var connectionString = ConnectionString(configuration, contentRoot, provider);
        return provider == KbDatabaseProvider.PostgreSQL ? NamedAfterNode(connectionString, settings.NodeName) : connectionString;
    }

    /// <summary>
    /// The PostgreSQL connection string with the node's name as its application name, unless it sets one: the server
    /// then shows which node holds a lock (pg_stat_activity), and a node waiting for one names it.
    /// </summary>
    public static string NamedAfterNode(string connectionString, string nodeName)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.ApplicationName))
            builder.ApplicationName = nodeName;
        return builder.ToString();
    }

    /// <summary>
    /// The <c>ConnectionStrings:Kb</c> value: for SQLite with a relative database file resolved against the content root
    /// (a file under data/ by default); for PostgreSQL as given, and required.
    /// </summary>
    /// <exception cref="KbSettingsException">PostgreSQL is chosen and no connection string is set.</exception>
    public static string ConnectionString(IConfiguration configuration, string contentRoot, KbDatabaseProvider provider = KbDatabaseProvider.Sqlite)
    {
        if (provider == KbDatabaseProvider.PostgreSQL)
        {
            var given = configuration.GetConnectionString("Kb");
            if (string.IsNullOrWhiteSpace(given))
                throw new KbSettingsException(
                    "Kb:Database:Provider is PostgreSQL, but ConnectionStrings:Kb is not set; it must name the server and database, " +
                    $"e.g. {PostgreSqlExample} (or ConnectionStrings__Kb in the environment).");
            try
            {
                if (!string.IsNullOrWhiteSpace(new Npgsql.NpgsqlConnectionStringBuilder(given).Host))
                    return given;
            }
            catch (ArgumentException)
            {
                // Not of PostgreSQL's form (the SQLite default's "Data Source=...", for one): said below.
            }
            throw new KbSettingsException(
                "Kb:Database:Provider is PostgreSQL, but ConnectionStrings:Kb is not a PostgreSQL connection string naming its Host " +
                $"(is it still the SQLite file's?); it must be of the form {PostgreSqlExample}.");
        }
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
