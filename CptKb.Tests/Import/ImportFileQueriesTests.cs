using CptKb.Core.Import;
using CptKb.Core.Storage;
using CptKb.Tests.Storage;
using CptKb.Tests.TestSupport;

namespace CptKb.Tests.Import;

public abstract class ImportFileQueriesSuite(CorpusDatabase corpus)
{
    private ImportFileQueries Files => corpus.Get<ImportFileQueries>();

    [Fact]
    public async Task The_latest_run_lists_failed_files_first_then_by_name()
    {
        var overview = await Files.GetLatestAsync(failedOnly: false, new PageRequest());

        Assert.NotNull(overview);
        Assert.Equal(corpus.Import.RunId, overview.Run.RunId);
        Assert.Equal((4, 0, 0, 1, 5), (overview.Run.Imported, overview.Run.Updated, overview.Run.Unchanged, overview.Run.Failed, overview.Run.FileCount));
        Assert.Equal(["broken.txt", "000_1ec41e0964c043f3.txt", "0042T.md", "20955.txt", "27447.txt"], overview.Files.Items.Select(f => f.FileName));
        var broken = overview.Files.Items[0];
        Assert.Equal(ImportFileStatus.Failed, broken.Status);
        Assert.Contains(broken.Messages, m => m.Contains("no CPT code found", StringComparison.Ordinal));
        Assert.NotNull(overview.Run.Duration);
    }

    [Fact]
    public async Task Failed_only_keeps_the_failed_files()
    {
        var overview = await Files.GetLatestAsync(failedOnly: true, new PageRequest());

        Assert.NotNull(overview);
        Assert.Equal(["broken.txt"], overview.Files.Items.Select(f => f.FileName));
        Assert.Equal(1, overview.Files.Total);
    }

    [Fact]
    public async Task Without_any_run_there_is_nothing()
    {
        await using var empty = await TestDatabase.CreateAsync(corpus.Provider);
        Assert.Null(await new ImportFileQueries(empty.Contexts).GetLatestAsync(false, new PageRequest()));
    }
}

public sealed class ImportFileQueriesTests(CorpusDatabase corpus) : ImportFileQueriesSuite(corpus), IClassFixture<CorpusDatabase>;

/// <summary>The same tests on PostgreSQL.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class ImportFileQueriesOnPostgreSqlTests(PostgreSqlCorpusDatabase corpus) : ImportFileQueriesSuite(corpus), IClassFixture<PostgreSqlCorpusDatabase>;
