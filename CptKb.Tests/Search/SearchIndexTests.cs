using CptKb.Core.Search;
using CptKb.Core.Storage;
using CptKb.Tests.TestSupport;
using CptKb.Tests.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using CptKb.Core.Import;

namespace CptKb.Tests.Search;

/// <summary>The index stays in step with the stored articles: imports, re-imports and rebuilds from the stored revisions.</summary>
public class SearchIndexTests
{
    /// <summary>The engine these tests run on; the PostgreSQL variant below overrides it.</summary>
    protected virtual KbDatabaseProvider Provider => KbDatabaseProvider.Sqlite;

    private static async Task<List<string>> CodesAsync(TestDatabase db, string q) =>
        [.. (await db.Search.SearchAsync(q)).Articles.Select(a => a.Code)];

    [Fact]
    public async Task Reimporting_a_changed_file_replaces_its_hits_and_an_unchanged_reimport_keeps_them()
    {
        await using var db = await SearchCorpus.ImportedAsync(Provider);
        Assert.Contains("20955", await CodesAsync(db, "mandibular"));

        db.WriteDocument("20955.txt", SearchCorpus.FibulaGraft.Replace("mandibular", "maxillary", StringComparison.Ordinal));
        var report = await db.ImportAsync();
        Assert.Equal(1, report.Updated);
        Assert.Empty(await CodesAsync(db, "mandibular"));
        Assert.Equal(["20955"], await CodesAsync(db, "maxillary"));

        report = await db.ImportAsync();
        Assert.Equal(SearchCorpus.All.Length, report.Unchanged);
        Assert.Equal(["20955"], await CodesAsync(db, "maxillary"));
        Assert.Equal(await SectionCountAsync(db), await IndexRowsAsync(db));
    }

    [Fact]
    public async Task A_failed_import_leaves_the_index_as_it_was()
    {
        await using var db = await SearchCorpus.ImportedAsync(Provider);
        var before = await CodesAsync(db, "graft");
        db.WriteDocument("20962.txt", SearchCorpus.VascularizedGraft.Replace("graft", "implant", StringComparison.Ordinal));
        using var cancel = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            db.ImportAsync(new ProgressLog(p => { if (p.Done == 2) cancel.Cancel(); }), cancel.Token));
        Assert.Equal(before, await CodesAsync(db, "graft"));
    }

    [Fact]
    public async Task A_rebuild_gives_the_same_rows_and_the_same_results()
    {
        await using var db = await SearchCorpus.ImportedAsync(Provider);
        var rows = await IndexAsync(db);
        var results = await db.Search.SearchAsync("graft medicare");

        Assert.Equal(await db.QueryAsync(c => c.Articles.CountAsync()), await db.Services.GetRequiredService<Reindexer>().RebuildAsync());

        Assert.Equal(rows, await IndexAsync(db));
        var again = await db.Search.SearchAsync("graft medicare");
        Assert.Equal(results.Hits.Select(h => (h.Code, h.Anchor, h.Snippet.Marked(), h.Score)), again.Hits.Select(h => (h.Code, h.Anchor, h.Snippet.Marked(), h.Score)));
    }

    [Fact]
    public async Task Rebuilding_from_the_stored_revisions_gives_the_rows_the_importer_writes()
    {
        await using var db = await SearchCorpus.ImportedAsync(Provider);
        var rows = await IndexAsync(db);
        await ExecuteAsync(db, Provider == KbDatabaseProvider.Sqlite
            ? "INSERT INTO SearchSections(SearchSections) VALUES('delete-all');"
            : "DELETE FROM \"SearchSections\";");
        db.SearchIndex.MarkChanged();
        Assert.Empty(await CodesAsync(db, "graft"));

        await db.Services.GetRequiredService<Reindexer>().RebuildAsync();

        Assert.Equal(rows, await IndexAsync(db));
        Assert.NotEmpty(await CodesAsync(db, "graft"));
    }

    [Fact]
    public async Task A_new_database_is_marked_current_without_a_rebuild()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);

        Assert.Null(await db.Services.GetRequiredService<Reindexer>().EnsureCurrentAsync());
        Assert.Equal(CptKb.Core.Storage.StoreInfo.CurrentDerivedVersion,
            await db.QueryAsync(c => c.StoreInfo.Where(i => i.Key == CptKb.Core.Storage.StoreInfo.DerivedVersionKey).Select(i => i.Value).SingleAsync()));
    }

    [Fact]
    public void Every_section_kind_fits_the_index_rows_address() =>
        Assert.All(Enum.GetValues<CptKb.Core.Articles.SectionKind>(), kind => Assert.True(SqliteSearchIndex.KindFits(kind), kind.ToString()));

    [Fact]
    public async Task The_vocabulary_and_written_forms_come_from_the_indexed_text()
    {
        await using var db = await SearchCorpus.ImportedAsync(Provider);
        var vocabulary = await db.SearchIndex.VocabularyAsync();
        Assert.Contains(vocabulary, t => t.Term == "medicar" && t.Sections > 3);
        Assert.NotNull(await db.SearchIndex.FindTermAsync("medicar"));
        Assert.Null(await db.SearchIndex.FindTermAsync("nosuchterm"));
        // A suggestion reads as the word written in the text, not as the index's stem.
        Assert.Equal("medicare", (await db.Search.SearchAsync("medicre")).DidYouMean);
    }

    // Every section with text of its own is a row: counted from the articles as read from their stored revisions.
    private static async Task<int> SectionCountAsync(TestDatabase db)
    {
        var ids = await db.QueryAsync(c => c.Articles.Select(a => a.Id).ToListAsync());
        var articles = await db.Articles.GetByIdsAsync(ids);
        return articles.Sum(a => a.Value.Sections.Count(s => SearchText.Of(a.Value, s).Trim().Length > 0));
    }

    private static async Task<long> IndexRowsAsync(TestDatabase db) => (await IndexAsync(db)).Count(r => r.EndsWith(" | ", StringComparison.Ordinal));

    private static async Task<List<string>> IndexAsync(TestDatabase db)
    {
        await using var context = await db.Contexts.CreateDbContextAsync();
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        // The index holds no text (it is contentless): its rows are its keys, and every word's places in them (on
        // PostgreSQL, the row's two vectors of words, weights and places).
        command.CommandText = db.Provider == KbDatabaseProvider.Sqlite
            ? "SELECT rowid, '' FROM SearchSections UNION ALL SELECT doc, term || ' ' || col || ' ' || offset FROM SearchVocabularyInstances ORDER BY 1, 2;"
            : "SELECT \"Id\", '' FROM \"SearchSections\" UNION ALL SELECT \"Id\", \"Document\"::text || ' ' || \"Fields\"::text FROM \"SearchSections\" ORDER BY 1, 2;";
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i).ToString())));
        }
        return rows;
    }

    private static async Task ExecuteAsync(TestDatabase db, string sql)
    {
        await using var context = await db.Contexts.CreateDbContextAsync();
        await context.Database.ExecuteSqlRawAsync(sql);
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class SearchIndexOnPostgreSqlTests : SearchIndexTests
{
    protected override KbDatabaseProvider Provider => KbDatabaseProvider.PostgreSQL;
}
