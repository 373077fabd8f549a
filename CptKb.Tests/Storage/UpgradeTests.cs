using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CptKb.Core.Import;
using CptKb.Core.Parsing;
using CptKb.Core.Storage;
using CptKb.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace CptKb.Tests.Storage;

/// <summary>
/// A database written by the version that stored every text three times (the migrations up to <c>Search</c>, filled as
/// that version's importer filled them) upgrades in place: no article, revision or import run is lost, and every article
/// reads as its text does.
/// </summary>
public sealed class UpgradeTests
{
    private const string LastMigrationBeforeTheUpgrade = "20261127170350_Search";

    [Fact]
    public async Task A_database_of_the_previous_layout_upgrades_in_place_with_every_article_revision_and_run()
    {
        await using var db = await TestDatabase.CreateAsync(initialize: false);
        Directory.CreateDirectory(Path.GetDirectoryName(db.DatabasePath)!);
        await using (var context = await db.Contexts.CreateDbContextAsync())
            await context.GetService<IMigrator>().MigrateAsync(LastMigrationBeforeTheUpgrade);

        var documents = Documents();
        var revised = documents[0] with { Revision = 2, Text = documents[0].Text.Replace("Summary & Overview", "Summary & Overview\nA revised opening line.", StringComparison.Ordinal) };
        WriteOldLayout(db.DatabasePath, [.. documents, revised]);
        var current = documents.Skip(1).Append(revised).ToList();

        await db.Database.InitializeAsync();
        var rebuilt = await db.Services.GetRequiredService<Reindexer>().EnsureCurrentAsync();

        Assert.Equal(current.Count, rebuilt);
        foreach (var document in current)
        {
            var stored = await db.Articles.GetAsync(document.Code);
            Assert.True(stored is not null, document.Code);
            var expected = PublicationParser.Parse(document.Text).Article;
            Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(stored.Article));
            Assert.Equal(new ArticleSource(document.FileName, Sha(document.Text), ImportedAt, document.Revision), stored.Source);
        }
        var revisions = await db.QueryAsync(c => c.SourceDocuments.OrderBy(s => s.Id).ToListAsync());
        Assert.Equal(documents.Count + 1, revisions.Count);
        Assert.All(revisions, r => Assert.Null(r.RawText));
        Assert.Equal(documents[0].Text, StoredText.Of(revisions.Single(r => r.FileName == documents[0].FileName && r.Revision == 1)));
        Assert.Equal(revised.Text, StoredText.Of(revisions.Single(r => r.FileName == documents[0].FileName && r.Revision == 2)));
        Assert.Equal(1, await db.QueryAsync(c => c.ImportRuns.CountAsync()));
        Assert.Equal(current.Count, await db.QueryAsync(c => c.Articles.CountAsync()));

        // The search index is written again from the revisions.
        Assert.Contains("20955", (await db.Search.SearchAsync("fibula")).Articles.Select(a => a.Code));
        Assert.Equal(20, (await db.Search.SearchAsync("generated")).Total);

