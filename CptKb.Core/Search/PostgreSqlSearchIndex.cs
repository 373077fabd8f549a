using System.Data.Common;
using System.Text;
using CptKb.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CptKb.Core.Search;

/// <summary>
/// The search index on PostgreSQL: the only code that writes tsvector and tsquery SQL (the migration that created the
/// table aside). The same rows as <see cref="SqliteSearchIndex"/>: one per section, a long section in chunks
/// (<see cref="SectionChunks"/>), keyed by the same packed number (<see cref="SqliteSearchIndex.RowIdOf"/>), and no text:
/// snippets are cut in C# from the article's own text (<see cref="SnippetBuilder"/>) for both engines, so no
/// <c>ts_headline</c> is needed.
/// <para>
/// Each row holds two vectors, written from the words of <see cref="TsQuery.Lexemes"/> (the tokenizer and stemmer both
/// engines share, so both hold the same words): <c>Document</c>, every column's words weighted (code and title A, heading
/// B, text C, payer, modifiers and site D), matched by free terms and ranked by <c>ts_rank_cd</c>; and <c>Fields</c>, each
/// column's words tagged with its name (<c>title:graft</c>, <c>payer:aetna</c>), matched by field filters, code prefixes
/// and ranges, and read for a word's place (<see cref="FindTermAsync"/>). Both have a GIN index.
/// </para>
/// <para>
/// As on SQLite, a query matching more sections than asked for is read as a first share in key order, with title
/// matches ranked above it; the code-first rule is applied afterwards, to both engines' matches alike (<c>Ranking</c>).
/// </para>
/// </summary>
public sealed class PostgreSqlSearchIndex(IDbContextFactory<KbDbContext> contexts) : ISearchIndex
{
    internal const string Table = "SearchSections";

    // ts_rank_cd weights in the order {D, C, B, A}: fields, text, heading, code and title. Normalization 1 divides by
    // 1 + log(length), as bm25 favours short rows on SQLite: on the judged queries it took the same-first-article share
    // from 96 % to 98 % (MRR 0.958 to 0.967).
    private const string Rank = "ts_rank_cd('{0.2, 0.1, 0.4, 1.0}', \"Document\", @document::tsquery, 1)";

    private const double TitleTier = 2, AnyTier = 1;
    private const int PositionShift = 16;

    private long version;

    /// <inheritdoc />
    public long Version => Interlocked.Read(ref version);

    /// <inheritdoc />
    public void MarkChanged() => Interlocked.Increment(ref version);

    /// <inheritdoc />
    public ISearchIndexWriter OpenWriter(DbTransaction transaction) =>
        new Writer(transaction as NpgsqlTransaction ?? throw new ArgumentException("The PostgreSQL search index needs a PostgreSQL transaction.", nameof(transaction)));

    /// <inheritdoc />
    public async Task<SectionMatches> MatchAsync(
        SearchQuery query, int maxSections, SearchBudget budget = default, CancellationToken cancellationToken = default)
    {
        if (query.IsEmpty || maxSections < 1 || TsQuery.Compile(query, null) is not { } compiled) return SectionMatches.None;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await OpenAsync(db, cancellationToken);

        var first = await FirstSectionsAsync(connection, compiled, maxSections + 1, budget, cancellationToken);
        if (first.Sections.Count == 0) return first.TimedOut ? SectionMatches.None with { TimedOut = true } : SectionMatches.None;
        if (first.All && first.Sections.Count <= maxSections)
        {
            var all = first.Sections;
            all.Sort((a, b) => b.Score.CompareTo(a.Score));
            return new SectionMatches(all, Complete: true);
        }

        var share = first.Sections.Take(maxSections).Select(s => s with { Score = AnyTier }).ToList();
        var scores = share.ToDictionary(m => m.Key);
        var timedOut = first.TimedOut;
        if (!timedOut && query.Terms.Any(t => !t.Excluded && Fts5Query.IsFree(t)) && TsQuery.Compile(query, "title") is { } titles)
        {
            var inTitle = await FirstSectionsAsync(connection, titles, maxSections, budget, cancellationToken);
            foreach (var title in inTitle.Sections)
            {
                scores[title.Key] = (scores.TryGetValue(title.Key, out var known) ? known : title) with { Score = TitleTier };
            }
            timedOut = inTitle.TimedOut;
        }
        var sampled = scores.Values.ToList();
        sampled.Sort((a, b) => b.Score.CompareTo(a.Score));
        return new SectionMatches(sampled, Complete: false, share[^1].Key.ArticleId) { TimedOut = timedOut };
    }

