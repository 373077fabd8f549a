using System.Net;
using System.Net.Http.Json;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using CptKb.Core.Import;
using CptKb.Core.Storage;
using CptKb.Tests.Changes;
using CptKb.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CptKb.Tests.Api;

/// <summary>
/// The revisions and changes API and the Atom feed, over an article imported, then edited and imported again; one app
/// per class, read only. Run on both engines (below).
/// </summary>
public abstract class ChangesApiSuite(ChangesApiSuite.TwoRevisions app)
{
    public class TwoRevisions : KbAppFactory, IAsyncLifetime
    {
        public TwoRevisions() : this(KbDatabaseProvider.Sqlite)
        {
        }

        protected TwoRevisions(KbDatabaseProvider provider) : base(provider)
        {
        }

        public HttpClient Client { get; private set; } = null!; // set in InitializeAsync, before any test runs

        protected override void WriteSeeds(string folder) => File.WriteAllText(Path.Combine(folder, "27447.txt"), ArticleComparerTests.Before);

        public async Task InitializeAsync()
        {
            Client = await StartAsync();
            await File.WriteAllTextAsync(Path.Combine(SeedsFolder, "27447.txt"), ArticleComparerTests.Before
                .Replace("Prior authorization: Not required.", "Prior authorization: Required.", StringComparison.Ordinal)
                .Replace("where the payer allows it.", "where the payer's policy allows it.", StringComparison.Ordinal));
            await Services.GetRequiredService<Importer>().ImportFolderAsync(SeedsFolder);
        }

        // The factory's own DisposeAsync (IAsyncDisposable) stops the app and removes its database.
        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }

    public sealed class TwoRevisionsOnPostgreSql() : TwoRevisions(KbDatabaseProvider.PostgreSQL);

    private readonly HttpClient _client = app.Client;

    [Fact]
    public async Task Revisions_come_newest_first_with_file_checksum_and_a_one_line_summary()
    {
        var revisions = await _client.GetFromJsonAsync<JsonElement>("/api/articles/27447/revisions");

        Assert.Equal([2, 1], revisions.EnumerateArray().Select(r => r.GetProperty("revision").GetInt32()));
        var latest = revisions[0];
        Assert.Equal("27447.txt", latest.GetProperty("fileName").GetString());
        Assert.Equal(64, latest.GetProperty("sha256").GetString()!.Length);
        Assert.StartsWith("Aetna: covered → covered with prior authorization", latest.GetProperty("summary").GetString());
        Assert.Equal("first revision", revisions[1].GetProperty("summary").GetString());
    }

    [Fact]
    public async Task Changes_default_to_the_last_two_revisions_one_per_fact()
    {
        var comparison = await _client.GetFromJsonAsync<JsonElement>("/api/articles/27447/changes");

        Assert.Equal((1, 2), (comparison.GetProperty("from").GetInt32(), comparison.GetProperty("to").GetInt32()));
        var changes = comparison.GetProperty("changes").EnumerateArray().ToList();
        var stance = Assert.Single(changes, c => c.GetProperty("kind").GetString() == "stance-changed");
        Assert.Equal(("Aetna", "Covered", "CoveredWithPriorAuthorization"),
            (stance.GetProperty("payer").GetString(), stance.GetProperty("before").GetString(), stance.GetProperty("after").GetString()));
        var text = Assert.Single(changes, c => c.GetProperty("kind").GetString() == "section-text-changed");
        Assert.Equal("Policy & Coding Considerations", text.GetProperty("section").GetString());
        Assert.Contains("payer's policy allows", text.GetProperty("after").GetString());
        Assert.Contains(changes, c => c.GetProperty("kind").GetString() == "prior-authorization-changed");
    }

    [Theory]
    [InlineData("/api/articles/27447/changes?from=x", "from", "a whole number from 1")]
    [InlineData("/api/articles/27447/changes?to=0", "to", "a whole number from 1")]
    [InlineData("/api/articles/27447/changes?from=1&to=7", "to", "a whole number from 1 to 2")]
    [InlineData("/api/changes?since=yesterday", "since", "ISO 8601")]
    [InlineData("/api/changes?kind=everything", "kind", "stance-changed")]
    [InlineData("/api/changes?range=surgery-everywhere", "range", "evaluation-management")]
    [InlineData("/api/changes?pageSize=501", "pageSize", "a whole number from 1 to 500")]
    [InlineData("/changes.atom?kind=nothing", "kind", "stance-changed")]
    public async Task Bad_parameters_are_400_problems_naming_them(string url, string parameter, string allowed) =>
        await ApiProblem.AssertBadParameterAsync(await _client.GetAsync(url), parameter, allowed);

    [Fact]
    public async Task An_unknown_code_is_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/articles/99999/revisions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/articles/99999/changes")).StatusCode);
    }

    [Fact]
    public async Task The_feed_filters_by_payer_kind_and_time_and_pages()
    {
        var aetna = await _client.GetFromJsonAsync<JsonElement>("/api/changes?payer=Aetna&kind=stance-changed,prior-authorization-changed");
        Assert.Equal(2, aetna.GetProperty("total").GetInt32());
        Assert.All(aetna.GetProperty("items").EnumerateArray(), c => Assert.Equal("Aetna", c.GetProperty("change").GetProperty("payer").GetString()));

        var all = await _client.GetFromJsonAsync<JsonElement>("/api/changes?pageSize=1&page=2");
        Assert.True(all.GetProperty("total").GetInt32() >= 4);
        Assert.Equal(1, all.GetProperty("items").GetArrayLength());

        var future = await _client.GetFromJsonAsync<JsonElement>($"/api/changes?since={DateTimeOffset.UtcNow.AddDays(1):yyyy-MM-dd}");
        Assert.Equal(0, future.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_atom_feed_parses_and_links_each_change_to_its_diff()
    {
        using var response = await _client.GetAsync("/changes.atom?payer=Aetna");
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        using var reader = XmlReader.Create(await response.Content.ReadAsStreamAsync());

        var feed = SyndicationFeed.Load(reader);

        Assert.NotEmpty(feed.Items);
        Assert.All(feed.Items, item => Assert.StartsWith("CPT 27447: Aetna", item.Title.Text));
        Assert.Contains(feed.Items, item => item.Title.Text == "CPT 27447: Aetna: covered → covered with prior authorization");
        Assert.All(feed.Items, item => Assert.EndsWith("/codes/27447/diff?from=1&to=2", item.Links[0].Uri.ToString()));
    }

    [Fact]
    public async Task The_openapi_document_lists_the_change_endpoints()
    {
        var document = await _client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/articles/{code}/revisions", document);
        Assert.Contains("/api/articles/{code}/changes", document);
        Assert.Contains("/api/changes", document);
    }
}

public sealed class ChangesApiTests(ChangesApiSuite.TwoRevisions app) : ChangesApiSuite(app), IClassFixture<ChangesApiSuite.TwoRevisions>;

/// <summary>The same tests on PostgreSQL.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class ChangesApiOnPostgreSqlTests(ChangesApiSuite.TwoRevisionsOnPostgreSql app)
    : ChangesApiSuite(app), IClassFixture<ChangesApiSuite.TwoRevisionsOnPostgreSql>;
