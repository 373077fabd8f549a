using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CptKb.Core.Parsing;
using CptKb.Core.Search;
using CptKb.Core.Storage;
using Markdig;
using Microsoft.Data.Sqlite;

namespace CptKb.Bench.Import;

/// <summary>
/// The import's limit: every file read, checksummed and given to a bare Markdig parse (in parallel, as the
/// importer reads), then the same rows CptKb stores (worked out beforehand, outside the timing) written with
/// hand-written prepared INSERTs into the same tables, the FTS5 search index included, in one transaction, in file order. With <c>parse: false</c>
/// the Markdig step is left out, which shows what the inserts alone cost.
/// </summary>
internal sealed class PlainBulkInsert(IReadOnlyDictionary<string, StoredArticle> rowsByFile, bool parse = true)
{
    // The search index rows CptKb's importer writes in the same transaction, worked out here, outside any timing.
    private readonly Dictionary<string, List<IndexedSection>> indexRowsByFile =
        rowsByFile.ToDictionary(r => r.Key, r => IndexedSection.From(r.Value).ToList(), StringComparer.Ordinal);

    public int Run(string folder, string databasePath)
    {
        var files = Directory.EnumerateFiles(folder, "*.txt").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        var slots = files.Select(_ => new TaskCompletionSource<(string Text, string Sha256)>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var reading = Parallel.ForEachAsync(Enumerable.Range(0, files.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Clamp(Environment.ProcessorCount, 1, 4) },
            async (i, ct) =>
            {
                var bytes = await File.ReadAllBytesAsync(Path.Combine(folder, files[i]), ct);
                var text = Encoding.UTF8.GetString(bytes);
                if (parse)
                    Markdown.Parse(text, PublicationParser.Pipeline);
                slots[i].SetResult((text, Convert.ToHexStringLower(SHA256.HashData(bytes))));
            });

        using var connection = new SqliteConnection($"Data Source={databasePath}");
        connection.Open();
        Execute(connection, "PRAGMA synchronous=NORMAL;");
        using var transaction = connection.BeginTransaction();
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
        var runId = Convert.ToInt32(Scalar(connection, transaction,
            $"INSERT INTO ImportRuns (SourceFolder, StartedAt, Status, ImportedCount, UpdatedCount, UnchangedCount, FailedCount) VALUES ('{folder.Replace("'", "''")}', '{now}', 'Running', 0, 0, 0, 0) RETURNING Id;"),
            CultureInfo.InvariantCulture);

        using var source = Prepare(connection, transaction, "INSERT INTO SourceDocuments (FileName, Revision, RawText, Sha256, ImportedAt, ImportRunId) VALUES (@p0, 1, @p1, @p2, @p3, @p4) RETURNING Id;", 5);
        using var article = Prepare(connection, transaction, "INSERT INTO Articles (Code, CodeNumber, Title, Summary, ServiceType, SiteOfService, ClinicalContext, DataGapCount, SourceDocumentId) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8) RETURNING Id;", 9);
        using var payer = Prepare(connection, transaction, "INSERT INTO ArticlePayers (ArticleId, Position, Name) VALUES (@p0, @p1, @p2);", 3);
        using var fact = Prepare(connection, transaction, "INSERT INTO ArticleFacts (ArticleId, Position, Label, Value, SectionPath, Payer) VALUES (@p0, @p1, @p2, @p3, @p4, @p5);", 6);
        using var modifier = Prepare(connection, transaction, "INSERT INTO ArticleModifiers (ArticleId, Position, Code, Description, WhenToUse) VALUES (@p0, @p1, @p2, @p3, @p4);", 5);
        using var payerSection = Prepare(connection, transaction, "INSERT INTO ArticlePayerSections (ArticleId, Position, Payer, Anchor, Text, DataMissing) VALUES (@p0, @p1, @p2, @p3, @p4, @p5);", 6);
        using var section = Prepare(connection, transaction, "INSERT INTO ArticleSections (ArticleId, Position, Heading, Level, Anchor, Path, Kind, Body) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7);", 8);
        using var gap = Prepare(connection, transaction, "INSERT INTO ArticleDataGaps (ArticleId, Position, SectionPath, Anchor, FactLabel, Payer) VALUES (@p0, @p1, @p2, @p3, @p4, @p5);", 6);
        using var warning = Prepare(connection, transaction, "INSERT INTO ArticleWarnings (ArticleId, Position, Message, Line) VALUES (@p0, @p1, @p2, @p3);", 4);
        using var indexRow = Prepare(connection, transaction, "INSERT INTO SearchSections (rowid, code, title, heading, body, payer, modifiers, site, anchor) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8);", 9);
        using var runFile = Prepare(connection, transaction, "INSERT INTO ImportRunFiles (ImportRunId, Position, FileName, Status, Code, Messages) VALUES (@p0, @p1, @p2, 'Imported', @p3, @p4);", 5);

        var rows = 0;
        for (var i = 0; i < files.Count; i++)
        {
            var (text, sha256) = slots[i].Task.GetAwaiter().GetResult();
            var a = rowsByFile[files[i]];
            var sourceId = Insert(source, files[i], text, sha256, now, runId);
            var id = Insert(article, a.Code, a.CodeNumber, a.Title, a.Summary, a.ServiceType, a.SiteOfService, a.ClinicalContext, a.DataGapCount, sourceId);
            foreach (var p in a.Payers) Insert(payer, id, p.Position, p.Name);
            foreach (var f in a.Facts) Insert(fact, id, f.Position, f.Label, f.Value, f.SectionPath, f.Payer);
            foreach (var m in a.Modifiers) Insert(modifier, id, m.Position, m.Code, m.Description, m.WhenToUse);
            foreach (var p in a.PayerSections) Insert(payerSection, id, p.Position, p.Payer, p.Anchor, p.Text, p.DataMissing);
            foreach (var s in a.Sections) Insert(section, id, s.Position, s.Heading, s.Level, s.Anchor, s.Path, s.Kind.ToString(), s.Body);
            foreach (var g in a.DataGaps) Insert(gap, id, g.Position, g.SectionPath, g.Anchor, g.FactLabel, g.Payer);
            foreach (var w in a.Warnings) Insert(warning, id, w.Position, w.Message, w.Line);
            foreach (var x in indexRowsByFile[files[i]].SelectMany(s => SqliteSearchIndex.RowsOf(s with { Key = s.Key with { ArticleId = id } })))
                Insert(indexRow, x.RowId, x.Code, x.Title, x.Heading, x.Body, x.Payer, x.Modifiers, x.Site, x.Anchor);
            Insert(runFile, runId, i, files[i], a.Code, JsonSerializer.Serialize(a.Warnings.Select(w => w.Message)));
            rows += 3 + a.Payers.Count + a.Facts.Count + a.Modifiers.Count + a.PayerSections.Count + a.Sections.Count + a.DataGaps.Count + a.Warnings.Count;
        }
        Execute(connection, $"UPDATE ImportRuns SET Status = 'Succeeded', ImportedCount = {files.Count}, FinishedAt = '{now}' WHERE Id = {runId};", transaction);
        transaction.Commit();
        reading.GetAwaiter().GetResult();
        return rows;
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < parameters; i++)
            command.Parameters.Add(new SqliteParameter($"@p{i}", null));
        command.Prepare();
        return command;
    }

    private static int Insert(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        if (!command.CommandText.Contains("RETURNING", StringComparison.Ordinal))
        {
            command.ExecuteNonQuery();
            return 0;
        }
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
