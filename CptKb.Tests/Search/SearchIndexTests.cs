using CptKb.Core.Search;
using CptKb.Tests.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CptKb.Tests.Search;

/// <summary>The index stays in step with the stored articles: imports, re-imports, rebuilds and the upgrade of an older layout.</summary>
public sealed class SearchIndexTests
{
    private static async Task<List<string>> CodesAsync(TestDatabase db, string q) =>
        [.. (await db.Search.SearchAsync(q)).Articles.Select(a => a.Code)];

    [Fact]
    public async Task Reimporting_a_changed_file_replaces_its_hits_and_an_unchanged_reimport_keeps_them()
    {
        await using var db = await SearchCorpus.ImportedAsync();
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
        await using var db = await SearchCorpus.ImportedAsync();
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
        await using var db = await SearchCorpus.ImportedAsync();
        var rows = await IndexAsync(db);
        var results = await db.Search.SearchAsync("graft medicare");

        Assert.Equal(rows.Count, await db.SearchIndex.RebuildAsync());

        Assert.Equal(rows, await IndexAsync(db));
        var again = await db.Search.SearchAsync("graft medicare");
        Assert.Equal(results.Hits, again.Hits);
    }

    [Fact]
    public async Task An_index_in_the_layout_before_chunks_is_rebuilt_once_and_then_found_again()
    {
        await using var db = await SearchCorpus.ImportedAsync();
        var rows = await IndexAsync(db);
        var results = await db.Search.SearchAsync("graft medicare");
        // The database as the earlier version left it: the search migration's rows (one a section, the old rowids), no format.
        await ExecuteAsync(db, "DELETE FROM SearchSections;");
        await ExecuteAsync(db, CptKb.Core.Storage.Migrations.Search.Fill);
        await ExecuteAsync(db, "PRAGMA user_version = 0;");
        Assert.NotEqual(rows, await IndexAsync(db));

        // The next start of the app, on that file.
        await using var upgraded = await TestDatabase.CreateAsync(databasePath: db.DatabasePath);
        Assert.Empty((await upgraded.Search.SearchAsync("graft")).Articles);

        Assert.True(await upgraded.SearchIndex.EnsureCurrentAsync());

        Assert.Equal(rows, await IndexAsync(db));
        Assert.Equal(results.Hits, (await upgraded.Search.SearchAsync("graft medicare")).Hits);
        Assert.False(await upgraded.SearchIndex.EnsureCurrentAsync());
    }

    [Fact]
    public async Task A_new_database_is_marked_current_without_a_rebuild()
    {
        await using var db = await TestDatabase.CreateAsync();

        Assert.False(await db.SearchIndex.EnsureCurrentAsync());
        Assert.Equal(SqliteSearchIndex.Format, await ScalarAsync(db, "PRAGMA user_version;"));
    }

    [Fact]
    public void Every_section_kind_fits_the_index_rows_address() =>
        Assert.All(Enum.GetValues<CptKb.Core.Articles.SectionKind>(), kind => Assert.True(SqliteSearchIndex.KindFits(kind), kind.ToString()));

    [Fact]
    public async Task The_vocabulary_and_written_forms_come_from_the_indexed_text()
    {
        await using var db = await SearchCorpus.ImportedAsync();
        var vocabulary = await db.SearchIndex.VocabularyAsync();
        Assert.Contains(vocabulary, t => t.Term == "medicar" && t.Sections > 3);
        Assert.Equal("Medicare", await db.SearchIndex.WrittenFormAsync("medicar"));
        Assert.Null(await db.SearchIndex.WrittenFormAsync("nosuchterm"));
    }

    private static Task<int> SectionCountAsync(TestDatabase db) =>
        db.QueryAsync(c => c.Sections.CountAsync(s => s.Body.Trim() != ""));

    private static async Task<long> IndexRowsAsync(TestDatabase db) => (await IndexAsync(db)).Count;

    private static async Task<List<string>> IndexAsync(TestDatabase db)
    {
        await using var connection = new SqliteConnection($"Data Source={db.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT rowid, code, title, heading, body, payer, modifiers, site, anchor FROM SearchSections ORDER BY rowid;";
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i).ToString())));
        }
        return rows;
    }

    private static async Task<long> ScalarAsync(TestDatabase db, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={db.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync() ?? 0L);
    }

    private static async Task ExecuteAsync(TestDatabase db, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={db.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
