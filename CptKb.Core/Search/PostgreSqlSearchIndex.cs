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
/// The share is read in windows of article blocks (see <see cref="FirstSectionsAsync"/>), and a prefix is matched as the
/// words it stands for, looked up in a table of every word the index holds (see <see cref="PrefixesAsync"/>).
/// </para>
/// </summary>
public sealed class PostgreSqlSearchIndex : ISearchIndex
{
    internal const string Table = "SearchSections";

    /// <summary>
    /// Merges the words GIN holds in its pending lists into both indexes (see <see cref="StoreEngine.UpkeepSql"/>): a
    /// search reads a pending list whole, at every search, until it is merged.
    /// </summary>
    internal const string MergePendingWordsSql =
        "SELECT gin_clean_pending_list('\"IX_SearchSections_Document\"'::regclass), gin_clean_pending_list('\"IX_SearchSections_Fields\"'::regclass);";

    private readonly IDbContextFactory<KbDbContext> contexts;
    private readonly BlockLayout blocks;

    /// <summary>The index over the store's database, in blocks of <see cref="BlockLayout.Default"/>.</summary>
    public PostgreSqlSearchIndex(IDbContextFactory<KbDbContext> contexts)
        : this(contexts, BlockLayout.Default)
    {
    }

    /// <summary>The index with other blocks (tests use small ones, so a few dozen articles make many windows).</summary>
    internal PostgreSqlSearchIndex(IDbContextFactory<KbDbContext> contexts, BlockLayout blocks)
    {
        this.contexts = contexts;
        this.blocks = blocks;
    }

    /// <summary>
    /// How the index groups articles into blocks, the windows a share is read in (see <see cref="FirstSectionsAsync"/>).
    /// </summary>
    /// <param name="Shift">Articles per block as a power of two: 2 to the shift consecutive article ids.</param>
    /// <param name="MaxBlocksPerWindow">The widest window, in blocks, for a match not expected to be rare.</param>
    /// <param name="SuperShift">Blocks per superblock as a power of two.</param>
    /// <param name="RareMatch">
    /// Fewer matching sections than this in the whole index, at the rate found so far, is a rare match: its window may be
    /// as wide as the share still needs.
    /// </param>
    internal sealed record BlockLayout(int Shift, int MaxBlocksPerWindow, int SuperShift = 4, long RareMatch = 10_000)
    {
        /// <summary>Blocks per superblock: a window of whole superblocks is one word each rather than one per block.</summary>
        public long SuperBlocks => 1L << SuperShift;

        /// <summary>256 articles a block (about 2,800 index rows), 16 blocks a superblock, windows of up to 16 blocks.</summary>
        public static BlockLayout Default { get; } = new(8, 16);

        /// <summary>The block of an index row.</summary>
        public long BlockOf(long rowId) => (rowId >> SqliteSearchIndex.ArticleShift) >> Shift;
    }

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
        new Writer(blocks, transaction as NpgsqlTransaction ?? throw new ArgumentException("The PostgreSQL search index needs a PostgreSQL transaction.", nameof(transaction)));

