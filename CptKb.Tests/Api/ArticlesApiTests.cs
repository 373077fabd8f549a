using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using CptKb.Tests.TestSupport;

namespace CptKb.Tests.Api;

public sealed class ArticlesApiTests : IAsyncLifetime
{
    private readonly KbAppFactory _app = new();
    private HttpClient _client = null!; // set in InitializeAsync, before any test runs

    public async Task InitializeAsync() => _client = await _app.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_list_gives_code_title_payers_modifier_codes_and_data_gap_count()
    {
        var list = await _client.GetFromJsonAsync<JsonElement>("/api/articles");

        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal("20962", item.GetProperty("code").GetString());
        Assert.Equal("Vascularized Bone Graft for Major Bone Defect", item.GetProperty("title").GetString());
        Assert.Equal(["Aetna", "Blue Cross Blue Shield", "Cigna Health", "UnitedHealthcare", "Medicare"],
            item.GetProperty("payers").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(["22"], item.GetProperty("modifierCodes").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(1, item.GetProperty("dataGapCount").GetInt32());
    }

    [Fact]
    public async Task One_article_comes_whole_in_camel_case_with_its_source()
    {
        var article = await _client.GetFromJsonAsync<JsonElement>("/api/articles/20962");

        Assert.Equal("20962", article.GetProperty("code").GetString());
        Assert.StartsWith("A 48-year-old", article.GetProperty("clinicalContext").GetString());
        Assert.StartsWith("Surgical autologous", article.GetProperty("serviceType").GetString());
        var modifier = Assert.Single(article.GetProperty("modifiers").EnumerateArray());
        Assert.Equal("Increased procedural services", modifier.GetProperty("description").GetString());
        Assert.Equal(JsonValueKind.Null, modifier.GetProperty("whenToUse").ValueKind);
        Assert.Equal("clinicalContext", article.GetProperty("sections")[3].GetProperty("kind").GetString());
        Assert.Equal("clinical-context", article.GetProperty("sections")[3].GetProperty("anchor").GetString());
        Assert.Equal("Billing Code Overview", Assert.Single(article.GetProperty("dataGaps").EnumerateArray()).GetProperty("sectionPath").GetString());
        Assert.Contains(article.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("message").GetString()!.Contains("truncated"));

        var source = article.GetProperty("source");
        var bytes = await File.ReadAllBytesAsync(Path.Combine(_app.SeedsFolder, "000_1ec41e0964c043f3.txt"));
        Assert.Equal("000_1ec41e0964c043f3.txt", source.GetProperty("fileName").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), source.GetProperty("sha256").GetString());
        Assert.Equal(1, source.GetProperty("revision").GetInt32());
        Assert.True(source.GetProperty("importedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Theory]
    [InlineData("99999")]
    [InlineData("not-a-code")]
    public async Task An_unknown_code_is_a_404_with_a_json_problem_body(string code)
    {
        using var response = await _client.GetAsync($"/api/articles/{code}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Unknown code", problem.GetProperty("title").GetString());
        Assert.Contains(code, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Health_is_200_after_the_start_up_import()
    {
        var health = await _client.GetFromJsonAsync<JsonElement>("/health");
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_article_endpoints()
    {
        var document = await _client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/articles/{code}", document);
        Assert.Contains("/api/import/runs/latest", document);
    }

    [Fact]
    public async Task The_codes_page_lists_the_article_in_its_first_html_response()
    {
        var html = await _client.GetStringAsync("/codes");
        Assert.Contains("20962", html);
        Assert.Contains("Vascularized Bone Graft for Major Bone Defect", html);
    }
}
