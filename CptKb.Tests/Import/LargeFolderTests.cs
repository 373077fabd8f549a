using CptKb.Tests.TestSupport;
using CptKb.Core.Import;
using CptKb.Core.Storage;
using CptKb.Tests.Storage;
using Microsoft.EntityFrameworkCore;

namespace CptKb.Tests.Import;

public class LargeFolderTests
{
    /// <summary>The engine these tests run on; the PostgreSQL variant below overrides it.</summary>
    protected virtual KbDatabaseProvider Provider => KbDatabaseProvider.Sqlite;

    /// <summary>What the engine should hold once a large import is committed; the PostgreSQL variant checks its statistics.</summary>
    private protected virtual Task AfterLargeImportAsync(TestDatabase db) => Task.CompletedTask;

    [Fact]
    public async Task A_folder_larger_than_the_read_ahead_imports_every_file_in_order()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        // As many as makes an import large enough to refresh the planner's statistics.
        const int Files = StoreEngine.StatisticsAfterArticles;
        for (var i = 0; i < Files; i++)
            await File.WriteAllTextAsync(Path.Combine(db.DocumentsFolder, $"{i:0000}.txt"), TestDatabase.Publication($"{30000 + i}", $"Procedure {i}"));

        var seen = new List<int>();
        var report = await db.Importer.ImportFolderAsync(db.DocumentsFolder, new SynchronousProgress(p => seen.Add(p.Done)));

        Assert.Equal(ImportRunStatus.Succeeded, report.Status);
        Assert.Equal(Files, report.Imported);
        Assert.Equal(Enumerable.Range(1, Files), seen);
        Assert.Equal("30999", (await db.Articles.GetAsync("30999"))?.Article.Code);
        await AfterLargeImportAsync(db);
    }

    private sealed class SynchronousProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class LargeFolderOnPostgreSqlTests : LargeFolderTests
{
    protected override KbDatabaseProvider Provider => KbDatabaseProvider.PostgreSQL;

    // A new store has no statistics until ANALYZE: the import runs it once committed, so the planner knows the search
    // index's words (without them, prefix lookups and code ranges were planned as full scans).
    private protected override async Task AfterLargeImportAsync(TestDatabase db)
    {
        var analysed = await db.QueryAsync(c => c.Database
            .SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM pg_stats WHERE tablename IN ('SearchSections', 'SearchLexemes', 'Articles')")
            .SingleAsync());
        Assert.True(analysed > 0, "The import left the store without statistics.");
    }
}
