using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using CptKb.Tests.TestSupport;

namespace CptKb.Tests.Api;

/// <summary>The articles API over the real seed; one app per class, read only. Run on both engines (below).</summary>
public abstract class ArticlesApiSuite(SeedApp app)
{
    private readonly HttpClient _client = app.Client;

    [Fact]
    public async Task The_list_gives_code_title_payers_modifier_codes_and_data_gap_count()
    {
        var list = await _client.GetFromJsonAsync<JsonElement>("/api/articles");

        Assert.Equal((1, 1, 50, 1), (list.GetProperty("total").GetInt32(), list.GetProperty("page").GetInt32(),
            list.GetProperty("pageSize").GetInt32(), list.GetProperty("pageCount").GetInt32()));
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal("20962", item.GetProperty("code").GetString());
        Assert.Equal("Vascularized Bone Graft for Major Bone Defect", item.GetProperty("title").GetString());
        Assert.Equal(["Aetna", "Blue Cross Blue Shield", "Cigna Health", "UnitedHealthcare", "Medicare"],
            item.GetProperty("payers").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(["22"], item.GetProperty("modifierCodes").EnumerateArray().Select(p => p.GetString()));
        // The note, the empty "When to Use" cell and the five key payers without a section.
        Assert.Equal(7, item.GetProperty("dataGapCount").GetInt32());
    }

    [Fact]
    public async Task One_article_comes_whole_in_camel_case_with_its_source()
    {
        var article = await _client.GetFromJsonAsync<JsonElement>("/api/articles/20962");

        Assert.Equal("20962", article.GetProperty("code").GetString());
        Assert.Equal("current", article.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, article.GetProperty("withdrawnAt").ValueKind);
        Assert.StartsWith("A 48-year-old", article.GetProperty("clinicalContext").GetString());
        Assert.StartsWith("Surgical autologous", article.GetProperty("serviceType").GetString());
        var modifier = Assert.Single(article.GetProperty("modifiers").EnumerateArray());
        Assert.Equal("Increased procedural services", modifier.GetProperty("description").GetString());
        Assert.Equal(JsonValueKind.Null, modifier.GetProperty("whenToUse").ValueKind);
        Assert.Equal("clinicalContext", article.GetProperty("sections")[3].GetProperty("kind").GetString());
        Assert.Equal("clinical-context", article.GetProperty("sections")[3].GetProperty("anchor").GetString());
        var gaps = article.GetProperty("dataGaps").EnumerateArray().ToList();
        Assert.Equal(7, article.GetProperty("dataGapCount").GetInt32());
        Assert.Equal(["notAvailableNote", "emptyTableCell", "noPayerSection", "noPayerSection", "noPayerSection", "noPayerSection", "noPayerSection"],
            gaps.Select(g => g.GetProperty("kind").GetString()));
        Assert.Equal("Billing Code Overview", gaps[0].GetProperty("sectionPath").GetString());
        Assert.Equal("When to Use", gaps[1].GetProperty("factLabel").GetString());
        Assert.Equal("Medicare", gaps[6].GetProperty("payer").GetString());
        Assert.Contains(article.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("message").GetString()!.Contains("truncated"));

        var source = article.GetProperty("source");
        var bytes = await File.ReadAllBytesAsync(Path.Combine(app.SeedsFolder, "000_1ec41e0964c043f3.txt"));
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

    [Theory]
    [InlineData("page=abc", "page", "a whole number from 1")]
    [InlineData("page=0", "page", "a whole number from 1")]
    [InlineData("page=2", "page", "from 1 to 1")]
    [InlineData("page=99999999999", "page", "a whole number from 1")]
    [InlineData("page=2147483647", "page", "from 1 to 1")]
    [InlineData("pageSize=0", "pageSize", "from 1 to 500")]
    [InlineData("pageSize=501", "pageSize", "from 1 to 500")]
    [InlineData("pageSize=fifty", "pageSize", "from 1 to 500")]
    public async Task Bad_paging_of_the_list_is_a_json_problem_naming_the_parameter_and_its_range(string query, string parameter, string allowed)
    {
        using var response = await _client.GetAsync("/api/articles?" + query);

        await ApiProblem.AssertBadParameterAsync(response, parameter, allowed);
    }

    [Theory]
    [InlineData("POST", "/api/articles")]
    [InlineData("DELETE", "/api/articles/20962")]
    [InlineData("GET", "/api/nothing/here")]
    [InlineData("PUT", "/api/search")]
    [InlineData("GET", "/api/import/runs/latest/x")]
    public async Task Every_api_error_is_a_json_problem_not_a_page(string method, string path)
    {
        using var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Pages_keep_their_html_not_found_page()
    {
        using var response = await _client.GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
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
        var document = await _client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/articles/{code}", out _));
        Assert.True(paths.TryGetProperty("/api/import/runs/latest", out _));
        var list = paths.GetProperty("/api/articles").GetProperty("get");
        var pageSize = list.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "pageSize").GetProperty("schema");
        Assert.Equal("integer", pageSize.GetProperty("type").GetString());
        Assert.Equal((1, 500, 50), (pageSize.GetProperty("minimum").GetInt32(), pageSize.GetProperty("maximum").GetInt32(), pageSize.GetProperty("default").GetInt32()));
        Assert.True(list.GetProperty("responses").TryGetProperty("400", out _));
        var envelope = list.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.Contains("Paged", envelope.GetProperty("$ref").GetString());
    }

    [Fact]
    public async Task The_codes_page_lists_the_article_in_its_first_html_response()
    {
        var html = await _client.GetStringAsync("/codes");
        Assert.Contains("20962", html);
        Assert.Contains("Vascularized Bone Graft for Major Bone Defect", html);
    }
}

public sealed class ArticlesApiTests(SeedApp app) : ArticlesApiSuite(app), IClassFixture<SeedApp>;

/// <summary>The same tests on PostgreSQL.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class ArticlesApiOnPostgreSqlTests(PostgreSqlSeedApp app) : ArticlesApiSuite(app), IClassFixture<PostgreSqlSeedApp>;
