using System.Text.Json;
using CptKb.Core.Articles;
using CptKb.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CptKb.Tests.Storage;

public sealed class ArticleStorageTests
{
    private static readonly Article Full = new()
    {
        Code = "20962",
        Title = "Vascularized Bone Graft",
        Summary = "CPT code 20962 identifies a *surgical* procedure.",
        Payers = ["Aetna", "Cigna Health", "Medicare"],
        Facts =
        [
            new Fact("Service type", "Surgical grafting", "Billing Code Overview"),
            new Fact("Typical site of service", "Operating room", "Billing Code Overview"),
            new Fact("Coverage", "Covered when necessary", "Payer Coverage & Benchmarks > Aetna", "Aetna"),
            new Fact("Prior authorization", "Required", "Payer Coverage & Benchmarks > Aetna", "Aetna"),
            new Fact("Coverage", "Data not available in the input.", "Payer Coverage & Benchmarks > Medicare", "Medicare"),
        ],
        ServiceType = "Surgical grafting",
        SiteOfService = "Operating room",
        ClinicalContext = "A 48-year-old male presents with a defect.",
        Modifiers =
        [
            new Modifier("-58", "Staged procedure", "When planned"),
            new Modifier("-59", "Distinct procedural service", null),
            new Modifier(null, "A row without a code", null),
        ],
        PayerSections =
        [
            new PayerSection("Aetna", "aetna", "Aetna covers it.", [], false),
            new PayerSection("Cigna Health", "cigna-health", "Nothing here.", [], true),
            new PayerSection("Medicare", "medicare", "Data not available in the input.", [], true),
        ],
        Sections =
        [
            new Section("Summary & Overview", 2, "summary-overview", "Summary & Overview", SectionKind.Summary, "Body one"),
            new Section("Billing Code Overview", 2, "billing-code-overview", "Billing Code Overview", SectionKind.BillingCodeOverview, "Body two"),
            new Section("Aetna", 3, "aetna", "Payer Coverage & Benchmarks > Aetna", SectionKind.Payer, "Aetna covers it."),
            new Section("Odd heading", 2, "odd-heading", "Odd heading", SectionKind.Other, ""),
        ],
        DataGaps =
        [
            new DataGap("Billing Code Overview", "billing-code-overview"),
            new DataGap("Payer Coverage & Benchmarks > Medicare", "medicare", "Coverage", "Medicare"),
        ],
        Warnings = [new ParseWarning("modifier table row 3 has 2 of 3 cells", 41), new ParseWarning("no line")],
    };

    // Payer sections hold the article's facts with their payer: that is how they are stored.
    private static readonly Article FullWithPayerFacts = Full with
    {
        PayerSections = [.. Full.PayerSections.Select(s => s with { Facts = [.. Full.Facts.Where(f => f.Payer == s.Payer)] })],
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_article_with_every_part_reads_back_equal_with_its_source(bool throughTheImportersWriter)
    {
        await using var db = await TestDatabase.CreateAsync();
        var importedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2));
        var source = new SourceDocument
        {
            FileName = "a/20962.txt", Revision = 1, RawText = "raw", Sha256 = new string('a', 64), ImportedAt = importedAt,
        };
        if (throughTheImportersWriter) await WriteAsync(db, FullWithPayerFacts, source);
        else await StoreAsync(db, FullWithPayerFacts, source);

        var document = await db.Articles.GetAsync("20962");

