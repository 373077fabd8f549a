using CptKb.Bench.Relevance;
using CptKb.Core.Search;
using CptKb.Core.Storage;
using CptKb.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CptKb.Tests.TestSupport;

/// <summary>
/// The relevance corpus (the seed, the fixtures, the written relevance publications and generated distractors) imported
/// once by the real importer into a real SQLite file (or a PostgreSQL database, <see cref="PostgreSqlRelevanceDatabase"/>),
/// shared by the tests of one class. Tests only read it.
/// </summary>
public class RelevanceDatabase : IAsyncLifetime
{
    private TestDatabase? database;

    /// <summary>The engine the corpus is imported into.</summary>
    public virtual KbDatabaseProvider Provider => KbDatabaseProvider.Sqlite;

    public SearchService Search => Get<SearchService>();

    /// <summary>A Core service wired to the database.</summary>
    public T Get<T>() where T : notnull =>
        (database ?? throw new InvalidOperationException("The database is not ready.")).Services.GetRequiredService<T>();

    public async Task InitializeAsync() => database = await OpenAsync();

    public async Task DisposeAsync()
    {
        if (database is not null)
            await CloseAsync(database);
    }

    /// <summary>The imported corpus for this class.</summary>
    private protected virtual Task<TestDatabase> OpenAsync() => ImportAsync(Provider);

    /// <summary>Done with it: this class's own copy goes.</summary>
    private protected virtual ValueTask CloseAsync(TestDatabase imported) => imported.DisposeAsync();

    private protected static async Task<TestDatabase> ImportAsync(KbDatabaseProvider provider)
    {
        var imported = await TestDatabase.CreateAsync(provider);
        var files = RelevanceCorpus.Write(imported.DocumentsFolder);
        var report = await imported.ImportAsync();
        Assert.Equal(files, report.Imported);
        return imported;
    }
}

/// <summary>
/// The relevance corpus on PostgreSQL: imported once for every PostgreSQL class that reads it, since those run one after
/// another in their collection; the database goes with the run's cluster when the collection ends.
/// </summary>
public sealed class PostgreSqlRelevanceDatabase : RelevanceDatabase
{
    private static readonly Lazy<Task<TestDatabase>> Shared = new(async () =>
    {
        var imported = await ImportAsync(KbDatabaseProvider.PostgreSQL);
        // The written publications are in the database now; only the database is kept.
        Directory.Delete(imported.Root, recursive: true);
        return imported;
    });

    public override KbDatabaseProvider Provider => KbDatabaseProvider.PostgreSQL;

    private protected override Task<TestDatabase> OpenAsync() => Shared.Value;

    private protected override ValueTask CloseAsync(TestDatabase imported) => ValueTask.CompletedTask;
}