        // Rebuilt once: a second start has nothing to do.
        Assert.Null(await db.Services.GetRequiredService<Reindexer>().EnsureCurrentAsync());
    }

    private static readonly DateTimeOffset ImportedAt = new(2026, 11, 27, 18, 0, 0, TimeSpan.Zero);

    private sealed record Document(string FileName, int Revision, string Code, string Text);

    private static List<Document> Documents()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Corpus");
        var texts = new List<(string Name, string Text)>
        {
            ("000_seed.txt", File.ReadAllText(Parsing.SeedGoldenTests.SeedPath)),
        };
        texts.AddRange(Directory.EnumerateFiles(folder).Where(f => !f.EndsWith("broken.txt", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllText(f))));
        var generated = Path.Combine(Path.GetTempPath(), "cptkb-tests", "upgrade-" + Guid.NewGuid().ToString("N"));
        GeneratedCorpus.Write(generated, 20);
        texts.AddRange(Directory.EnumerateFiles(generated).Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllText(f))));
        Directory.Delete(generated, recursive: true);
        return [.. texts.Select(t => new Document(t.Name, 1, PublicationParser.Parse(t.Text).Article!.Code, t.Text))];
    }

    private static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>The rows the previous version's importer wrote, text copies included, for each document's revision.</summary>
    private static void WriteOldLayout(string databasePath, IReadOnlyList<Document> revisions)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath}");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        var at = ImportedAt.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
        Execute(connection, transaction, $"INSERT INTO ImportRuns (Id, SourceFolder, StartedAt, FinishedAt, Status, ImportedCount, UpdatedCount, UnchangedCount, FailedCount) VALUES (1, '/seeds', '{at}', '{at}', 'Succeeded', {revisions.Count}, 0, 0, 0);");
        var articleIds = new Dictionary<string, long>();
        foreach (var revision in revisions)
        {
            var article = PublicationParser.Parse(revision.Text).Article!;
            var sourceId = Insert(connection, transaction,
                "INSERT INTO SourceDocuments (FileName, Revision, RawText, Sha256, ImportedAt, ImportRunId) VALUES (@p0, @p1, @p2, @p3, @p4, 1) RETURNING Id;",
                revision.FileName, revision.Revision, revision.Text, Sha(revision.Text), at);
            if (articleIds.TryGetValue(article.Code, out var id))
            {
                Execute(connection, transaction, $"UPDATE Articles SET SourceDocumentId = {sourceId}, Title = 'superseded' WHERE Id = {id};");
                continue;
            }
            id = Insert(connection, transaction,
                "INSERT INTO Articles (Code, CodeNumber, Title, Summary, ServiceType, SiteOfService, ClinicalContext, DataGapCount, SourceDocumentId) " +
                "VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8) RETURNING Id;",
                article.Code, int.Parse(article.Code[..4], CultureInfo.InvariantCulture), article.Title, article.Summary, article.ServiceType,
                article.SiteOfService, article.ClinicalContext, article.DataGaps.Count, sourceId);
            articleIds[article.Code] = id;
            for (var i = 0; i < article.Sections.Count; i++)
            {
                var s = article.Sections[i];
                Insert(connection, transaction, "INSERT INTO ArticleSections (ArticleId, Position, Heading, Level, Anchor, Path, Kind, Body) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7);",
                    id, i, s.Heading, s.Level, s.Anchor, s.Path, s.Kind.ToString(), s.Body);
            }
            for (var i = 0; i < article.Facts.Count; i++)
            {
                var f = article.Facts[i];
                Insert(connection, transaction, "INSERT INTO ArticleFacts (ArticleId, Position, Label, Value, SectionPath, Payer) VALUES (@p0, @p1, @p2, @p3, @p4, @p5);",
                    id, i, f.Label, f.Value, f.SectionPath, f.Payer);
            }
            for (var i = 0; i < article.PayerSections.Count; i++)
            {
                var p = article.PayerSections[i];
                Insert(connection, transaction, "INSERT INTO ArticlePayerSections (ArticleId, Position, Payer, Anchor, Text, DataMissing) VALUES (@p0, @p1, @p2, @p3, @p4, @p5);",
                    id, i, p.Payer, p.Anchor, "the old copy of the text", p.DataMissing);
            }
            for (var i = 0; i < article.Payers.Count; i++)
                Insert(connection, transaction, "INSERT INTO ArticlePayers (ArticleId, Position, Name) VALUES (@p0, @p1, @p2);", id, i, article.Payers[i]);
            for (var i = 0; i < article.Warnings.Count; i++)
                Insert(connection, transaction, "INSERT INTO ArticleWarnings (ArticleId, Position, Message, Line) VALUES (@p0, @p1, @p2, @p3);", id, i, article.Warnings[i].Message, article.Warnings[i].Line);
            Insert(connection, transaction, "INSERT INTO SearchSections (rowid, code, title, heading, body, payer, modifiers, site, anchor) VALUES (@p0, @p1, @p2, '', '', '', '', '', '');",
                id << 24, article.Code, article.Title);
        }
        transaction.Commit();
    }

    private static long Insert(SqliteConnection connection, SqliteTransaction transaction, string sql, params object?[] values)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
            command.Parameters.AddWithValue($"@p{i}", values[i] ?? DBNull.Value);
        return sql.Contains("RETURNING", StringComparison.Ordinal) ? (long)command.ExecuteScalar()! : command.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
