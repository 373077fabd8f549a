using CptKb.Bench.Relevance;
using CptKb.Tests.TestSupport;

namespace CptKb.Tests.Search;

/// <summary>
/// The judged queries on PostgreSQL, and against SQLite: both engines read the same parsed queries over the same words,
/// so a reader gets the same first article from either.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class EngineAgreementTests(PostgreSqlRelevanceDatabase postgreSql) : IClassFixture<PostgreSqlRelevanceDatabase>, IAsyncLifetime
{
    private readonly RelevanceDatabase sqlite = new();

    public Task InitializeAsync() => sqlite.InitializeAsync();

    public Task DisposeAsync() => sqlite.DisposeAsync();

    [Fact]
    public async Task The_judged_queries_find_their_article_and_section_on_PostgreSQL_with_an_mrr_of_at_least_0_9()
    {
        var results = await RelevanceSet.RunAsync(postgreSql.Search, RelevanceSet.Load());

        var mrr = RelevanceSet.Mrr(results);
        var misses = results.Where(r => !r.Right || r.Rank != 1)
            .Select(r => $"\"{r.Judged.Query}\": {r.Judged.Code} at {r.Rank}, first section {r.FirstSection ?? "-"} (expected {r.Judged.Anchor})");
        Assert.True(mrr >= 0.9, $"MRR {mrr:0.000}; not first with the expected section:\n{string.Join('\n', misses)}");
    }

    [Fact]
    public async Task Both_engines_put_the_same_article_first_for_at_least_95_percent_of_the_judged_queries()
    {
        var queries = RelevanceSet.Load();
        var differ = new List<string>();
        foreach (var judged in queries)
        {
            var onSqlite = (await sqlite.Search.SearchAsync(judged.Query)).Articles.FirstOrDefault()?.Code;
            var onPostgreSql = (await postgreSql.Search.SearchAsync(judged.Query)).Articles.FirstOrDefault()?.Code;
            if (onSqlite != onPostgreSql) differ.Add($"\"{judged.Query}\": SQLite {onSqlite ?? "-"}, PostgreSQL {onPostgreSql ?? "-"}");
        }

        var same = 1.0 - (double)differ.Count / queries.Count;
        Assert.True(same >= 0.95, $"{same:P0} the same first article; differing:\n{string.Join('\n', differ)}");
    }
}
