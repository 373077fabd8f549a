using CptKb.Core.Search;
using CptKb.Core.Storage;
using CptKb.Tests.Storage;
using CptKb.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CptKb.Tests.Search;

/// <summary>
/// A word in more sections than a search ranks is read as the first share of them in key order (article by article);
/// PostgreSQL reads that share in windows of article blocks and key ranges, which must neither skip nor reorder an
/// article, and matches a prefix as the words it stands for, which must be all of them.
/// </summary>
public class SectionShareTests
{
    /// <summary>The engine these tests run on; the PostgreSQL variant below overrides it.</summary>
    protected virtual KbDatabaseProvider Provider => KbDatabaseProvider.Sqlite;

    /// <summary>Changes to the store's services; the PostgreSQL variant makes its blocks small, so 60 articles make many windows.</summary>
    protected virtual Action<IServiceCollection>? Services => null;

    private const int Articles = 60;

    // Two words of their own per article ("zetaa7", "zetab7"): 60 words start with "zetaa", 120 with "zeta".
    private static string Publication(int n) =>
        $"""
        Summary & Overview
        CPT {10000 + n}: Procedure Number {n}
        Some overview text{(n > Articles - 3 ? " about the zygomatic arch" : "")}, zetaa{n} and zetab{n}.
        Key payers covered in this analysis include Aetna and Medicare.

        """;

    private async Task<TestDatabase> ImportedAsync()
    {
        var db = await TestDatabase.CreateAsync(Provider, services: Services);
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
        await using var db = await ImportedAsync();
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
        await using var db = await ImportedAsync();
        var index = db.Services.GetRequiredService<ISearchIndex>();

        var matches = await index.MatchAsync(SearchQuery.Parse("zygomatic"), 100);

        Assert.True(matches.Complete);
        Assert.Equal(await ArticleIdsAsync(db, "10058", "10059", "10060"), matches.Sections.Select(s => s.Key.ArticleId).Distinct().Order());
        Assert.Equal(60, await index.CountAsync(SearchQuery.Parse("overview"), 1000));
        Assert.Equal(3, await index.CountAsync(SearchQuery.Parse("zygomatic arch"), 1000));
    }

    [Fact]
    public async Task A_prefix_finds_every_word_it_stands_for_and_one_added_later()
    {
        await using var db = await ImportedAsync();
        var index = db.Services.GetRequiredService<ISearchIndex>();
        var allIds = await ArticleIdsAsync(db, [.. Enumerable.Range(1, Articles).Select(n => (10000 + n).ToString(System.Globalization.CultureInfo.InvariantCulture))]);

        // 60 words: matched as those words on PostgreSQL; 120, more than it spells out: matched as a prefix.
        foreach (var prefix in new[] { "zetaa*", "zeta*", "zygo*" })
        {
            var matches = await index.MatchAsync(SearchQuery.Parse(prefix), 1000);
            Assert.True(matches.Complete);
            Assert.Equal(prefix == "zygo*" ? allIds.TakeLast(3) : allIds, matches.Sections.Select(s => s.Key.ArticleId).Distinct().Order());
        }
        Assert.Equal(30, (await index.MatchAsync(SearchQuery.Parse("overv*"), 30)).Sections.Select(s => s.Key.ArticleId).Distinct().Count());

        db.WriteDocument("061.txt", Publication(61));
        Assert.Equal(1, (await db.ImportAsync()).Imported);
        var added = await ArticleIdsAsync(db, "10061");
        var after = await index.MatchAsync(SearchQuery.Parse("zetaa*"), 1000);
        Assert.Equal([.. allIds, .. added], after.Sections.Select(s => s.Key.ArticleId).Distinct().Order());
        Assert.Equal(added, (await index.MatchAsync(SearchQuery.Parse("zetab61*"), 10)).Sections.Select(s => s.Key.ArticleId).Distinct());
    }
}

[Collection(PostgreSqlCollection.Name)]
public sealed class SectionShareOnPostgreSqlTests : SectionShareTests
{
    protected override KbDatabaseProvider Provider => KbDatabaseProvider.PostgreSQL;

    // Blocks of 4 articles in superblocks of 2, windows of at most 3 blocks: 60 articles are read in block windows and key
    // ranges.
    protected override Action<IServiceCollection>? Services => services => services.AddSingleton<ISearchIndex>(provider =>
        new PostgreSqlSearchIndex(provider.GetRequiredService<IDbContextFactory<KbDbContext>>(), new PostgreSqlSearchIndex.BlockLayout(2, 3, SuperShift: 1)));
}

[Collection(PostgreSqlCollection.Name)]
public sealed class SectionShareInBlockWindowsOnPostgreSqlTests : SectionShareTests
{
    protected override KbDatabaseProvider Provider => KbDatabaseProvider.PostgreSQL;

    // Blocks of 2 articles in superblocks of 4, windows of at most 8 blocks, no match taken for rare: every match is read in
    // block windows, whole superblocks among them.
    protected override Action<IServiceCollection>? Services => services => services.AddSingleton<ISearchIndex>(provider =>
        new PostgreSqlSearchIndex(provider.GetRequiredService<IDbContextFactory<KbDbContext>>(),
            new PostgreSqlSearchIndex.BlockLayout(1, 8, SuperShift: 2, RareMatch: 0)));
}
