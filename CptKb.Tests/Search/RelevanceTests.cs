using CptKb.Bench.Relevance;
using CptKb.Tests.TestSupport;

namespace CptKb.Tests.Search;

/// <summary>
/// The judged queries (bench/CptKb.Bench/Relevance/relevance-queries.json) over the relevance corpus: the expected
/// article comes first, opened on the expected section, for nearly every one.
/// </summary>
public abstract class RelevanceSuite(RelevanceDatabase corpus)
{
    [Fact]
    public void The_set_has_at_least_40_queries_from_each_kind_of_reader()
    {
        var queries = RelevanceSet.Load();
        Assert.True(queries.Count >= 40, $"{queries.Count} judged queries");
        Assert.Equal(["clinical lead", "coder", "revenue-cycle manager"], queries.Select(q => q.Reader).Distinct().Order(StringComparer.Ordinal));
        Assert.All(queries, q => Assert.False(string.IsNullOrWhiteSpace(q.Anchor), q.Query));
    }

    [Fact]
    public async Task The_judged_queries_find_their_article_and_section_with_an_mrr_of_at_least_0_9()
    {
        var results = await RelevanceSet.RunAsync(corpus.Search, RelevanceSet.Load());

        var mrr = RelevanceSet.Mrr(results);
        var misses = results.Where(r => !r.Right || r.Rank != 1)
            .Select(r => $"\"{r.Judged.Query}\": {r.Judged.Code} at {r.Rank}, first section {r.FirstSection ?? "-"} (expected {r.Judged.Anchor})");
        Assert.True(mrr >= 0.9, $"MRR {mrr:0.000}; not first with the expected section:\n{string.Join('\n', misses)}");
    }
}

public sealed class RelevanceTests(RelevanceDatabase corpus) : RelevanceSuite(corpus), IClassFixture<RelevanceDatabase>;

/// <summary>The same tests on PostgreSQL.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class RelevanceOnPostgreSqlTests(PostgreSqlRelevanceDatabase corpus) : RelevanceSuite(corpus), IClassFixture<PostgreSqlRelevanceDatabase>;
