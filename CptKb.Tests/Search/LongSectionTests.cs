using System.Text;
using CptKb.Core.Articles;
using CptKb.Core.Import;
using CptKb.Core.Search;
using CptKb.Core.Storage;
using CptKb.Tests.Storage;
using CptKb.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CptKb.Tests.Search;

/// <summary>
/// The small corpus plus a publication whose clinical context is about 15 MB of one repeated word (the importer takes
/// files up to 16 MB), with one other word near its end; imported once for the class.
/// </summary>
public class LongSectionFixture : IAsyncLifetime
{
    /// <summary>The engine the corpus is imported into.</summary>
    public virtual KbDatabaseProvider Provider => KbDatabaseProvider.Sqlite;

    public const string Code = "22600";
    public const string Repeated = "arthrodesis";
    public const string NearTheEnd = "zygomaticus";

    internal TestDatabase Db { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Db = await TestDatabase.CreateAsync(Provider);
        foreach (var (file, text) in SearchCorpus.All) Db.WriteDocument(file, text);
        var line = string.Join(' ', Enumerable.Repeat(Repeated, 12));
        var clinical = new StringBuilder(15 * 1024 * 1024 + 200);
        while (clinical.Length < 15 * 1024 * 1024) clinical.Append(line).Append('\n');
        clinical.Append(line).Append(" and at last the ").Append(NearTheEnd).Append(" muscle.\n").Append(line);
        Db.WriteDocument($"{Code}.txt", SearchCorpus.Publication(Code, "Spinal Arthrodesis, Posterior Technique", ["Aetna"],
            "Posterior spinal fusion of one segment.", clinical.ToString(), ["22"], "inpatient hospital"));
        var report = await Db.ImportAsync();
        Assert.Equal(ImportRunStatus.Succeeded, report.Status);
        Assert.Equal(SearchCorpus.All.Length + 1, report.Imported);
    }

    public async Task DisposeAsync() => await Db.DisposeAsync();
}

/// <summary>The same corpus on PostgreSQL.</summary>
public sealed class PostgreSqlLongSectionFixture : LongSectionFixture
{
    public override KbDatabaseProvider Provider => KbDatabaseProvider.PostgreSQL;
}

/// <summary>One very large section neither stalls search nor hides its words; the index holds it as rows of bounded size.</summary>
public abstract class LongSectionSuite(LongSectionFixture fixture)
{
    private TestDatabase Db => fixture.Db;

    [Fact]
    public async Task A_long_section_is_held_as_several_index_rows_and_an_ordinary_one_as_one()
    {
        var rowsPerSection = (await RowIdsAsync()).GroupBy(SqliteSearchIndex.KeyOf).ToDictionary(g => g.Key, g => g.Count());
        var articleId = await Db.QueryAsync(c => Task.FromResult(c.Articles.Single(a => a.Code == LongSectionFixture.Code).Id));

        var clinical = rowsPerSection.Single(s => s.Key.ArticleId == articleId && s.Key.Kind == SectionKind.ClinicalContext);
        Assert.InRange(clinical.Value, 15 * 1024 * 1024 / SectionChunks.MaxChars, 15 * 1024 * 1024 / 1000);
        Assert.All(rowsPerSection.Where(s => s.Key != clinical.Key), s => Assert.Equal(1, s.Value));
    }

    [Fact]
    public async Task A_word_near_the_end_of_a_15_MB_section_is_found_and_its_hit_points_at_that_section()
    {
        var results = await Db.Search.SearchAsync(LongSectionFixture.NearTheEnd);

        var article = Assert.Single(results.Articles);
        Assert.Equal(LongSectionFixture.Code, article.Code);
        var hit = Assert.Single(article.Sections);
        Assert.Equal("clinical-context", hit.Anchor);
        Assert.Equal([LongSectionFixture.NearTheEnd], results.HighlightWords);
        Assert.Contains($"[{LongSectionFixture.NearTheEnd}] muscle.", hit.Snippet.Marked());
        Assert.InRange(hit.Snippet.Text.Length, 1, 1000);
        Assert.False(results.TimedOut);
    }

    [Theory]
    [InlineData(LongSectionFixture.Repeated)]
    [InlineData("arthrod*")]
    [InlineData("\"arthrodesis arthrodesis\"")]
    [InlineData("arthrodesis 22600")]
    public async Task The_repeated_word_a_prefix_of_it_and_a_phrase_of_it_answer_with_short_snippets(string q)
    {
        var results = await Db.Search.SearchAsync(q);

        var article = results.Articles.First(a => a.Code == LongSectionFixture.Code);
        Assert.Contains(article.Sections, s => s.Anchor == "clinical-context");
        Assert.All(results.Hits, h => Assert.InRange(h.Snippet.Text.Length, 1, 1000));
        Assert.NotEmpty(article.Sections.Single(s => s.Anchor == "clinical-context").Snippet.Highlights);
        Assert.False(results.TimedOut);
    }

    [Fact]
    public async Task The_ordinary_articles_are_still_found_and_ranked_beside_it()
    {
        Assert.Equal(["20955"], (await Db.Search.SearchAsync("mandibular")).Articles.Select(a => a.Code));
        var graft = await Db.Search.SearchAsync("graft");
        Assert.Equal(["0001T", "20955", "20962"], graft.Articles.Take(3).Select(a => a.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_search_with_no_time_left_answers_at_once_and_says_it_timed_out()
    {
        await using var noTime = await TestDatabase.SameDatabaseAsync(Db, new SearchLimits { TimeBudget = TimeSpan.Zero });

        var results = await noTime.Search.SearchAsync(LongSectionFixture.Repeated);

        Assert.True(results.TimedOut);
        Assert.Empty(results.Articles);
    }

    private async Task<List<long>> RowIdsAsync()
    {
        await using var context = await Db.Contexts.CreateDbContextAsync();
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = Db.Provider == KbDatabaseProvider.Sqlite ? "SELECT rowid FROM SearchSections;" : "SELECT \"Id\" FROM \"SearchSections\";";
        var rowids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rowids.Add(reader.GetInt64(0));
        return rowids;
    }
}

public sealed class LongSectionTests(LongSectionFixture fixture) : LongSectionSuite(fixture), IClassFixture<LongSectionFixture>;

/// <summary>The same tests on PostgreSQL.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class LongSectionOnPostgreSqlTests(PostgreSqlLongSectionFixture fixture) : LongSectionSuite(fixture), IClassFixture<PostgreSqlLongSectionFixture>;