    /// <inheritdoc />
    public async Task<SectionMatches> MatchAsync(
        SearchQuery query, int maxSections, SearchBudget budget = default, CancellationToken cancellationToken = default)
    {
        if (query.IsEmpty || maxSections < 1 || TsQuery.Compile(query, null) is null) return SectionMatches.None;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await OpenAsync(db, cancellationToken);
        var prefixes = await PrefixesAsync(connection, [.. TsQuery.Prefixes(query, null), .. TsQuery.Prefixes(query, "title")], budget, cancellationToken);
        if (TsQuery.Compile(query, null, prefixes) is not { } compiled) return SectionMatches.None;
        if (await ArticleIdsAsync(connection, budget, cancellationToken) is not { } ids)
            return budget.IsSpent ? SectionMatches.None with { TimedOut = true } : SectionMatches.None;

        var first = await FirstSectionsAsync(connection, blocks, ids, compiled, maxSections + 1, budget, cancellationToken);
        if (first.Sections.Count == 0) return first.TimedOut ? SectionMatches.None with { TimedOut = true } : SectionMatches.None;
        if (first.All && first.Sections.Count <= maxSections)
        {
            var (all, ranked) = await RankAsync(connection, compiled, first, budget, cancellationToken);
            all.Sort((a, b) => b.Score.CompareTo(a.Score));
            return new SectionMatches(all, Complete: true) { TimedOut = !ranked };
        }

        var share = first.Sections.Take(maxSections).Select(s => s with { Score = AnyTier }).ToList();
        var scores = share.ToDictionary(m => m.Key);
        var timedOut = first.TimedOut;
        if (!timedOut && query.Terms.Any(t => !t.Excluded && Fts5Query.IsFree(t)) && TsQuery.Compile(query, "title", prefixes) is { } titles)
        {
            var inTitle = await FirstSectionsAsync(connection, blocks, ids, titles, maxSections, budget, cancellationToken);
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
        if (query.IsEmpty || upTo < 1 || TsQuery.Compile(query, null) is null) return 0;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await OpenAsync(db, cancellationToken);
        var prefixes = await PrefixesAsync(connection, TsQuery.Prefixes(query, null), default, cancellationToken);
        if (TsQuery.Compile(query, null, prefixes) is not { } compiled || await ArticleIdsAsync(connection, default, cancellationToken) is not { } ids) return 0;
        return (await FirstSectionsAsync(connection, blocks, ids, compiled, upTo, default, cancellationToken)).Sections.Count;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IndexedTerm>> VocabularyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await OpenAsync(db, cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT word, ndoc FROM ts_stat('SELECT \"Document\" FROM \"{Table}\"') WHERE word NOT LIKE '#%';", connection);
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

    /// <summary>The most words a prefix is matched as; a prefix that stands for more keeps <c>:*</c>.</summary>
    internal const int MaxWordsPerPrefix = 64;

    private const string LexemeTable = "SearchLexemes";

    private static readonly string CodeTag = Tag(IndexedColumn.Code);

    /// <summary>
    /// The words each prefix stands for, from the table of every word the index holds (written with the rows, so it holds
    /// all of theirs): a prefix of a common word (<c>reimburs*</c>) is then matched as its few words, which the GIN index
    /// reads by the window's blocks, rather than by <c>:*</c>, for which it gathers every row of every such word first
    /// (at 100,000 documents, 40 ms a window for <c>reimburs*</c>). A prefix of more than <see cref="MaxWordsPerPrefix"/>
    /// words, or of none, and a code prefix keep <c>:*</c> (null).
    /// </summary>
    private static async Task<Func<string, IReadOnlyList<string>?>?> PrefixesAsync(
        NpgsqlConnection connection, IReadOnlyList<string> prefixes, SearchBudget budget, CancellationToken cancellationToken)
    {
        // A code prefix stands for codes, each in one article: :* reads them at once, and a range's prefixes as words would
        // be hundreds.
        var keys = prefixes.Where(p => !p.StartsWith(CodeTag, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToArray();
        if (keys.Length == 0) return null;
        // U+10FFFF sorts after every character in bytewise order: the range holds every word that starts with the prefix.
        await using var command = new NpgsqlCommand(
            $"SELECT k.n, w.\"Lexeme\" FROM unnest(@keys) WITH ORDINALITY AS k(prefix, n), LATERAL (" +
            $"SELECT \"Lexeme\" FROM \"{LexemeTable}\" WHERE \"Lexeme\" >= k.prefix AND \"Lexeme\" < k.prefix || chr(1114111) " +
            $"AND starts_with(\"Lexeme\", k.prefix) ORDER BY \"Lexeme\" LIMIT {MaxWordsPerPrefix + 1}) w;", connection);
        command.Parameters.AddWithValue("keys", keys);
        var words = keys.ToDictionary(k => k, _ => new List<string>(), StringComparer.Ordinal);
        await ReadAsync(command, reader =>
        {
            words[keys[reader.GetInt64(0) - 1]].Add(reader.GetString(1));
            return true;
        }, budget, cancellationToken);
        return prefix => words.TryGetValue(prefix, out var found) && found.Count is > 0 and <= MaxWordsPerPrefix ? found : null;
    }

    private static string Tag(IndexedColumn column) => column.ToString().ToLowerInvariant() + ":";

    private sealed record FirstSections(List<SectionMatch> Sections, List<long> Rows, bool All, bool TimedOut);

    /// <summary>
    /// The sections read, each scored as its best chunk by <c>ts_rank_cd</c>; false when the budget ran out first (the
    /// sections are then unscored). Ranked only when a query's matches are all read: a share is scored by tier instead (see
    /// <see cref="MatchAsync"/>), so reading the windows never reads a row's vector for its rank.
    /// </summary>
    private static async Task<(List<SectionMatch> Sections, bool Ranked)> RankAsync(
        NpgsqlConnection connection, TsQuery query, FirstSections first, SearchBudget budget, CancellationToken cancellationToken)
    {
        if (query.Document is null) return (first.Sections, true);
        await using var command = new NpgsqlCommand($"SELECT \"Id\", {Rank} FROM \"{Table}\" WHERE \"Id\" = ANY(@rows);", connection);
        command.Parameters.AddWithValue("document", query.Document);
        command.Parameters.AddWithValue("rows", first.Rows.ToArray());
        var best = new Dictionary<long, SectionMatch>(first.Sections.Count);
        var ranked = await ReadAsync(command, reader =>
        {
            var id = reader.GetInt64(0);
            var found = new SectionMatch(SqliteSearchIndex.KeyOf(id), reader.GetFloat(1)) { Chunk = SqliteSearchIndex.ChunkOf(id) };
            // A section matches as well as its best chunk.
            if (!best.TryGetValue(id >> PositionShift, out var known) || found.Score > known.Score) best[id >> PositionShift] = found;
            return true;
        }, budget, cancellationToken);
        return ranked ? ([.. best.Values], true) : (first.Sections, false);
    }

    /// <summary>
    /// The first sections that match, in key order, up to <paramref name="limit"/> sections and
    /// <see cref="SqliteSearchIndex.RowsPerSectionRead"/> rows for each, each scored as its best chunk.
    /// </summary>
    /// <remarks>
    /// Read window by window of article blocks rather than in one statement: a GIN index gives rows in no order, so one
    /// statement for a common word makes the server visit and sort every matching row (about 7 us a row, a second at
    /// 100,000 documents) before the first of the 2,000 it keeps. Each row's vectors also hold words for its block and
    /// superblock (<see cref="BlockLexemesOf"/>), so a window is a GIN condition of a few words beside the query's: the
    /// index steps the two through each other and only the window's matching rows are read. A key range beside the GIN
    /// match, in contrast, reads every row the words match in the whole index, and the planner, which misjudges how many
    /// rows a tsquery matches, may recheck every row holding a phrase's words (at 100,000 documents a phrase's window took
    /// 531 ms as a key range, 4.6 ms as blocks; a title word found in few of the first articles but in 46,000 rows, 24 ms
    /// as a key range, 3 ms as blocks).
    /// <para>
    /// The first window is one block; each next one is sized from the matches found so far per block, so a common word is
    /// read in a window or two. A match expected to stay under <see cref="BlockLayout.RareMatch"/> sections in the whole
    /// index may take a window as wide as it needs; a commoner one takes at most <see cref="BlockLayout.MaxBlocksPerWindow"/>
    /// blocks, so a window never holds more matching rows than a share needs. Rows are read for their keys only: their
    /// vectors are read for <c>ts_rank_cd</c> only when every match was read (<see cref="RankAsync"/>).
    /// </para>
    /// </remarks>
    private static async Task<FirstSections> FirstSectionsAsync(
        NpgsqlConnection connection, BlockLayout layout, (long First, long Last) ids, TsQuery query, int limit, SearchBudget budget,
        CancellationToken cancellationToken)
    {
        var rowLimit = (int)Math.Min(int.MaxValue, (long)limit * SqliteSearchIndex.RowsPerSectionRead);
        var sections = new List<SectionMatch>();
        var read = new List<long>();
        var (firstBlock, lastBlock) = (ids.First >> layout.Shift, ids.Last >> layout.Shift);

        var rows = 0;
        var lastSection = -1L;
        var stoppedAtLimit = false;
        var start = firstBlock;
        var blocks = 1L;
        while (start <= lastBlock)
        {
            var end = Math.Min(lastBlock + 1, start + blocks);
            await using var command = WindowCommand(connection, layout, query, start, end, rowLimit - rows);
            var finished = await ReadAsync(command, reader =>
            {
                var id = reader.GetInt64(0);
                rows++;
                if (id >> PositionShift == lastSection)
                {
                    read.Add(id);
                    return true;
                }
                if (sections.Count == limit)
                {
                    stoppedAtLimit = true;
                    return false;
                }
                lastSection = id >> PositionShift;
                read.Add(id);
                sections.Add(new SectionMatch(SqliteSearchIndex.KeyOf(id), 0) { Chunk = SqliteSearchIndex.ChunkOf(id) });
                return true;
            }, budget, cancellationToken);
            if (!finished) return new FirstSections(sections, read, All: false, TimedOut: true);
            if (stoppedAtLimit || rows >= rowLimit) break;
            blocks = NextBlocks(end - firstBlock, sections.Count, limit);
            // A match expected to be common takes narrow windows; only a rare one may take as many blocks as it needs.
            var rare = (double)sections.Count / (end - firstBlock) * (lastBlock - firstBlock + 1) < layout.RareMatch;
            if (!rare) blocks = Math.Min(blocks, layout.MaxBlocksPerWindow);
            start = end;
            // A window of a superblock or more ends at a superblock's end, so the next ones are whole superblocks.
            if (blocks >= layout.SuperBlocks && (start + blocks) / layout.SuperBlocks * layout.SuperBlocks is var aligned && aligned > start)
                blocks = aligned - start;
        }
        return new FirstSections(sections, read, All: !stoppedAtLimit && rows < rowLimit, TimedOut: false);
    }

    /// <summary>
    /// The statement for the rows of blocks <paramref name="fromBlock"/> up to (not including) <paramref name="toBlock"/>
    /// that match, in key order: the blocks' words (see <see cref="Cover"/>) as a GIN condition beside each of the query's.
    /// </summary>
    private static NpgsqlCommand WindowCommand(NpgsqlConnection connection, BlockLayout layout, TsQuery query, long fromBlock, long toBlock, int rowLimit)
    {
        var command = new NpgsqlCommand { Connection = connection };
        var where = new List<string>();
        command.Parameters.AddWithValue("blocks", string.Join(" | ", Cover(layout, fromBlock, toBlock).Select(TsQuery.Quote)));
        // The blocks are a condition of their own beside the words' rather than part of their tsquery: GIN then steps the
        // two through each other, each skipping to where the other is; in one tsquery it would walk every item of the
        // window's blocks or of the query's rarest word (at 100,000 documents, a field phrase's window of a superblock:
        // 2.4 ms instead of 7.4).
        if (query.Document is not null)
        {
            where.Add("\"Document\" @@ @document::tsquery AND \"Document\" @@ @blocks::tsquery");
            command.Parameters.AddWithValue("document", query.Document);
        }
        if (query.Fields is not null)
        {
            where.Add("\"Fields\" @@ @fields::tsquery AND \"Fields\" @@ @blocks::tsquery");
            command.Parameters.AddWithValue("fields", query.Fields);
        }
        if (query.ExcludedDocument is not null)
        {
            where.Add("NOT (\"Document\" @@ @excludedDocument::tsquery)");
            command.Parameters.AddWithValue("excludedDocument", query.ExcludedDocument);
        }
        if (query.ExcludedFields is not null)
        {
            where.Add("NOT (\"Fields\" @@ @excludedFields::tsquery)");
            command.Parameters.AddWithValue("excludedFields", query.ExcludedFields);
        }
        command.Parameters.AddWithValue("limit", rowLimit);
        // Sorted by "Id" + 0, which no index gives: for a wide window the planner would otherwise walk the primary key in
        // order and test every row against the tsqueries (600 ms for a window of most of the index at 100,000 documents).
        command.CommandText = $"SELECT \"Id\" FROM \"{Table}\" WHERE {string.Join(" AND ", where)} ORDER BY \"Id\" + 0 LIMIT @limit;";
        return command;
    }

    /// <summary>
    /// The words both vectors of a row hold for the block of its article and for the block's superblock, without a position
    /// (so they are never part of a phrase, and they add two to the length <c>ts_rank_cd</c> normalizes by, for every row
    /// alike). No word of the text can be one: the tokenizer keeps letters and digits only.
    /// </summary>
    internal static string[] BlockLexemesOf(BlockLayout layout, long rowId)
    {
        var block = layout.BlockOf(rowId);
        return [BlockLexeme(block), SuperBlockLexeme(block >> layout.SuperShift)];
    }

    private static string BlockLexeme(long block) => "#" + block.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string SuperBlockLexeme(long superBlock) => "##" + superBlock.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The fewest words that cover blocks <paramref name="from"/> to <paramref name="to"/> (excluded): one for each whole
    /// superblock, one for each other block. GIN merges a condition's words item by item, so a window of sixteen blocks
    /// walks one list instead of merging sixteen (at 100,000 documents, about a third of the time).
    /// </summary>
    internal static IEnumerable<string> Cover(BlockLayout layout, long from, long to)
    {
        var block = from;
        while (block < to)
        {
            if (block % layout.SuperBlocks == 0 && block + layout.SuperBlocks <= to)
            {
                yield return SuperBlockLexeme(block >> layout.SuperShift);
                block += layout.SuperBlocks;
            }
            else
            {
                yield return BlockLexeme(block++);
            }
        }
    }

    /// <summary>
    /// The next window's width in blocks: what the sections still wanted need at the rate found so far per block read, a
    /// fifth more; four times what was read when nothing matched yet.
    /// </summary>
    internal static long NextBlocks(long blocksRead, int sectionsFound, int limit)
    {
        if (sectionsFound == 0) return Math.Max(1, blocksRead * 4);
        var wanted = limit + 1 - sectionsFound;
        return Math.Max(1, (long)Math.Ceiling(blocksRead * (double)wanted / sectionsFound * 1.2));
    }

    /// <summary>
    /// The first and last article ids in the index, read once per search for both of its passes; null when it is empty
    /// (or the budget ran out).
    /// </summary>
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
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        // Room for a window's bitmaps to stay exact: at the default 4 MB a wide window's bitmap turned lossy and every row of
        // its lossy pages was read again (a mixed query's window: 165 ms, 72 ms with room). Reset when the pool takes the
        // connection back.
        await using var set = new NpgsqlCommand(WorkMem, connection);
        await set.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    private const string WorkMem = "SET work_mem = '32MB';";

    /// <summary>One index row's two vectors, as tsvector input.</summary>
    internal static (string Document, string Fields) VectorsOf(SqliteSearchIndex.Row row, BlockLayout layout, ISet<string>? words = null)
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
        words?.UnionWith(document.Keys);
        words?.UnionWith(fields.Keys);
        var block = string.Join(' ', BlockLexemesOf(layout, row.RowId).Select(TsQuery.Quote));
        return (Join(Write(document), block), Join(Write(fields), block));

        static string Join(string vector, string lexeme) => vector.Length == 0 ? lexeme : vector + " " + lexeme;

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
        private readonly BlockLayout layout;
        private readonly NpgsqlTransaction transaction;

        // The words this writer already sent: sent again, each would be one more lookup of the word table's key (at 10,000
        // documents, every article's words sent took the import from 64 to 88 s).
        private readonly HashSet<string> written = new(StringComparer.Ordinal);
        private readonly NpgsqlCommand insert;
        private readonly NpgsqlCommand delete;

        public Writer(BlockLayout layout, NpgsqlTransaction transaction)
        {
            this.layout = layout;
            this.transaction = transaction;
            var connection = transaction.Connection ?? throw new InvalidOperationException("The transaction has no connection.");
            // One statement per article, its rows as arrays: a round trip per row was most of a PostgreSQL import's time
            // (2,000 documents: 22,000 index rows, 63,000 statements, 4.5 s of them executing in the server, 24 s in all).
            // Its words go to the word table in the same round trip (those already there are left as they are).
            insert = new NpgsqlCommand(
                $"INSERT INTO \"{Table}\" (\"Id\", \"Document\", \"Fields\") SELECT * FROM unnest(@ids, @documents::tsvector[], @fields::tsvector[]);" +
                $"INSERT INTO \"{LexemeTable}\" (\"Lexeme\") SELECT unnest(@words) ON CONFLICT DO NOTHING;",
                connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter<long[]>("ids", []));
            insert.Parameters.Add(new NpgsqlParameter<string[]>("documents", []));
            insert.Parameters.Add(new NpgsqlParameter<string[]>("fields", []));
            insert.Parameters.Add(new NpgsqlParameter<string[]>("words", []));
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
            var words = new HashSet<string>(StringComparer.Ordinal);
            var vectors = rows.Select(r => VectorsOf(r, layout, words)).ToList();
            words.ExceptWith(written);
            written.UnionWith(words);
            insert.Parameters[0].Value = rows.Select(r => r.RowId).ToArray();
            insert.Parameters[1].Value = vectors.Select(v => v.Document).ToArray();
            insert.Parameters[2].Value = vectors.Select(v => v.Fields).ToArray();
            // In order, so two writers never wait on each other's words in opposite orders.
            insert.Parameters[3].Value = words.Order(StringComparer.Ordinal).ToArray();
            insert.ExecuteNonQuery();
        }

        public void Clear()
        {
            using var clear = new NpgsqlCommand($"DELETE FROM \"{Table}\"; DELETE FROM \"{LexemeTable}\";", transaction.Connection, transaction);
            clear.ExecuteNonQuery();
            written.Clear();
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
