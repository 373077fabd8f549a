using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CptKb.Core.Parsing;
using CptKb.Core.Search;
using CptKb.Core.Storage;
using Markdig;
using Microsoft.Data.Sqlite;

namespace CptKb.Bench.Import;

/// <summary>
/// The import's limit: what the app cannot do without. Every file read, checksummed, given to a bare Markdig parse and its
/// text compressed as the app stores it (in parallel, as the importer reads), then, in one transaction in file order,
/// each source text inserted once and the sections' search index rows (CptKb's own, worked out beforehand outside the
/// timing) written with hand-written prepared INSERTs. It stores less than the app does: no article rows, no payer,
/// modifier or gap rows, no import report. With <c>parse: false</c> the Markdig step is left out, which shows what the
/// inserts alone cost.
/// </summary>
internal sealed class PlainBulkInsert(IReadOnlyDictionary<string, IReadOnlyList<IndexedSection>> indexRowsByFile, bool parse = true)
{
    public int Run(string folder, string databasePath)
    {
        var files = Directory.EnumerateFiles(folder, "*.txt").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        var slots = files.Select(_ => new TaskCompletionSource<(byte[] Content, string Sha256)>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var reading = Parallel.ForEachAsync(Enumerable.Range(0, files.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Clamp(Environment.ProcessorCount, 1, 4) },
            async (i, ct) =>
            {
                var bytes = await File.ReadAllBytesAsync(Path.Combine(folder, files[i]), ct);
                var text = Encoding.UTF8.GetString(bytes);
                if (parse)
                    Markdown.Parse(text, PublicationParser.Pipeline);
                slots[i].SetResult((StoredText.Compress(text), Convert.ToHexStringLower(SHA256.HashData(bytes))));
            });

        using var connection = new SqliteConnection($"Data Source={databasePath}");
        connection.Open();
        Execute(connection, "PRAGMA synchronous=NORMAL;");
        using var transaction = connection.BeginTransaction();
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

        using var source = Prepare(connection, transaction, "INSERT INTO SourceDocuments (FileName, Revision, Content, Sha256, ImportedAt) VALUES (@p0, 1, @p1, @p2, @p3);", 4);
        using var indexRow = Prepare(connection, transaction, "INSERT INTO SearchSections (rowid, code, title, heading, body, payer, modifiers, site) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7);", 8);

        var rows = 0;
        for (var i = 0; i < files.Count; i++)
        {
            var (content, sha256) = slots[i].Task.GetAwaiter().GetResult();
            Insert(source, files[i], content, sha256, now);
            foreach (var x in indexRowsByFile[files[i]].SelectMany(s => SqliteSearchIndex.RowsOf(s with { Key = s.Key with { ArticleId = i + 1 } })))
            {
                Insert(indexRow, x.RowId, x.Code, x.Title, x.Heading, x.Body, x.Payer, x.Modifiers, x.Site);
                rows++;
            }
            rows++;
        }
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
