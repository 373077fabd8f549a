using System.Net;
using System.Text.Json;
using CptKb.Core.Storage;
using CptKb.Tests.Search;
using CptKb.Tests.TestSupport;

namespace CptKb.Tests.Api;

/// <summary>
/// /api/search through the real app, on a temp database filled by the start-up import of a temp folder; one app per
/// class, read only. Run on both engines (below).
/// </summary>
public abstract class SearchApiSuite(SearchApiSuite.WithSearchCorpus app)
{
    public class WithSearchCorpus : KbAppFactory, IAsyncLifetime
    {
        public WithSearchCorpus() : this(KbDatabaseProvider.Sqlite)
        {
        }

        protected WithSearchCorpus(KbDatabaseProvider provider) : base(provider)
        {
        }

        public HttpClient Client { get; private set; } = null!; // set in InitializeAsync, before any test runs

        protected override void WriteSeeds(string folder)
        {
            foreach (var (file, text) in SearchCorpus.All) File.WriteAllText(Path.Combine(folder, file), text);
        }

        public async Task InitializeAsync() => Client = await StartAsync();

        // The factory's own DisposeAsync (IAsyncDisposable) stops the app and removes its database.
        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }

    public sealed class WithSearchCorpusOnPostgreSql() : WithSearchCorpus(KbDatabaseProvider.PostgreSQL);

    private readonly HttpClient client = app.Client;

