using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using CptKb.Tests.TestSupport;

namespace CptKb.Tests.Hardening;

/// <summary>Every hostile document: the import finishes, its result says what is wrong, and no page carries active content.</summary>
public sealed class HostileDocumentsTests(HostileDocumentsTests.HostileApp hostile) : IClassFixture<HostileDocumentsTests.HostileApp>
{
    /// <summary>The app after importing the hostile corpus once, shared by every test here.</summary>
    public sealed class HostileApp : KbAppFactory, IAsyncLifetime
    {
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
    public async Task No_article_page_carries_active_content()
    {
        var parser = new HtmlParser();
        var codes = _files.Values.Where(f => f.GetProperty("status").GetString() == "imported").Select(f => f.GetProperty("code").GetString()!).ToList();
        Assert.NotEmpty(codes);
        foreach (var code in codes.Append("30016").Append("30013").Distinct())
        {
            var html = await _client.GetStringAsync($"/codes/{Uri.EscapeDataString(code)}");
            var document = await parser.ParseDocumentAsync(html);
            foreach (var element in document.All)
            {
                var where = $"{code}: <{element.LocalName}>";
                // Document Markdown is the only place content becomes elements; the app's own icons are inline SVG.
                Assert.False(element.Closest(".kb-markdown") is not null
                    && element.LocalName is "iframe" or "object" or "embed" or "img" or "svg" or "meta" or "style" or "script" or "form" or "base", where);
                Assert.False(element.LocalName is "iframe" or "object" or "embed" or "form", where);
                Assert.False(element.LocalName == "base" && element.GetAttribute("href") != "/", where);
                if (element.LocalName == "script")
                {
                    // Only the app's own script files: a relative src, no inline body.
                    var src = element.GetAttribute("src") ?? "";
                    Assert.True(src.Length > 0 && !src.Contains(':') && !src.StartsWith("//", StringComparison.Ordinal), $"{where} {element.OuterHtml}");
                    Assert.True(string.IsNullOrWhiteSpace(element.TextContent), $"{where} {element.OuterHtml}");
                }
                foreach (var attribute in element.Attributes)
                {
                    Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{where} {attribute.Name}");
                    if (attribute.Name is "href" or "src" or "action" or "formaction")
                    {
                        var value = attribute.Value.Trim().ToLowerInvariant();
                        Assert.False(value.StartsWith("javascript:") || value.StartsWith("data:") || value.StartsWith("vbscript:"), $"{where} {attribute.Name}={attribute.Value}");
                    }
                }
                if (element.LocalName == "style")
                    Assert.DoesNotContain("@import", element.TextContent, StringComparison.OrdinalIgnoreCase);
            }
        }
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
