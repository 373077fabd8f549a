using System.Text;
using CptKb.Core;
using CptKb.Core.Import;
using CptKb.Core.Search;
using CptKb.Core.Storage;
using CptKb.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CptKb.Tests.Storage;

/// <summary>
/// A real SQLite file in a fresh temp folder, or a fresh database on the run's PostgreSQL cluster
/// (<see cref="PostgreSqlCluster"/>), wired with <see cref="CoreServiceCollectionExtensions.AddCptKbCore"/>, and a
/// documents folder beside it. Deleted on dispose.
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private readonly PostgreSqlCluster? cluster;

    private TestDatabase(
        string root, string databasePath, SearchLimits? searchLimits, PostgreSqlCluster? cluster, string? postgreSqlDatabase = null,
        Action<IServiceCollection>? services = null)
    {
        Root = root;
        DatabasePath = databasePath;
        // A second view of another test's PostgreSQL database leaves dropping it to that test.
        this.cluster = postgreSqlDatabase is null ? cluster : null;
        Provider = cluster is null ? KbDatabaseProvider.Sqlite : KbDatabaseProvider.PostgreSQL;
        ConnectionString = cluster is null ? $"Data Source={databasePath}" : postgreSqlDatabase ?? cluster.NewDatabase();
        var collection = new ServiceCollection().AddCptKbCore(Provider, ConnectionString, searchLimits ?? TestSearchLimits.Limits);
        services?.Invoke(collection);
        Services = collection.BuildServiceProvider();
    }

    public KbDatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public string Root { get; }

    /// <summary>In a "data" folder that does not exist until the database is initialized (SQLite).</summary>
    public string DatabasePath { get; }

    public string DocumentsFolder => Path.Combine(Root, "docs");

    public ServiceProvider Services { get; }

    public IDbContextFactory<KbDbContext> Contexts => Services.GetRequiredService<IDbContextFactory<KbDbContext>>();

    public KbDatabase Database => Services.GetRequiredService<KbDatabase>();

    public Importer Importer => Services.GetRequiredService<Importer>();

    public ArticleQueries Articles => Services.GetRequiredService<ArticleQueries>();

    public ImportRunQueries Runs => Services.GetRequiredService<ImportRunQueries>();

    public ISearchIndex SearchIndex => Services.GetRequiredService<ISearchIndex>();

    public SearchService Search => Services.GetRequiredService<SearchService>();

    public static Task<TestDatabase> CreateAsync(bool initialize = true, string? databasePath = null, SearchLimits? searchLimits = null) =>
        CreateAsync(KbDatabaseProvider.Sqlite, initialize, databasePath, searchLimits);

    /// <param name="provider">The engine.</param>
    /// <param name="initialize">Whether to apply the migrations.</param>
    /// <param name="databasePath">The SQLite file, when not the test's own.</param>
    /// <param name="searchLimits">Search limits, when not the tests' own.</param>
    /// <param name="services">Changes to the store's services (e.g. another search index) after the app's own.</param>
    public static async Task<TestDatabase> CreateAsync(
        KbDatabaseProvider provider, bool initialize = true, string? databasePath = null, SearchLimits? searchLimits = null,
        Action<IServiceCollection>? services = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "cptkb-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "docs"));
        var cluster = provider == KbDatabaseProvider.PostgreSQL ? await PostgreSqlCluster.GetAsync() : null;
        var db = new TestDatabase(root, databasePath ?? Path.Combine(root, "data", "kb.db"), searchLimits, cluster, services: services);
        if (initialize) await db.Database.InitializeAsync();
        return db;
    }

    /// <summary>The same database as <paramref name="other"/>, on its engine, with other search limits; disposing it leaves the database.</summary>
    public static async Task<TestDatabase> SameDatabaseAsync(TestDatabase other, SearchLimits searchLimits)
    {
        var root = Path.Combine(Path.GetTempPath(), "cptkb-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "docs"));
        return other.Provider == KbDatabaseProvider.Sqlite
            ? new TestDatabase(root, other.DatabasePath, searchLimits, null)
            : new TestDatabase(root, other.DatabasePath, searchLimits, await PostgreSqlCluster.GetAsync(), other.ConnectionString);
    }

    public static string Publication(string code, string title = "Vascularized Bone Graft", string payers = "Aetna, Cigna Health, and Medicare") =>
        $"""
        Summary & Overview
        CPT {code}: {title}
        Some overview text.
        Key payers covered in this analysis include {payers}.

        """;

    public byte[] WriteDocument(string relativePath, string text) => WriteDocument(relativePath, Encoding.UTF8.GetBytes(text));

    public byte[] WriteDocument(string relativePath, byte[] bytes)
    {
        var path = Path.Combine(DocumentsFolder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path) ?? DocumentsFolder);
        File.WriteAllBytes(path, bytes);
        return bytes;
    }

    public Task<ImportRunReport> ImportAsync(IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Importer.ImportFolderAsync(DocumentsFolder, progress, cancellationToken);

    public async Task<T> QueryAsync<T>(Func<KbDbContext, Task<T>> query)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await query(db);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (cluster is not null) await cluster.DropAsync(ConnectionString);
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}

/// <summary>Collects progress reports as they are made, on the reporting thread.</summary>
internal sealed class ProgressLog(Action<ImportProgress>? onReport = null) : IProgress<ImportProgress>
{
    public List<ImportProgress> Reports { get; } = [];

    public void Report(ImportProgress value)
    {
        Reports.Add(value);
        onReport?.Invoke(value);
    }
}
