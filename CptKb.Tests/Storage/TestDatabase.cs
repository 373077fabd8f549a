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
/// A real SQLite file in a fresh temp folder, wired with <see cref="CoreServiceCollectionExtensions.AddCptKbCore"/>,
/// and a documents folder beside it. Deleted on dispose.
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string root, string databasePath, SearchLimits? searchLimits)
    {
        Root = root;
        DatabasePath = databasePath;
        Services = new ServiceCollection().AddCptKbCore($"Data Source={databasePath}", searchLimits ?? TestSearchLimits.Limits).BuildServiceProvider();
    }

    public string Root { get; }

    /// <summary>In a "data" folder that does not exist until the database is initialized.</summary>
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

    public static async Task<TestDatabase> CreateAsync(bool initialize = true, string? databasePath = null, SearchLimits? searchLimits = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "cptkb-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "docs"));
        var db = new TestDatabase(root, databasePath ?? Path.Combine(root, "data", "kb.db"), searchLimits);
        if (initialize) await db.Database.InitializeAsync();
        return db;
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
