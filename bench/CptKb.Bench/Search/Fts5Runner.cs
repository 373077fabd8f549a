using System.Diagnostics;
using CptKb.Core.Search;
using Microsoft.Data.Sqlite;

namespace CptKb.Bench.Search;

/// <summary>
/// The limit of CptKb's search: the FTS5 statements its index issues for a query (<see cref="SqliteSearchIndex.MatchAsync"/>),
/// sent directly through Microsoft.Data.Sqlite on one open connection, with nothing around them (no grouping,
/// facets, snippets or suggestions). The MATCH text is the index's own translation of the parsed query.
/// </summary>
internal static class Fts5Runner
{
    public const string Engine = "FTS5";

    private const string Table = SqliteSearchIndex.Table;

    public static EngineResult Run(string databasePath, IReadOnlyList<BenchQuery> queries, int iterations, int warmups)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly");
        connection.Open();
        using var rows = connection.CreateCommand();
        rows.CommandText = $"SELECT rowid FROM {Table} WHERE {Table} MATCH @match ORDER BY rowid LIMIT @limit;";
        var rowsMatch = rows.Parameters.Add("@match", SqliteType.Text);
        rows.Parameters.AddWithValue("@limit", SearchService.RankedSections + 1);
        using var ranked = connection.CreateCommand();
        ranked.CommandText = $"SELECT rowid, {SqliteSearchIndex.Bm25} FROM {Table} WHERE {Table} MATCH @match ORDER BY 2 LIMIT @limit;";
        var rankedMatch = ranked.Parameters.Add("@match", SqliteType.Text);
        ranked.Parameters.AddWithValue("@limit", SearchService.RankedSections);

        var parsed = queries.Select(q => SearchQuery.Parse(q.Text)).ToList();
        var matches = parsed.Select(q => q.IsEmpty ? "" : Fts5Query.Expression(q, null)).ToList();
        // Over the bound, the index also reads the free terms' title matches (bounded): the same pass here.
        var titles = parsed.Select(q => q.Terms.Any(t => !t.Excluded && t is WordTerm or PhraseTerm or CodeTerm) ? Fts5Query.Expression(q, "title") : null).ToList();
        var samples = queries.Select(_ => new List<double>(iterations)).ToList();
        var hits = new int[queries.Count];
        for (var round = 0; round < warmups + iterations; round++)
        {
            for (var i = 0; i < queries.Count; i++)
            {
                if (matches[i].Length == 0) continue;
                var started = Stopwatch.GetTimestamp();
                hits[i] = Once(rows, rowsMatch, ranked, rankedMatch, matches[i], titles[i]);
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (round >= warmups) samples[i].Add(ms);
            }
        }
        var timings = queries.Select((q, i) => new QueryTiming(q.Kind, q.Text, matches[i], hits[i], samples[i])).ToList();
        return new EngineResult(Engine, timings);
    }

    /// <summary>
    /// What the index does first: the matching rows in rowid order up to one past its bound; under the bound, all of
    /// them ranked by bm25 with the index's column weights; over it, that share unscored and the free terms' matches in the
    /// title column, as many again, also unscored.
    /// </summary>
    private static int Once(SqliteCommand rows, SqliteParameter rowsMatch, SqliteCommand ranked, SqliteParameter rankedMatch, string match, string? title)
    {
        rowsMatch.Value = match;
        var count = 0;
        using (var reader = rows.ExecuteReader())
            while (reader.Read()) count++;
        if (count == 0) return 0;
        if (count > SearchService.RankedSections)
        {
            if (title is null) return count;
            rowsMatch.Value = title;
            using var reader = rows.ExecuteReader();
            while (reader.Read()) count++;
            return count;
        }
        rankedMatch.Value = match;
        var ranks = 0;
        using (var reader = ranked.ExecuteReader())
            while (reader.Read()) { reader.GetDouble(1); ranks++; }
        return ranks;
    }
}
