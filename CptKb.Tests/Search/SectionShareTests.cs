using CptKb.Core.Search;
using CptKb.Core.Storage;
using CptKb.Tests.Storage;
using CptKb.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CptKb.Tests.Search;

/// <summary>
/// A word in more sections than a search ranks is read as the first share of them in key order (article by article);
/// PostgreSQL reads that share in windows of article ids, which must neither skip nor reorder an article.
/// </summary>
public class SectionShareTests
{
    /// <summary>The engine these tests run on; the PostgreSQL variant below overrides it.</summary>
    protected virtual KbDatabaseProvider Provider => KbDatabaseProvider.Sqlite;

    private const int Articles = 60;

    private static string Publication(int n) =>
        $"""
        Summary & Overview
        CPT {10000 + n}: Procedure Number {n}
        Some overview text{(n > Articles - 3 ? " about the zygomatic arch" : "")}.
        Key payers covered in this analysis include Aetna and Medicare.

        """;

    private static async Task<TestDatabase> ImportedAsync(KbDatabaseProvider provider)
    {
        var db = await TestDatabase.CreateAsync(provider);
        for (var n = 1; n <= Articles; n++)
            db.WriteDocument($"{n:000}.txt", Publication(n));
        var report = await db.ImportAsync();
        Assert.Equal(Articles, report.Imported);
        return db;
    }

    private static Task<List<int>> ArticleIdsAsync(TestDatabase db, params string[] codes) =>
        db.QueryAsync(c => c.Articles.Where(a => codes.Contains(a.Code)).OrderBy(a => a.Id).Select(a => a.Id).ToListAsync());

    [Fact]
    public async Task A_word_in_every_article_is_read_as_the_first_articles_in_key_order_and_said_to_be_a_share()
    {
        await using var db = await ImportedAsync(Provider);
        var index = db.Services.GetRequiredService<ISearchIndex>();
        var allIds = await ArticleIdsAsync(db, [.. Enumerable.Range(1, Articles).Select(n => (10000 + n).ToString(System.Globalization.CultureInfo.InvariantCulture))]);

        foreach (var share in new[] { 1, 5, 17, 59 })
        {
            var matches = await index.MatchAsync(SearchQuery.Parse("overview"), share);

            Assert.False(matches.Complete);
            var read = matches.Sections.Select(s => s.Key.ArticleId).Distinct().Order().ToList();
            Assert.Equal(allIds.Take(share), read);
            Assert.Equal(allIds[share - 1], matches.LastArticleId);
        }
    }

    [Fact]
    public async Task A_word_in_the_last_articles_only_is_found_whole()
    {
        await using var db = await ImportedAsync(Provider);
        var index = db.Services.GetRequiredService<ISearchIndex>();

        var matches = await index.MatchAsync(SearchQuery.Parse("zygomatic"), 100);

        Assert.True(matches.Complete);
        Assert.Equal(await ArticleIdsAsync(db, "10058", "10059", "10060"), matches.Sections.Select(s => s.Key.ArticleId).Distinct().Order());
        Assert.Equal(60, await index.CountAsync(SearchQuery.Parse("overview"), 1000));
        Assert.Equal(3, await index.CountAsync(SearchQuery.Parse("zygomatic arch"), 1000));
    }
}

[Collection(PostgreSqlCollection.Name)]
public sealed class SectionShareOnPostgreSqlTests : SectionShareTests
{
    protected override KbDatabaseProvider Provider => KbDatabaseProvider.PostgreSQL;
}
