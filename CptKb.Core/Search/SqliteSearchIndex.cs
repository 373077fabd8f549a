using System.Data.Common;
using System.Globalization;
using System.Text;
using CptKb.Core.Articles;
using CptKb.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CptKb.Core.Search;

/// <summary>
/// The search index on SQLite FTS5: the only code that writes FTS5 SQL (the migration that created the table aside).
/// <para>
/// One row per section in <c>SearchSections</c>, tokenized by <c>porter unicode61</c>. The table is contentless: it holds
/// the index of the words, not the text, which is stored once, in the article's revision; snippets are cut from that. A row's rowid packs its article id,
/// section kind and position (<c>articleId &lt;&lt; 24 | kind &lt;&lt; 16 | position</c>), so a match tells which
/// article and kind it belongs to without reading the row, and an article's rows are one rowid range.
/// </para>
/// <para>
/// bm25 scores every matching row and first counts every row holding each query word, which costs about a
/// microsecond a row: fine for a few thousand rows, far too slow for a word in every document of 100,000. So a query
/// is first read up to a bound, in rowid order, without scoring; under it, every match is ranked by bm25 with column
/// weights (code, title, heading, body, in that order); over it, that first share is kept, and matches in the title
/// column (bounded too) are looked up apart and ranked above the rest.
/// </para>
/// </summary>
public sealed class SqliteSearchIndex(IDbContextFactory<KbDbContext> contexts) : ISearchIndex
{
    internal const string Table = "SearchSections";
    internal const string VocabularyTable = "SearchVocabulary";
    internal const string InstanceTable = "SearchVocabularyInstances";

    // bm25 weights, in column order: code, title, heading, body, payer, modifiers, site.
    internal const string Bm25 = $"bm25({Table}, 20.0, 8.0, 4.0, 1.0, 2.0, 2.0, 1.0)";

    // Scores of the bounded path: all of the query's free terms in the title, or anywhere.
    private const double TitleTier = 2, AnyTier = 1;

    private const int ArticleShift = 24, KindShift = 16;

    private long version;

    /// <inheritdoc />
    public long Version => Interlocked.Read(ref version);

    /// <inheritdoc />
    public void MarkChanged() => Interlocked.Increment(ref version);

    /// <inheritdoc />
    public ISearchIndexWriter OpenWriter(DbTransaction transaction) =>
        new Writer(transaction as SqliteTransaction ?? throw new ArgumentException("The SQLite search index needs a SQLite transaction.", nameof(transaction)));

    /// <inheritdoc />
    public async Task<SectionMatches> MatchAsync(SearchQuery query, int maxSections, CancellationToken cancellationToken = default)
    {
        if (query.IsEmpty || maxSections < 1) return SectionMatches.None;
        var match = Expression(query, null);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await OpenAsync(db, cancellationToken);

        // The first rows in rowid order, one more than the bound: all of them when that many do not match, else the share to read.
        var share = new List<SectionKey>();
        await foreach (var key in RowsAsync(connection, match, maxSections + 1, cancellationToken)) share.Add(key);
        if (share.Count == 0) return SectionMatches.None;

        if (share.Count <= maxSections)
        {
            await using var ranked = Command(connection, $"SELECT rowid, {Bm25} FROM {Table} WHERE {Table} MATCH @match;");
            ranked.Parameters.AddWithValue("@match", match);
            var all = new List<SectionMatch>(share.Count);
            await using var reader = await ranked.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                // bm25 is lower for better matches; scores here are higher for better.
                all.Add(new SectionMatch(KeyOf(reader.GetInt64(0)), -reader.GetDouble(1)));
            }
            all.Sort((a, b) => b.Score.CompareTo(a.Score));
            return new SectionMatches(all, Complete: true);
        }