    /// <inheritdoc />
    public async Task<int> CountAsync(SearchQuery query, int upTo, CancellationToken cancellationToken = default)
    {
        if (query.IsEmpty || upTo < 1 || TsQuery.Compile(query, null) is not { } compiled) return 0;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await OpenAsync(db, cancellationToken);
        return (await FirstSectionsAsync(connection, compiled, upTo, default, cancellationToken)).Sections.Count;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IndexedTerm>> VocabularyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await OpenAsync(db, cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT word, ndoc FROM ts_stat('SELECT \"Document\" FROM \"{Table}\"');", connection);
        var terms = new List<IndexedTerm>();
        await ReadAsync(command, reader =>
        {
            terms.Add(new IndexedTerm(reader.GetString(0), reader.GetInt32(1)));
            return true;
        }, default, cancellationToken);
        return terms;
    }

    /// <inheritdoc />
    public async Task<TermInstance?> FindTermAsync(string term, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await OpenAsync(db, cancellationToken);
        var tagged = Enum.GetValues<IndexedColumn>().Select(c => Tag(c) + term).ToArray();
        await using var find = new NpgsqlCommand(
            $"SELECT s.\"Id\", u.lexeme, u.positions[1] FROM \"{Table}\" s, unnest(s.\"Fields\") u " +
            "WHERE s.\"Fields\" @@ @any::tsquery AND u.lexeme = ANY(@tagged) ORDER BY s.\"Id\" LIMIT 1;", connection);
        find.Parameters.AddWithValue("any", string.Join(" | ", tagged.Select(TsQuery.Quote)));
        find.Parameters.AddWithValue("tagged", tagged);
        TermInstance? found = null;
        await ReadAsync(find, reader =>
        {
            var lexeme = reader.GetString(1);
            var column = Enum.GetValues<IndexedColumn>().First(c => lexeme.StartsWith(Tag(c), StringComparison.Ordinal));
            var id = reader.GetInt64(0);
            found = new TermInstance(SqliteSearchIndex.KeyOf(id), column, reader.GetInt16(2) - 1) { Chunk = SqliteSearchIndex.ChunkOf(id) };
            return false;
        }, default, cancellationToken);
        return found;
    }

    private static string Tag(IndexedColumn column) => column.ToString().ToLowerInvariant() + ":";

    private sealed record FirstSections(List<SectionMatch> Sections, bool All, bool TimedOut);

    /// <summary>
    /// The first sections that match, in key order, up to <paramref name="limit"/> sections and
    /// <see cref="SqliteSearchIndex.RowsPerSectionRead"/> rows for each, each scored as its best chunk.
    /// </summary>
    /// <remarks>
    /// Read window by window of article ids rather than in one statement: for a common word, one statement makes the
    /// server visit every matching row (a GIN index gives rows in no order, so all are sorted by key before the first
    /// comes back), about 7 us a row, a second at 100,000 documents, for the first 2,000 it keeps. A window of keys is
    /// joined to the GIN match by the key's own index, so only its rows are visited. The first window is a small share of
    /// the ids; each next one is sized from the matches the windows so far found per id, so a common word is read in
    /// about two windows and a rare one, which finds little in each, in a few growing ones.
    /// </remarks>
    private static async Task<FirstSections> FirstSectionsAsync(
        NpgsqlConnection connection, TsQuery query, int limit, SearchBudget budget, CancellationToken cancellationToken)
    {
        var rowLimit = (int)Math.Min(int.MaxValue, (long)limit * SqliteSearchIndex.RowsPerSectionRead);
        var sections = new List<SectionMatch>();
        if (await ArticleIdsAsync(connection, budget, cancellationToken) is not { } ids)
            return new FirstSections(sections, All: !budget.IsSpent, TimedOut: budget.IsSpent);
        var (firstArticle, lastArticle) = ids;

        var where = new List<string> { "\"Id\" >= @from", "\"Id\" < @to" };
        if (query.Document is not null) where.Add("\"Document\" @@ @document::tsquery");
        if (query.Fields is not null) where.Add("\"Fields\" @@ @fields::tsquery");
        if (query.ExcludedDocument is not null) where.Add("NOT (\"Document\" @@ @excludedDocument::tsquery)");
        if (query.ExcludedFields is not null) where.Add("NOT (\"Fields\" @@ @excludedFields::tsquery)");
        var score = query.Document is null ? "0::real" : Rank;
        await using var command = new NpgsqlCommand(
            $"SELECT \"Id\", {score} FROM \"{Table}\" WHERE {string.Join(" AND ", where)} ORDER BY \"Id\" LIMIT @limit;", connection);
        if (query.Document is not null) command.Parameters.AddWithValue("document", query.Document);
        if (query.Fields is not null) command.Parameters.AddWithValue("fields", query.Fields);
        if (query.ExcludedDocument is not null) command.Parameters.AddWithValue("excludedDocument", query.ExcludedDocument);
        if (query.ExcludedFields is not null) command.Parameters.AddWithValue("excludedFields", query.ExcludedFields);
        var from = command.Parameters.AddWithValue("from", 0L);
        var to = command.Parameters.AddWithValue("to", 0L);
        var rowsLeft = command.Parameters.AddWithValue("limit", rowLimit);

        var rows = 0;
        var lastSection = -1L;
        var stoppedAtLimit = false;
        var start = firstArticle;
        var span = Math.Max(1L, (lastArticle - firstArticle + 1) / FirstWindowShare);
        while (start <= lastArticle)
        {
            var end = Math.Min(lastArticle + 1, start + span);
            from.Value = start << SqliteSearchIndex.ArticleShift;
            to.Value = end << SqliteSearchIndex.ArticleShift;
            rowsLeft.Value = rowLimit - rows;
            var finished = await ReadAsync(command, reader =>
            {
                var id = reader.GetInt64(0);
                var found = new SectionMatch(SqliteSearchIndex.KeyOf(id), reader.GetFloat(1)) { Chunk = SqliteSearchIndex.ChunkOf(id) };
                rows++;
                if (id >> PositionShift == lastSection)
                {
                    // A section matches as well as its best chunk.
                    if (found.Score > sections[^1].Score) sections[^1] = found;
                    return true;
                }
                if (sections.Count == limit)
                {
                    stoppedAtLimit = true;
                    return false;
                }
                lastSection = id >> PositionShift;
                sections.Add(found);
                return true;
            }, budget, cancellationToken);
            if (!finished) return new FirstSections(sections, All: false, TimedOut: true);
            if (stoppedAtLimit || rows >= rowLimit) break;
            span = NextSpan(end - firstArticle, sections.Count, limit);
            start = end;
        }
        return new FirstSections(sections, All: !stoppedAtLimit && rows < rowLimit, TimedOut: false);
    }

    /// <summary>The first window's share of the article ids.</summary>
    private const long FirstWindowShare = 256;

    /// <summary>
    /// The next window's width in article ids: what the sections still wanted need at the rate found so far, a fifth
    /// more; four times what was read when nothing matched yet.
    /// </summary>
    internal static long NextSpan(long articlesRead, int sectionsFound, int limit)
    {
        if (sectionsFound == 0) return Math.Max(1, articlesRead * 4);
        var wanted = limit + 1 - sectionsFound;
        return Math.Max(1, (long)Math.Ceiling(articlesRead * (double)wanted / sectionsFound * 1.2));
    }

    /// <summary>The first and last article ids in the index; null when it is empty (or the budget ran out).</summary>
    private static async Task<(long First, long Last)?> ArticleIdsAsync(NpgsqlConnection connection, SearchBudget budget, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT min(\"Id\"), max(\"Id\") FROM \"{Table}\";", connection);
        (long First, long Last)? ids = null;
        await ReadAsync(command, reader =>
        {
            if (!reader.IsDBNull(0))
                ids = (reader.GetInt64(0) >> SqliteSearchIndex.ArticleShift, reader.GetInt64(1) >> SqliteSearchIndex.ArticleShift);
            return false;
        }, budget, cancellationToken);
        return ids;
    }

    /// <summary>
    /// Runs a query and hands each row to <paramref name="row"/> until it returns false or the rows end; false when the
    /// budget stopped it first. Npgsql cancels the statement on the server when either token is cancelled.
    /// </summary>
    private static async Task<bool> ReadAsync(
        NpgsqlCommand command, Func<NpgsqlDataReader, bool> row, SearchBudget budget, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (budget.IsSpent) return false;
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Spent);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(either.Token);
            while (await reader.ReadAsync(either.Token))
            {
                if (!row(reader)) return true;
            }
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && budget.IsSpent)
        {
            return false;
        }
    }

    private static async Task<NpgsqlConnection> OpenAsync(KbDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        return (NpgsqlConnection)db.Database.GetDbConnection();
    }

    /// <summary>One index row's two vectors, as tsvector input.</summary>
    internal static (string Document, string Fields) VectorsOf(SqliteSearchIndex.Row row)
    {
        var document = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var fields = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        // Positions run on across the columns of the document vector, a gap between two, so a phrase never spans columns.
        var position = 1;
        foreach (var (column, text, weight) in new[]
        {
            (IndexedColumn.Code, row.Code, "A"), (IndexedColumn.Title, row.Title, "A"), (IndexedColumn.Heading, row.Heading, "B"),
            (IndexedColumn.Body, row.Body, "C"), (IndexedColumn.Payer, row.Payer, "D"), (IndexedColumn.Modifiers, row.Modifiers, "D"),
            (IndexedColumn.Site, row.Site, "D"),
        })
        {
            var offset = 0;
            foreach (var token in SearchTokenizer.Tokenize(text))
            {
                offset++;
                if (TsQuery.Lexeme(token.Normalized) is not { } lexeme) continue;
                Add(document, lexeme, $"{Position(position + offset)}{weight}");
                Add(fields, Tag(column) + lexeme, Position(offset).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            position += offset + 1;
        }
        return (Write(document), Write(fields));

        // PostgreSQL keeps positions up to 16383 and at most 256 of them per lexeme.
        static int Position(int at) => Math.Min(at, 16383);

        static void Add(Dictionary<string, List<string>> vector, string lexeme, string position)
        {
            if (!vector.TryGetValue(lexeme, out var positions)) vector[lexeme] = positions = [];
            if (positions.Count < 256) positions.Add(position);
        }

        static string Write(Dictionary<string, List<string>> vector)
        {
            var text = new StringBuilder();
            foreach (var (lexeme, positions) in vector)
            {
                if (text.Length > 0) text.Append(' ');
                text.Append(TsQuery.Quote(lexeme)).Append(':').AppendJoin(',', positions);
            }
            return text.ToString();
        }
    }

    private sealed class Writer : ISearchIndexWriter
    {
        private readonly NpgsqlTransaction transaction;
        private readonly NpgsqlCommand insert;
        private readonly NpgsqlCommand delete;

        public Writer(NpgsqlTransaction transaction)
        {
            this.transaction = transaction;
            var connection = transaction.Connection ?? throw new InvalidOperationException("The transaction has no connection.");
            // One statement per article, its rows as arrays: a round trip per row was most of a PostgreSQL import's time
            // (2,000 documents: 22,000 index rows, 63,000 statements, 4.5 s of them executing in the server, 24 s in all).
            insert = new NpgsqlCommand(
                $"INSERT INTO \"{Table}\" (\"Id\", \"Document\", \"Fields\") SELECT * FROM unnest(@ids, @documents::tsvector[], @fields::tsvector[]);",
                connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter<long[]>("ids", []));
            insert.Parameters.Add(new NpgsqlParameter<string[]>("documents", []));
            insert.Parameters.Add(new NpgsqlParameter<string[]>("fields", []));
            insert.Prepare();
            delete = new NpgsqlCommand($"DELETE FROM \"{Table}\" WHERE \"Id\" BETWEEN @from AND @to;", connection, transaction);
            delete.Parameters.Add(new NpgsqlParameter<long>("from", 0L));
            delete.Parameters.Add(new NpgsqlParameter<long>("to", 0L));
            delete.Prepare();
        }

        public void Add(IEnumerable<IndexedSection> sections)
        {
            var rows = sections.SelectMany(SqliteSearchIndex.RowsOf).ToList();
            if (rows.Count == 0)
                return;
            var vectors = rows.Select(VectorsOf).ToList();
            insert.Parameters[0].Value = rows.Select(r => r.RowId).ToArray();
            insert.Parameters[1].Value = vectors.Select(v => v.Document).ToArray();
            insert.Parameters[2].Value = vectors.Select(v => v.Fields).ToArray();
            insert.ExecuteNonQuery();
        }

        public void Clear()
        {
            using var clear = new NpgsqlCommand($"DELETE FROM \"{Table}\";", transaction.Connection, transaction);
            clear.ExecuteNonQuery();
        }

        public void Remove(int articleId)
        {
            delete.Parameters[0].Value = SqliteSearchIndex.RowIdOf(new SectionKey(articleId, 0, 0));
            delete.Parameters[1].Value = SqliteSearchIndex.RowIdOf(new SectionKey(articleId + 1, 0, 0)) - 1;
            delete.ExecuteNonQuery();
        }

        public void Dispose()
        {
            insert.Dispose();
            delete.Dispose();
        }
    }
}