    private async Task<JsonElement> GetAsync(string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task Words_found_only_across_an_articles_sections_are_flagged()
    {
        var body = await GetAsync("/api/search?q=osteoarthritis%20unitedhealthcare");

        Assert.Equal(1, body.GetProperty("total").GetInt32());
        Assert.True(body.GetProperty("acrossSections").GetBoolean());
        Assert.All(body.GetProperty("hits").EnumerateArray(), h => Assert.Equal("27447", h.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task A_search_returns_the_total_hits_facets_and_suggestion()
    {
        var body = await GetAsync("/api/search?q=graft&payer=humana");

        Assert.Equal(1, body.GetProperty("total").GetInt32());
        var hit = body.GetProperty("hits")[0];
        Assert.Equal("20962", hit.GetProperty("code").GetString());
        Assert.Equal("Vascularized Bone Graft for Major Bone Defect", hit.GetProperty("title").GetString());
        foreach (var name in new[] { "section", "anchor", "snippet" }) Assert.False(string.IsNullOrEmpty(hit.GetProperty(name).GetString()));
        Assert.True(hit.GetProperty("score").GetDouble() > 0);
        Assert.StartsWith("/codes/20962?hl=graft", hit.GetProperty("url").GetString());
        // The snippet is plain text; the highlights say where the matched words are, as [start, length] pairs.
        Assert.Contains(body.GetProperty("hits").EnumerateArray(), h => h.GetProperty("highlights").EnumerateArray().Any(r =>
            h.GetProperty("snippet").GetString()!.Substring(r[0].GetInt32(), r[1].GetInt32()).Equals("graft", StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(JsonValueKind.Array, body.GetProperty("facets").GetProperty("payers").ValueKind);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("didYouMean").ValueKind);
        Assert.False(body.GetProperty("acrossSections").GetBoolean());
        Assert.False(body.GetProperty("timedOut").GetBoolean());

        Assert.Equal("fibula", (await GetAsync("/api/search?q=fibual")).GetProperty("didYouMean").GetString());
    }

    [Fact]
    public async Task A_query_over_500_characters_is_cut_not_refused()
    {
        var body = await GetAsync("/api/search?q=" + Uri.EscapeDataString("graft " + new string('x', 2000)));
        Assert.Equal(500, body.GetProperty("query").GetString()!.Length);
    }

    [Fact]
    public async Task Paging_within_range_is_read_and_missing_q_gives_no_hits()
    {
        var first = await GetAsync("/api/search?q=medicare&pageSize=1");
        Assert.Single(first.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("code").GetString()).Distinct());
        Assert.Equal((1, 1), (first.GetProperty("page").GetInt32(), first.GetProperty("pageSize").GetInt32()));
        Assert.Equal(first.GetProperty("total").GetInt32(), first.GetProperty("pageCount").GetInt32());
        var second = await GetAsync("/api/search?q=medicare&page=2&pageSize=1");
        Assert.NotEqual(first.GetProperty("hits")[0].GetProperty("code").GetString(), second.GetProperty("hits")[0].GetProperty("code").GetString());
        Assert.Equal(0, (await GetAsync("/api/search")).GetProperty("total").GetInt32());
        Assert.Empty((await GetAsync("/api/search?q=graft&page=10000&pageSize=100")).GetProperty("hits").EnumerateArray());
    }

    [Theory]
    [InlineData("pageSize=abc", "pageSize", "from 1 to 100")]
    [InlineData("pageSize=0", "pageSize", "from 1 to 100")]
    [InlineData("pageSize=101", "pageSize", "from 1 to 100")]
    [InlineData("pageSize=2.5", "pageSize", "from 1 to 100")]
    [InlineData("page=99999999999", "page", "from 1 to 10000")]
    [InlineData("page=0", "page", "from 1 to 10000")]
    [InlineData("pageSize=20&page=%3Cb%3E", "page", "from 1 to 10000")]
    public async Task Bad_paging_is_a_json_problem_naming_the_parameter_and_its_range(string query, string parameter, string allowed)
    {
        using var response = await client.GetAsync("/api/search?q=graft&" + query);

        await ApiProblem.AssertBadParameterAsync(response, parameter, allowed);
    }

    [Fact]
    public async Task A_word_in_most_sections_still_gets_scores_that_rank_the_hits()
    {
        // "graft" is in three titles (so in every section of those articles) and two texts: FTS5 weighs such a word at
        // its floor, and the scores were all rounded to 0.
        var hits = (await GetAsync("/api/search?q=graft")).GetProperty("hits").EnumerateArray().ToList();

        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.True(h.GetProperty("score").GetDouble() > 0, $"{h.GetProperty("code")} scored 0"));
    }

    [Fact]
    public async Task A_query_that_is_one_stored_code_reports_it_as_the_exact_code()
    {
        Assert.Equal("20955", (await GetAsync("/api/search?q=20955")).GetProperty("exactCode").GetString());
        Assert.Equal("0001T", (await GetAsync("/api/search?q=0001t")).GetProperty("exactCode").GetString());
        Assert.Equal(JsonValueKind.Null, (await GetAsync("/api/search?q=20956")).GetProperty("exactCode").ValueKind);
        Assert.Equal(JsonValueKind.Null, (await GetAsync("/api/search?q=20955%20graft")).GetProperty("exactCode").ValueKind);
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("*")]
    [InlineData("a AND")]
    [InlineData("99213.25")]
    [InlineData("e/m visit?")]
    [InlineData("foo-bar")]
    [InlineData("NEAR(a b)")]
    [InlineData("payer:")]
    [InlineData("-")]
    [InlineData("'; DROP TABLE Articles; --")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("\u0000\u0001\u0002")]
    [InlineData("title:graft OR {code}:1")]
    public async Task Hostile_queries_get_an_answer_not_an_error(string q) =>
        Assert.True((await GetAsync("/api/search?q=" + Uri.EscapeDataString(q))).GetProperty("total").GetInt32() >= 0);
}

public sealed class SearchApiTests(SearchApiSuite.WithSearchCorpus app) : SearchApiSuite(app), IClassFixture<SearchApiSuite.WithSearchCorpus>;

/// <summary>The same tests on PostgreSQL.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class SearchApiOnPostgreSqlTests(SearchApiSuite.WithSearchCorpusOnPostgreSql app)
    : SearchApiSuite(app), IClassFixture<SearchApiSuite.WithSearchCorpusOnPostgreSql>;