        share.RemoveAt(share.Count - 1);
        var scores = share.ToDictionary(key => key, _ => AnyTier);
        if (query.Terms.Any(t => !t.Excluded && IsFree(t)))
        {
            // Title matches anywhere in the index rank above the share: one more pass over the words' rows, without scoring.
            await foreach (var key in RowsAsync(connection, Expression(query, "title"), maxSections, cancellationToken))
            {
                scores[key] = TitleTier;
            }
        }
        var sampled = scores.Select(s => new SectionMatch(s.Key, s.Value)).ToList();
        sampled.Sort((a, b) => b.Score.CompareTo(a.Score));
        return new SectionMatches(sampled, Complete: false, share[^1].ArticleId);
    }

    /// <inheritdoc />
    public async Task<int> CountAsync(SearchQuery query, int upTo, CancellationToken cancellationToken = default)
    {
        if (query.IsEmpty || upTo < 1) return 0;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await OpenAsync(db, cancellationToken);
        var count = 0;
        await foreach (var _ in RowsAsync(connection, Expression(query, null), upTo, cancellationToken)) count++;
        return count;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IndexedTerm>> VocabularyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await OpenAsync(db, cancellationToken);
        await using var command = Command(connection, $"SELECT term, doc FROM {VocabularyTable};");
        var terms = new List<IndexedTerm>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            terms.Add(new IndexedTerm(reader.GetString(0), reader.GetInt32(1)));
        }
        return terms;
    }

    /// <inheritdoc />
    public async Task<TermInstance?> FindTermAsync(string term, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await OpenAsync(db, cancellationToken);
        await using var find = Command(connection, $"SELECT doc, col, offset FROM {InstanceTable} WHERE term = @term LIMIT 1;");
        find.Parameters.AddWithValue("@term", term);
        await using var reader = await find.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return Enum.TryParse<IndexedColumn>(reader.GetString(1), ignoreCase: true, out var column)
            ? new TermInstance(KeyOf(reader.GetInt64(0)), column, reader.GetInt32(2))
            : null;
    }

    /// <summary>The FTS5 MATCH expression of the query; with a column, the free terms must match in that column.</summary>
    internal static string Expression(SearchQuery query, string? freeTermsColumn)
    {
        var positive = query.Terms.Where(t => !t.Excluded).Select(t => Phrase(t, freeTermsColumn)).ToList();
        var negative = query.Terms.Where(t => t.Excluded).Select(t => Phrase(t, null)).ToList();
        var expression = string.Join(" AND ", positive);
        return negative.Count == 0 ? expression : $"({expression}) NOT ({string.Join(" OR ", negative)})";
    }

    private static bool IsFree(SearchTerm term) => term is WordTerm or PhraseTerm or CodeTerm;

    private static string Phrase(SearchTerm term, string? freeTermsColumn)
    {
        var column = freeTermsColumn is null ? "" : freeTermsColumn + " : ";
        return term switch
        {
            WordTerm w => column + Quote(w.Text, w.IsPrefix),
            PhraseTerm p => column + Quote(p.Text, false),
            CodeTerm c => column + Quote(c.Code, false),
            CodePrefixTerm p => "code : " + Quote(p.Prefix, true),
            CodeRangeTerm r => "code : (" + string.Join(" OR ", RangePrefixes(r).Select(p => Quote(p.Text, p.IsPrefix))) + ")",
            FieldTerm f => f.Field switch
            {
                SearchField.Payer => "payer",
                SearchField.Modifier => "modifiers",
                SearchField.Section => "heading",
                _ => "site",
            } + " : " + Quote(f.Value, f.IsPrefix),
            _ => throw new ArgumentOutOfRangeException(nameof(term), term, "Unknown search term."),
        };
    }

    /// <summary>
    /// Text as an FTS5 string: inside double quotes, inner quotes doubled, so no character is read as syntax. A NUL would
    /// end the string early for FTS5, so it becomes a blank.
    /// </summary>
    internal static string Quote(string text, bool prefix) =>
        "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal).Replace('\0', ' ') + "\"" + (prefix ? " *" : "");

    /// <summary>
    /// The exact codes and code prefixes that cover a range, e.g. 20955-20970 as 20955…20959, 2096*, 20970. For codes with
    /// a letter the prefixes cover the digits only, so they may also match other kinds of code: the caller filters.
    /// </summary>
    internal static IEnumerable<(string Text, bool IsPrefix)> RangePrefixes(CodeRangeTerm range)
    {
        var (from, to) = (CptCode.Parse(range.From), CptCode.Parse(range.To));
        var (low, high, letter) = (from.Number, to.Number, from.Letter);
        var width = letter == '\0' ? 5 : 4;
        var suffix = letter == '\0' ? "" : letter.ToString();
        long at = low;
        while (at <= high)
        {
            // The widest block of 10^k codes that starts here and stays in the range; at least one digit stays fixed.
            var (size, exponent) = (1L, 0);
            while (exponent + 1 < width && at % (size * 10) == 0 && at + size * 10 - 1 <= high) (size, exponent) = (size * 10, exponent + 1);
            var text = (at / size).ToString(CultureInfo.InvariantCulture).PadLeft(width - exponent, '0');
            yield return exponent == 0 ? (text + suffix, false) : (text, true);
            at += size;
        }
    }

    internal static long RowIdOf(SectionKey key) =>
        ((long)key.ArticleId << ArticleShift) | ((long)key.Kind << KindShift) | (long)Math.Min(key.Position, SectionKey.MaxPosition);

    internal static SectionKey KeyOf(long rowid) =>
        new((int)(rowid >> ArticleShift), (int)(rowid & 0xFFFF), (SectionKind)((rowid >> KindShift) & 0xFF));

    private static async IAsyncEnumerable<SectionKey> RowsAsync(
        SqliteConnection connection, string match, int limit,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = Command(connection, $"SELECT rowid FROM {Table} WHERE {Table} MATCH @match ORDER BY rowid LIMIT @limit;");
        command.Parameters.AddWithValue("@match", match);
        command.Parameters.AddWithValue("@limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return KeyOf(reader.GetInt64(0));
        }
    }

    private static async Task<SqliteConnection> OpenAsync(KbDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        return (SqliteConnection)db.Database.GetDbConnection();
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private static SqliteCommand Command(SqliteTransaction transaction, string sql)
    {
        var command = Command(transaction.Connection ?? throw new InvalidOperationException("The transaction has no connection."), sql);
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Inserts and deletes index rows with prepared statements inside one transaction.</summary>
    private sealed class Writer : ISearchIndexWriter
    {
        private readonly SqliteCommand insert;
        private readonly SqliteCommand delete;
        private readonly SqliteParameter[] values;
        private readonly SqliteParameter from;
        private readonly SqliteParameter to;

        public Writer(SqliteTransaction transaction)
        {
            insert = Command(transaction,
                $"INSERT INTO {Table}(rowid, code, title, heading, body, payer, modifiers, site) " +
                "VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7);");
            values = [.. Enumerable.Range(0, 8).Select(i => insert.Parameters.Add($"@p{i}", i == 0 ? SqliteType.Integer : SqliteType.Text))];
            insert.Prepare();
            delete = Command(transaction, $"DELETE FROM {Table} WHERE rowid BETWEEN @from AND @to;");
            from = delete.Parameters.Add("@from", SqliteType.Integer);
            to = delete.Parameters.Add("@to", SqliteType.Integer);
            delete.Prepare();
        }

        public void Add(IEnumerable<IndexedSection> sections)
        {
            foreach (var s in sections)
            {
                values[0].Value = RowIdOf(s.Key);
                values[1].Value = s.Code;
                values[2].Value = s.Title;
                values[3].Value = s.Heading;
                values[4].Value = s.Body;
                values[5].Value = s.Payer;
                values[6].Value = s.Modifiers;
                values[7].Value = s.Site;
                insert.ExecuteNonQuery();
            }
        }

        public void Clear()
        {
            using var clear = Command(delete.Transaction!, $"INSERT INTO {Table}({Table}) VALUES('delete-all');");
            clear.ExecuteNonQuery();
        }

        public void Remove(int articleId)
        {
            from.Value = (long)articleId << ArticleShift;
            to.Value = (((long)articleId + 1) << ArticleShift) - 1;
            delete.ExecuteNonQuery();
        }

        public void Dispose()
        {
            insert.Dispose();
            delete.Dispose();
        }
    }
}
