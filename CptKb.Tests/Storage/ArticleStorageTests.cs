using CptKb.Tests.TestSupport;
using System.Text.Json;
using CptKb.Core.Articles;
using CptKb.Core.Import;
using CptKb.Core.Parsing;
using CptKb.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CptKb.Tests.Storage;

/// <summary>What is stored of an article: its text once, compressed, and the rows lists and filters read; the article itself is read from its text.</summary>
public class ArticleStorageTests
{
    /// <summary>The engine these tests run on; the PostgreSQL variant below overrides it.</summary>
    protected virtual KbDatabaseProvider Provider => KbDatabaseProvider.Sqlite;

    private static readonly string Text = Parsing.ParserSpec.FullFlattened.Replace("CPT 20955: Fibula", "CPT 20962: Fibula");

    [Fact]
    public async Task An_imported_article_reads_back_as_its_text_parses_with_its_source()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var bytes = db.WriteDocument("a/20962.txt", "\uFEFF" + Text.Replace("\n", "\r\n"));
        var report = await db.ImportAsync();

        var document = await db.Articles.GetAsync("20962");

        Assert.NotNull(document);
        Assert.Equal(JsonSerializer.Serialize(PublicationParser.Parse(bytes).Article), JsonSerializer.Serialize(document.Article));
        Assert.Equal(new ArticleSource("a/20962.txt", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), report.StartedAt, 1), document.Source);
    }

    [Fact]
    public async Task The_text_is_stored_once_compressed_and_reads_back_without_byte_order_mark_or_carriage_returns()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        db.WriteDocument("20962.txt", "\uFEFF" + Text.Replace("\n", "\r\n"));
        await db.ImportAsync();

        var revision = await db.QueryAsync(c => c.SourceDocuments.SingleAsync());
        Assert.Null(revision.RawText);
        Assert.NotNull(revision.Content);
        Assert.True(revision.Content.Length < Text.Length / 2, $"{revision.Content.Length} bytes stored for {Text.Length} characters");
        Assert.Equal(Text, StoredText.Of(revision));
    }

    [Fact]
    public async Task A_file_read_as_windows_1252_says_so_again_whenever_its_article_is_read()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        db.WriteDocument("20962.txt", System.Text.Encoding.Latin1.GetBytes("CPT 20962: Caf\u00e9 graft\nText.\n"));
        await db.ImportAsync();

        var article = (await db.Articles.GetAsync("20962"))?.Article;

        Assert.Equal("Café graft", article?.Title);
        Assert.Contains(article!.Warnings, w => w.Kind == ParseWarningKind.EncodingFallback);
    }

    [Fact]
    public async Task Lists_read_the_rows_code_order_key_site_categories_and_stances()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        db.WriteDocument("20962.txt", Text);
        db.WriteDocument("0001T.txt", TestDatabase.Publication("0001T", "Category III", "Medicare"));
        await db.ImportAsync();

        var list = await db.Articles.ListAsync(new PageRequest());
        Assert.Equal(["20962", "0001T"], list.Items.Select(a => a.Code));
        Assert.Equal(["Aetna", "Cigna Health", "Medicare"], list.Items[0].Payers);
        Assert.Equal(["22", "59"], list.Items[0].ModifierCodes);
        Assert.Equal(3, list.Items[0].DataGapCount);

        var row = await db.QueryAsync(c => c.Articles.Include(a => a.PayerSections).SingleAsync(a => a.Code == "20962"));
        Assert.Equal(20962, row.CodeSortKey);
        Assert.Equal(SiteCategory.ByKey("inpatient")!.Flag, row.SiteCategories);
        Assert.Equal("coding-specifications", row.ModifierTableAnchor);
        Assert.Equal(
            [CoverageStance.CoveredWithPriorAuthorization, CoverageStance.DataMissing, CoverageStance.Covered],
            row.PayerSections.OrderBy(p => p.Position).Select(p => p.Stance));
    }

    [Fact]
    public async Task The_article_list_is_read_a_page_at_a_time_and_a_page_past_the_last_is_empty()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        db.WriteDocument("b.txt", TestDatabase.Publication("20962"));
        db.WriteDocument("a.txt", TestDatabase.Publication("0001T", "Category III"));
        await db.ImportAsync();

        var second = await db.Articles.ListAsync(new PageRequest(2, 1));
        var past = await db.Articles.ListAsync(new PageRequest(int.MaxValue, PageRequest.MaxPageSize));

        Assert.Equal(["0001T"], second.Items.Select(a => a.Code));
        Assert.Equal((2, 2, 1, 2), (second.Total, second.Page, second.PageSize, second.PageCount));
        Assert.Empty(past.Items);
        Assert.Equal((2, int.MaxValue, 1), (past.Total, past.Page, past.PageCount));
    }

    [Fact]
    public async Task An_unknown_code_reads_back_as_null_and_a_known_one_is_found_whatever_its_case()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        db.WriteDocument("a.txt", TestDatabase.Publication("0001T"));
        await db.ImportAsync();

        Assert.Null(await db.Articles.GetAsync("99999"));
        Assert.Null(await db.Articles.GetAsync("not a code"));
        Assert.Equal("0001T", (await db.Articles.GetAsync(" 0001t "))?.Article.Code);
    }

    [Fact]
    public async Task Deleting_an_article_through_the_importers_writer_deletes_its_rows_and_index_and_keeps_its_source()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        db.WriteDocument("a.txt", Text);
        await db.ImportAsync();

        await using (var context = await db.Contexts.CreateDbContextAsync())
        await using (var transaction = await context.Database.BeginTransactionAsync())
        {
            using var rows = new ImportRowWriter(context, transaction.GetDbTransaction(), db.SearchIndex);
            rows.Delete(await context.Articles.Select(a => a.Id).SingleAsync());
            await transaction.CommitAsync();
        }
        db.SearchIndex.MarkChanged();

        Assert.Null(await db.Articles.GetAsync("20962"));
        Assert.Equal(0, await db.QueryAsync(async c =>
            await c.Payers.CountAsync() + await c.Modifiers.CountAsync() + await c.PayerSections.CountAsync() + await c.DataGaps.CountAsync()));
        Assert.Equal(1, await db.QueryAsync(c => c.SourceDocuments.CountAsync()));
        Assert.Equal(0, (await db.Search.SearchAsync("fibula")).Total);
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class ArticleStorageOnPostgreSqlTests : ArticleStorageTests
{
    protected override KbDatabaseProvider Provider => KbDatabaseProvider.PostgreSQL;
}
