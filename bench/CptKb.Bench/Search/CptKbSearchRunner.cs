using System.Diagnostics;
using CptKb.Core.Search;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CptKb.Bench.Search;

/// <summary>
/// CptKb's <see cref="SearchService"/> as a user meets it: one call per query for the first page of 20 articles, with
/// grouping, facets, snippets and the spelling suggestion, after <see cref="SearchService.WarmUpAsync"/>.
/// </summary>
internal static class CptKbSearchRunner
{
    public const string Engine = "CptKb";

    public static async Task<EngineResult> RunAsync(string databasePath, IReadOnlyList<BenchQuery> queries, int iterations, int warmups)
    {
        await using var services = SearchDatabase.Services(databasePath);
        var result = await RunAsync(services, queries, iterations, warmups);
        SqliteConnection.ClearAllPools();
        return result;
    }

    /// <summary>The same over a store of either engine, through its services.</summary>
    public static async Task<EngineResult> RunAsync(IServiceProvider services, IReadOnlyList<BenchQuery> queries, int iterations, int warmups)
    {
        var search = services.GetRequiredService<SearchService>();
        var warmUp = Stopwatch.GetTimestamp();
        await search.WarmUpAsync();
        var warmUpSeconds = Stopwatch.GetElapsedTime(warmUp).TotalSeconds;

        var samples = queries.Select(_ => new List<double>(iterations)).ToList();
        var hits = new int[queries.Count];
        // Round by round over the whole set, as a user's queries come, rather than one query repeated while its pages are hot.
        for (var round = 0; round < warmups + iterations; round++)
        {
            for (var i = 0; i < queries.Count; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var results = await search.SearchAsync(queries[i].Text);
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                hits[i] = results.Total;
                if (round >= warmups) samples[i].Add(ms);
            }
        }
        var timings = queries.Select((q, i) => new QueryTiming(q.Kind, q.Text, SearchQuery.Parse(q.Text).Text, hits[i], samples[i])).ToList();
        return new EngineResult(Engine, timings, IndexSeconds: warmUpSeconds);
    }
}
