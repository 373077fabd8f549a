using CptKb.Tests.TestSupport;
using CptKb.Core.Import;
using CptKb.Core.Storage;
using CptKb.Tests.Storage;

namespace CptKb.Tests.Import;

public class LargeFolderTests
{
    /// <summary>The engine these tests run on; the PostgreSQL variant below overrides it.</summary>
    protected virtual KbDatabaseProvider Provider => KbDatabaseProvider.Sqlite;

    [Fact]
    public async Task A_folder_larger_than_the_read_ahead_imports_every_file_in_order()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        for (var i = 0; i < 700; i++)
            await File.WriteAllTextAsync(Path.Combine(db.DocumentsFolder, $"{i:0000}.txt"), TestDatabase.Publication($"{30000 + i}", $"Procedure {i}"));

        var seen = new List<int>();
        var report = await db.Importer.ImportFolderAsync(db.DocumentsFolder, new SynchronousProgress(p => seen.Add(p.Done)));

        Assert.Equal(ImportRunStatus.Succeeded, report.Status);
        Assert.Equal(700, report.Imported);
        Assert.Equal(Enumerable.Range(1, 700), seen);
        Assert.Equal("30699", (await db.Articles.GetAsync("30699"))?.Article.Code);
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
}