        Assert.NotNull(document);
        Assert.Equal(JsonSerializer.Serialize(FullWithPayerFacts), JsonSerializer.Serialize(document.Article));
        Assert.Equal(new ArticleSource("a/20962.txt", new string('a', 64), importedAt, 1), document.Source);
    }

    [Fact]
    public async Task The_list_is_ordered_by_code_with_payers_modifier_codes_and_gap_counts()
    {
        await using var db = await TestDatabase.CreateAsync();
        await StoreAsync(db, Full, Source("b.txt"));
        await StoreAsync(db, new Article { Code = "0001T", Title = "Category III", Payers = ["Medicare"] }, Source("a.txt"));

        var list = (await db.Articles.ListAsync(new PageRequest())).Items;

        Assert.Equal(["0001T", "20962"], list.Select(a => a.Code));
        Assert.Equal("Category III", list[0].Title);
        Assert.Equal(["Medicare"], list[0].Payers);
        Assert.Empty(list[0].ModifierCodes);
        Assert.Equal(0, list[0].DataGapCount);
        Assert.Equal(["Aetna", "Cigna Health", "Medicare"], list[1].Payers);
        Assert.Equal(["-58", "-59"], list[1].ModifierCodes);
        Assert.Equal(2, list[1].DataGapCount);
    }

    [Fact]
    public async Task The_article_list_is_read_a_page_at_a_time_and_a_page_past_the_last_is_empty()
    {
        await using var db = await TestDatabase.CreateAsync();
        await StoreAsync(db, Full, Source("b.txt"));
        await StoreAsync(db, new Article { Code = "0001T", Title = "Category III" }, Source("a.txt"));

        var second = await db.Articles.ListAsync(new PageRequest(2, 1));
        var past = await db.Articles.ListAsync(new PageRequest(int.MaxValue, PageRequest.MaxPageSize));

        Assert.Equal(["20962"], second.Items.Select(a => a.Code));
        Assert.Equal((2, 2, 1, 2), (second.Total, second.Page, second.PageSize, second.PageCount));
        Assert.Empty(past.Items);
        Assert.Equal((2, int.MaxValue, 1), (past.Total, past.Page, past.PageCount));
    }

    [Fact]
    public async Task An_unknown_code_reads_back_as_null_and_a_known_one_is_found_whatever_its_case()
    {
        await using var db = await TestDatabase.CreateAsync();
        await StoreAsync(db, Full with { Code = "0001T" }, Source("a.txt"));

        Assert.Null(await db.Articles.GetAsync("99999"));
        Assert.Equal("0001T", (await db.Articles.GetAsync(" 0001t "))?.Article.Code);
    }

    [Theory]
    [InlineData("20962", 20962)]
    [InlineData("0001T", 1)]
    [InlineData("T", 0)]
    public void The_code_number_is_the_codes_leading_digits(string code, int expected) =>
        Assert.Equal(expected, ArticleMapping.CodeNumberOf(code));

    [Fact]
    public async Task Deleting_an_article_through_the_importers_writer_deletes_its_parts_and_keeps_its_source()
    {
        await using var db = await TestDatabase.CreateAsync();
        await WriteAsync(db, Full, Source("a.txt"));

        await using (var context = await db.Contexts.CreateDbContextAsync())
        await using (var transaction = await context.Database.BeginTransactionAsync())
        {
            using var rows = new ArticleRowWriter(context, (SqliteTransaction)transaction.GetDbTransaction(), db.SearchIndex);
            rows.Delete(await context.Articles.Select(a => a.Id).SingleAsync());
            await transaction.CommitAsync();
        }

        Assert.Null(await db.Articles.GetAsync("20962"));
        Assert.Equal(0, await db.QueryAsync(async c =>
            await c.Payers.CountAsync() + await c.Facts.CountAsync() + await c.Modifiers.CountAsync() + await c.PayerSections.CountAsync()
            + await c.Sections.CountAsync() + await c.DataGaps.CountAsync() + await c.Warnings.CountAsync()));
        Assert.Equal(1, await db.QueryAsync(c => c.SourceDocuments.CountAsync()));
    }

    private static SourceDocument Source(string fileName) =>
        new() { FileName = fileName, Revision = 1, RawText = "raw", Sha256 = new string('0', 64), ImportedAt = DateTimeOffset.UtcNow };

    private static async Task StoreAsync(TestDatabase db, Article article, SourceDocument source)
    {
        await using var context = await db.Contexts.CreateDbContextAsync();
        var stored = article.ToStored();
        stored.SourceDocument = source;
        context.Articles.Add(stored);
        await context.SaveChangesAsync();
    }

    private static async Task WriteAsync(TestDatabase db, Article article, SourceDocument source)
    {
        await using var context = await db.Contexts.CreateDbContextAsync();
        await using var transaction = await context.Database.BeginTransactionAsync();
        using (var rows = new ArticleRowWriter(context, (SqliteTransaction)transaction.GetDbTransaction(), db.SearchIndex))
        {
            var stored = article.ToStored();
            stored.SourceDocument = source;
            rows.Insert(stored);
        }
        await transaction.CommitAsync();
    }
}
