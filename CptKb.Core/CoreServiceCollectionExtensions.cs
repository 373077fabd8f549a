using CptKb.Core.Changes;
using CptKb.Core.Codes;
using CptKb.Core.Exports;
using CptKb.Core.Gaps;
using CptKb.Core.Import;
using CptKb.Core.Modifiers;
using CptKb.Core.Payers;
using CptKb.Core.Search;
using CptKb.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CptKb.Core;

/// <summary>Registers what CptKb.Core offers to a host.</summary>
public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the database (<see cref="IDbContextFactory{TContext}"/> of <see cref="KbDbContext"/> on SQLite),
    /// <see cref="KbDatabase"/>, the <see cref="Importer"/>, the read-side queries, the <see cref="ISearchIndex"/> (SQLite FTS5)
    /// and the <see cref="SearchService"/>. Call
    /// <see cref="KbDatabase.InitializeAsync"/> once at start-up, before serving requests. Settings come from
    /// <see cref="KbDatabaseOptions"/> and <see cref="FolderWalkLimits"/> (the host binds them, e.g. from their <c>SectionName</c>).
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="connectionString">A SQLite connection string, e.g. <c>Data Source=data/cptkb.db</c>.</param>
    /// <param name="searchLimits">Each search's time budget and how many run at once; null for the defaults.</param>
    public static IServiceCollection AddCptKbCore(this IServiceCollection services, string connectionString, SearchLimits? searchLimits = null) =>
        services.AddCptKbCore(KbDatabaseProvider.Sqlite, connectionString, searchLimits);

    /// <summary>
    /// As <see cref="AddCptKbCore(IServiceCollection, string, SearchLimits?)"/>, on the engine named: SQLite (FTS5 search)
    /// or PostgreSQL (<see cref="PostgreSqlKbDbContext"/>, tsvector search in <see cref="PostgreSqlSearchIndex"/>).
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="provider">The database engine.</param>
    /// <param name="connectionString">The engine's connection string, e.g. <c>Host=db;Database=cptkb;Username=cptkb</c> for PostgreSQL.</param>
    /// <param name="searchLimits">Each search's time budget and how many run at once; null for the defaults.</param>
    public static IServiceCollection AddCptKbCore(
        this IServiceCollection services, KbDatabaseProvider provider, string connectionString, SearchLimits? searchLimits = null)
    {
        if (provider == KbDatabaseProvider.PostgreSQL)
        {
            services.AddDbContextFactory<PostgreSqlKbDbContext>(options => options.UseKbPostgreSql(connectionString));
            services.AddSingleton<IDbContextFactory<KbDbContext>, PostgreSqlContexts>();
            services.AddSingleton<ISearchIndex, PostgreSqlSearchIndex>();
        }
        else
        {
            services.AddDbContextFactory<KbDbContext>(options => options.UseKbSqlite(connectionString));
            services.AddSingleton<ISearchIndex, SqliteSearchIndex>();
        }
        services.AddLogging();
        services.AddOptions<KbDatabaseOptions>();
        services.AddOptions<FolderWalkLimits>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<KbDatabase>();
        services.AddSingleton<Importer>();
        services.AddSingleton<ArticleUpdates>();
        services.AddSingleton<Reindexer>();
        services.AddSingleton<ImportRunQueries>();
        services.AddSingleton<ParsedArticles>();
        services.AddSingleton<ArticleQueries>();
        services.AddSingleton<CodeQueries>();
        services.AddSingleton<PayerQueries>();
        services.AddSingleton<PayerPacketQueries>();
        services.AddSingleton<ModifierQueries>();
        services.AddSingleton<GapQueries>();
        services.AddSingleton<ChangeQueries>();
        services.AddSingleton<ExportQueries>();
        services.AddSingleton<Compare.CompareQueries>();
        services.AddSingleton<ImportFileQueries>();
        services.AddSingleton(searchLimits ?? new SearchLimits());
        services.AddSingleton<SearchService>();
        services.AddSingleton<Samples.SampleArticles>();
        return services;
    }
}
