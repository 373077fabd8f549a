using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CptKb.Core.Storage;
using CptKb.Tests.TestSupport;

namespace CptKb.Tests.Hardening;

/// <summary>Every hostile document: the import finishes, its result says what is wrong, and no page carries active content.</summary>
public abstract class HostileDocumentsSuite(HostileDocumentsSuite.HostileApp hostile)
{
    /// <summary>The app after importing the hostile corpus once, shared by every test here.</summary>
    public class HostileApp : KbAppFactory, IAsyncLifetime
    {
        public HostileApp() : this(KbDatabaseProvider.Sqlite)
        {
        }

        protected HostileApp(KbDatabaseProvider provider) : base(provider)
        {
        }

        public HttpClient Client { get; private set; } = null!; // set in InitializeAsync

        public Dictionary<string, JsonElement> Files { get; private set; } = null!; // set in InitializeAsync

        protected override void WriteSeeds(string folder) => HostileCorpus.Write(folder);

        public async Task InitializeAsync()
        {
            Client = await StartAsync();
            var run = await Client.GetFromJsonAsync<JsonElement>("/api/import/runs/latest");
            Assert.Equal("succeeded", run.GetProperty("status").GetString());
            Files = run.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("fileName").GetString()!);
        }

        Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
    }

    public sealed class HostileAppOnPostgreSql() : HostileApp(KbDatabaseProvider.PostgreSQL);

    private HttpClient _client => hostile.Client;

    private Dictionary<string, JsonElement> _files => hostile.Files;

    private KbAppFactory _app => hostile;

    [Fact]
    public void The_run_has_a_result_for_every_file()
    {
        Assert.Equal(Directory.GetFiles(_app.SeedsFolder).Length, _files.Count);
        Assert.True(_files.Count >= 30, $"only {_files.Count} hostile files");
    }

    [Fact]
    public void Documents_that_can_be_read_are_imported()
    {
        foreach (var name in HostileCorpus.MustImport)
            Assert.True(_files[name].GetProperty("status").GetString() == "imported", $"{name}: {_files[name]}");
        Assert.Contains(Messages("windows-1252.txt"), m => m.Contains("Windows-1252"));
        Assert.Contains(Messages("two-codes.txt"), m => m.Contains("second code, 30010"));
    }

    [Fact]
    public void Files_that_are_not_publications_fail_with_their_reason_in_plain_words()
    {
        foreach (var (name, reason) in HostileCorpus.MustFail)
        {
            Assert.Equal("failed", _files[name].GetProperty("status").GetString());
            Assert.Contains(Messages(name), m => m.Contains(reason, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public void Every_cut_of_the_seed_is_imported_or_says_why_not()
    {
        var cuts = _files.Where(f => f.Key.StartsWith("seed-cut-", StringComparison.Ordinal)).ToList();
        Assert.True(cuts.Count >= 30);
        foreach (var (name, file) in cuts)
        {
            var status = file.GetProperty("status").GetString();
            if (status == "failed")
                Assert.NotEmpty(Messages(name));
            else
                Assert.Equal("imported", status);
        }
        Assert.True(cuts.Count(c => c.Value.GetProperty("status").GetString() == "imported") > 25);
    }

    [Fact]
    public async Task No_page_carries_markup_or_active_content_from_a_document()
    {
        var codes = _files.Values.Where(f => f.GetProperty("status").GetString() == "imported").Select(f => f.GetProperty("code").GetString()!).ToList();
        Assert.NotEmpty(codes);
        var pages = codes.Select(code => $"/codes/{Uri.EscapeDataString(code)}").Concat(await MarkupScan.PagesAsync(_client)).Distinct().ToList();
        var findings = new List<string>();
        foreach (var page in pages)
        {
            using var response = await _client.GetAsync(page);
            var notFound = page is "/codes/30103" or "/nothing-here";
            Assert.True(response.StatusCode == (notFound ? HttpStatusCode.NotFound : HttpStatusCode.OK), $"{page}: {(int)response.StatusCode}");
            findings.AddRange(MarkupScan.Find(await response.Content.ReadAsStringAsync(), page, _client.BaseAddress!));
        }
        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }

    [Fact]
    public async Task The_api_returns_hostile_text_as_inert_json()
    {
        using var response = await _client.GetAsync("/api/articles/30012");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        var article = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("<script>", article.GetProperty("title").GetString());
    }

    private List<string> Messages(string name) =>
        [.. _files[name].GetProperty("messages").EnumerateArray().Select(m => m.GetString()!)];
}

public sealed class HostileDocumentsTests(HostileDocumentsSuite.HostileApp hostile) : HostileDocumentsSuite(hostile), IClassFixture<HostileDocumentsSuite.HostileApp>;

/// <summary>The same documents on PostgreSQL.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class HostileDocumentsOnPostgreSqlTests(HostileDocumentsSuite.HostileAppOnPostgreSql hostile)
    : HostileDocumentsSuite(hostile), IClassFixture<HostileDocumentsSuite.HostileAppOnPostgreSql>;
