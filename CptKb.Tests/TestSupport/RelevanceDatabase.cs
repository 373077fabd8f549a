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

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(Provider);
        var files = RelevanceCorpus.Write(database.DocumentsFolder);
        var report = await database.ImportAsync();
        Assert.Equal(files, report.Imported);
    }

    public async Task DisposeAsync()
    {
        if (database is not null)
            await database.DisposeAsync();
    }
}

/// <summary>The relevance corpus on PostgreSQL.</summary>
public sealed class PostgreSqlRelevanceDatabase : RelevanceDatabase
{
    public override KbDatabaseProvider Provider => KbDatabaseProvider.PostgreSQL;
}
