using CptKb.Core.Import;
using CptKb.Core.Storage;
using CptKb.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CptKb.Tests.TestSupport;

/// <summary>
/// A real SQLite database (or a PostgreSQL one, <see cref="PostgreSqlCorpusDatabase"/>) filled once by the real importer
/// from the fixture corpus, shared by the tests of one class (xunit class fixture). Tests only read it.
/// </summary>
public class CorpusDatabase : IAsyncLifetime
{
    private TestDatabase? _database;

    /// <summary>The engine the corpus is imported into.</summary>
    public virtual KbDatabaseProvider Provider => KbDatabaseProvider.Sqlite;

    /// <summary>The report of the import that filled the database.</summary>
    public ImportRunReport Import { get; private set; } = null!; // set in InitializeAsync

    /// <summary>A Core service wired to the database.</summary>
    public T Get<T>() where T : notnull =>
        (_database ?? throw new InvalidOperationException("The database is not ready.")).Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(Provider);
        FixtureCorpus.CopyTo(_database.DocumentsFolder);
        Import = await _database.ImportAsync();
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
            await _database.DisposeAsync();
    }
}

/// <summary>The fixture corpus on PostgreSQL.</summary>
public sealed class PostgreSqlCorpusDatabase : CorpusDatabase
{
    public override KbDatabaseProvider Provider => KbDatabaseProvider.PostgreSQL;
}
