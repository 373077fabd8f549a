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
/// One row per section in <c>SearchSections</c>, tokenized by <c>porter unicode61</c>; a long section is several rows of
/// a few hundred words each (see <see cref="SectionChunks"/>), so the work one row costs stays bounded and a match points at
/// the stretch of a long section it was found in. The table is contentless: it holds the index of the words, not the
/// text, which is stored once, in the article's revision; snippets are cut from that text (see <see cref="SnippetBuilder"/>).
/// A row's rowid packs its article id, section kind, position and chunk
/// (<c>articleId &lt;&lt; 36 | kind &lt;&lt; 32 | position &lt;&lt; 16 | chunk</c>), so a match tells which section it belongs
/// to without reading the row, a section's rows are adjacent, and an article's rows are one rowid range. A section
/// matches as well as its best chunk.
/// </para>
/// <para>
/// bm25 scores every matching row and first counts every row holding each query word, which costs about a
/// microsecond a row: fine for a few thousand rows, far too slow for a word in every document of 100,000. So a query
/// is first read up to a bound, in rowid order, without scoring; under it, every match is ranked by bm25 with column
/// weights (code, title, heading, body, in that order); over it, that first share is kept, and matches in the title
/// column (bounded too) are looked up apart and ranked above the rest.
/// </para>
/// <para>
/// Every statement stops when its cancellation token is cancelled (<c>sqlite3_interrupt</c>; Microsoft.Data.Sqlite only
/// checks a token between rows), and stops reading when the search's <see cref="SearchBudget"/> is spent, answering with
/// what it read. The rows are written by the importer and, whole, by the reindexer (see <c>Import/Reindexer</c>).
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

    internal const int ArticleShift = 36;
    private const int KindShift = 32, PositionShift = 16;
    private const long KindMask = 0xF, PositionMask = 0xFFFF, ChunkMask = 0xFFFF;

    // A chunk number fits its bits in the rowid.
    internal const int MaxChunks = SectionChunks.MaxPieces;

    /// <summary>
    /// Reading matches in rowid order stops after this many rows per section asked for: a section cut into thousands of
    /// chunks is read whole, but many of them cannot make a share cost more than a few tens of milliseconds.
    /// </summary>
    internal const int RowsPerSectionRead = 16;

    private long version;

    // See Writer: the in-memory size FTS5 lets new rows' terms reach before writing them out.
    private const int HashSize = 32 * 1024 * 1024;

    /// <inheritdoc />
    public long Version => Interlocked.Read(ref version);

    /// <inheritdoc />
    public void MarkChanged() => Interlocked.Increment(ref version);

    /// <inheritdoc />
    public ISearchIndexWriter OpenWriter(DbTransaction transaction) =>
        new Writer(transaction as SqliteTransaction ?? throw new ArgumentException("The SQLite search index needs a SQLite transaction.", nameof(transaction)));

    /// <inheritdoc />
    public async Task<SectionMatches> MatchAsync(
        SearchQuery query, int maxSections, SearchBudget budget = default, CancellationToken cancellationToken = default)
    {
        if (query.IsEmpty || maxSections < 1) return SectionMatches.None;
        var match = Fts5Query.Expression(query, null);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await OpenAsync(db, cancellationToken);

        // The first sections in rowid order, one more than the bound: all of them when that many do not match, else the share to read.
        var first = await FirstSectionsAsync(connection, match, maxSections + 1, budget, cancellationToken);
        if (first.Sections.Count == 0) return first.TimedOut ? SectionMatches.None with { TimedOut = true } : SectionMatches.None;

        if (first.All && first.Sections.Count <= maxSections)
        {
            // Every matching row was read above, so there are at most RowsPerSectionRead a section: rank them all.
            await using var ranked = Command(connection, $"SELECT rowid, {Bm25} FROM {Table} WHERE {Table} MATCH @match;");
            ranked.Parameters.AddWithValue("@match", match);
            var best = new Dictionary<SectionKey, SectionMatch>(first.Sections.Count);
            var finished = await ReadAsync(ranked, reader =>
            {
                // bm25 is lower for better matches; scores here are higher for better. A section is as good as its best chunk.
                var rowid = reader.GetInt64(0);
                var found = new SectionMatch(KeyOf(rowid), -reader.GetDouble(1)) { Chunk = ChunkOf(rowid) };
                if (!best.TryGetValue(found.Key, out var known) || found.Score > known.Score) best[found.Key] = found;
                return true;
            }, budget, cancellationToken);
            // Out of time before every match was scored: all of them, unranked.
            if (!finished) return new SectionMatches(first.Sections, Complete: true) { TimedOut = true };
            var all = best.Values.ToList();
            all.Sort((a, b) => b.Score.CompareTo(a.Score));
            return new SectionMatches(all, Complete: true);
        }

        var share = first.Sections.Count > maxSections ? first.Sections.Take(maxSections).ToList() : first.Sections;
        var scores = share.ToDictionary(m => m.Key);
        var timedOut = first.TimedOut;
        if (!timedOut && query.Terms.Any(t => !t.Excluded && Fts5Query.IsFree(t)))
        {
            // Title matches anywhere in the index rank above the share: one more pass over the words' rows, without scoring.
            var titles = await FirstSectionsAsync(connection, Fts5Query.Expression(query, "title"), maxSections, budget, cancellationToken);
            foreach (var title in titles.Sections)
            {
                scores[title.Key] = (scores.TryGetValue(title.Key, out var known) ? known : title) with { Score = TitleTier };
            }
            timedOut = titles.TimedOut;
        }
        var sampled = scores.Values.ToList();
        sampled.Sort((a, b) => b.Score.CompareTo(a.Score));
        return new SectionMatches(sampled, Complete: false, share[^1].Key.ArticleId) { TimedOut = timedOut };
    }

    /// <inheritdoc />
    public async Task<int> CountAsync(SearchQuery query, int upTo, CancellationToken cancellationToken = default)
    {
        if (query.IsEmpty || upTo < 1) return 0;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await OpenAsync(db, cancellationToken);
        return (await FirstSectionsAsync(connection, Fts5Query.Expression(query, null), upTo, default, cancellationToken)).Sections.Count;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IndexedTerm>> VocabularyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await OpenAsync(db, cancellationToken);
        await using var command = Command(connection, $"SELECT term, doc FROM {VocabularyTable};");
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
        await using var find = Command(connection, $"SELECT doc, col, offset FROM {InstanceTable} WHERE term = @term LIMIT 1;");
        find.Parameters.AddWithValue("@term", term);
        TermInstance? found = null;
        await ReadAsync(find, reader =>
        {
            if (Enum.TryParse<IndexedColumn>(reader.GetString(1), ignoreCase: true, out var column))
                found = new TermInstance(KeyOf(reader.GetInt64(0)), column, reader.GetInt32(2)) { Chunk = ChunkOf(reader.GetInt64(0)) };
            return false;
        }, default, cancellationToken);
        return found;
    }

    /// <summary>The rowid of one chunk of a section; chunk 0, the section's first row, by default.</summary>
    internal static long RowIdOf(SectionKey key, int chunk = 0) =>
        ((long)key.ArticleId << ArticleShift)
        | (((long)key.Kind & KindMask) << KindShift)
        | ((long)Math.Min(key.Position, SectionKey.MaxPosition) << PositionShift)
        | (chunk & ChunkMask);

    internal static SectionKey KeyOf(long rowid) =>
        new((int)(rowid >> ArticleShift), (int)((rowid >> PositionShift) & PositionMask), (SectionKind)((rowid >> KindShift) & KindMask));

    internal static int ChunkOf(long rowid) => (int)(rowid & ChunkMask);

    /// <summary>Whether every section kind fits the four bits the rowid keeps for it.</summary>
    internal static bool KindFits(SectionKind kind) => (long)kind is >= 0 and <= KindMask;

    /// <summary>One row of the index: a section, or one chunk of a long one.</summary>
    internal readonly record struct Row(
        long RowId, string Code, string Title, string Heading, string Body, string Payer, string Modifiers, string Site);

    /// <summary>
    /// The rows of a section: its text in chunks (one when it is short, the same text as the section's), each with the
    /// section's code, title, heading and fields, so a query of words and fields matches within a chunk as it would within
    /// the section. Those fields are cut to <see cref="SectionChunks.MaxFieldChars"/>; a field holding the section's own
    /// text (the sites of service) is chunked with it.
    /// </summary>
    internal static IEnumerable<Row> RowsOf(IndexedSection section)
    {
        var chunks = SectionChunks.Split(section.Body, MaxChunks);
        var siteIsText = string.Equals(section.Site, section.Body, StringComparison.Ordinal);
        var (code, title, heading) = (SectionChunks.Field(section.Code), SectionChunks.Field(section.Title), SectionChunks.Field(section.Heading));
        var (payer, modifiers, site) = (SectionChunks.Field(section.Payer), SectionChunks.Field(section.Modifiers), SectionChunks.Field(section.Site));
        for (var i = 0; i < chunks.Count; i++)
        {
            yield return new Row(RowIdOf(section.Key, i), code, title, heading, chunks[i], payer, modifiers, siteIsText ? chunks[i] : site);
        }
    }

    private static string RowIdList(IEnumerable<long> rowids) => string.Join(',', rowids.Select(r => r.ToString(CultureInfo.InvariantCulture)));

    /// <summary>What <see cref="FirstSectionsAsync"/> read.</summary>
    /// <param name="Sections">The sections met, in rowid order, each with the first of its chunks that matched.</param>
    /// <param name="All">True when every matching row was read: no bound and no time limit stopped the reading.</param>
    /// <param name="TimedOut">True when the search's budget ran out before the reading was done.</param>
    private sealed record FirstSections(List<SectionMatch> Sections, bool All, bool TimedOut);

    /// <summary>
    /// The first sections that match, in rowid order, up to <paramref name="limit"/> sections and
    /// <see cref="RowsPerSectionRead"/> rows for each: a section's chunks are adjacent rows, read as one section.
    /// </summary>
    private static async Task<FirstSections> FirstSectionsAsync(
        SqliteConnection connection, string match, int limit, SearchBudget budget, CancellationToken cancellationToken)
    {
        var rowLimit = (int)Math.Min(int.MaxValue, (long)limit * RowsPerSectionRead);
        await using var command = Command(connection, $"SELECT rowid FROM {Table} WHERE {Table} MATCH @match ORDER BY rowid LIMIT @limit;");
        command.Parameters.AddWithValue("@match", match);
        command.Parameters.AddWithValue("@limit", rowLimit);
        var sections = new List<SectionMatch>();
        var rows = 0;
        var lastSection = -1L;
        var stoppedAtLimit = false;
        var finished = await ReadAsync(command, reader =>
        {
            var rowid = reader.GetInt64(0);
            rows++;
            if (rowid >> PositionShift == lastSection) return true;
            if (sections.Count == limit)
            {
                stoppedAtLimit = true;
                return false;
            }
            lastSection = rowid >> PositionShift;
            sections.Add(new SectionMatch(KeyOf(rowid), AnyTier) { Chunk = ChunkOf(rowid) });
            return true;
        }, budget, cancellationToken);
        return new FirstSections(sections, All: finished && !stoppedAtLimit && rows < rowLimit, TimedOut: !finished);
    }

    /// <summary>
    /// Runs a query and hands each row to <paramref name="row"/> until it returns false or the rows end; false when the
    /// budget stopped it first. The statement is interrupted when either token is cancelled: by <paramref name="cancellationToken"/>, the
    /// search is abandoned (<see cref="OperationCanceledException"/>); by the budget, the rows read so far stand and
    /// this returns false.
    /// </summary>
    internal static async Task<bool> ReadAsync(
        SqliteCommand command, Func<SqliteDataReader, bool> row, SearchBudget budget, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (budget.IsSpent) return false;
        var connection = command.Connection ?? throw new InvalidOperationException("The command has no connection.");
        using var onCancel = SqliteInterrupt.On(connection, cancellationToken);
        using var onSpent = SqliteInterrupt.On(connection, budget.Spent);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (!row(reader)) return true;
            }
            return true;
        }
        catch (SqliteException ex) when (SqliteInterrupt.IsInterrupt(ex))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (budget.IsSpent) return false;
            throw;
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
            // FTS5 holds new rows' terms in memory and writes them out as a segment when they pass this size (1 MB by
            // default). Larger segments mean less merging: measured on the 10,000-document corpus, 32 MB took the index's
            // inserts from about 2.2 s to 1.4 s, with the same query times. The setting is kept in the index's config.
            using (var hashSize = Command(transaction, $"INSERT INTO {Table}({Table}, rank) VALUES('hashsize', {HashSize});"))
                hashSize.ExecuteNonQuery();
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
            foreach (var row in sections.SelectMany(RowsOf))
            {
                values[0].Value = row.RowId;
                values[1].Value = row.Code;
                values[2].Value = row.Title;
                values[3].Value = row.Heading;
                values[4].Value = row.Body;
                values[5].Value = row.Payer;
                values[6].Value = row.Modifiers;
                values[7].Value = row.Site;
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
