using System.Net;
using CptKb.Tests.TestSupport;

namespace CptKb.Tests.Api;

public sealed class SecurityTests : IAsyncLifetime
{
    private readonly KbAppFactory _app = new() { Settings = { ["Kb:RateLimit:ApiPerMinute"] = "6" } };
    private HttpClient _client = null!; // set in InitializeAsync, before any test runs

    public async Task InitializeAsync() => _client = await _app.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("/")]
    [InlineData("/codes/20962")]
    [InlineData("/health")]
    [InlineData("/no-such-page")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var response = await _client.GetAsync(path);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task Pages_have_no_inline_script()
    {
        var html = await _client.GetStringAsync("/codes/20962");
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script(?<attrs>[^>]*)>(?<body>.*?)</script>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.NotEmpty(scripts);
        Assert.All(scripts, s =>
        {
            Assert.Contains("src=", s.Groups["attrs"].Value);
            Assert.True(string.IsNullOrWhiteSpace(s.Groups["body"].Value));
        });
    }

    [Fact]
    public async Task The_api_answers_429_with_retry_after_past_its_rate_limit()
    {
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 5 && limited is null; i++)
        {
            var response = await _client.GetAsync("/api/articles");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                limited = response;
        }

        Assert.NotNull(limited);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/export/codes.csv")]
    [InlineData("/api/export/codes.json")]
    [InlineData("/api/export/gaps.json")]
    [InlineData("/api/export/modifiers/22.json")]
    public async Task Exports_are_limited_like_the_rest_of_the_api(string address)
    {
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 5 && limited is null; i++)
        {
            var response = await _client.GetAsync(address);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                limited = response;
        }

        Assert.NotNull(limited);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Nothing_changes_content_over_http(string method)
    {
        foreach (var path in new[] { "/api/articles", "/api/articles/20962", "/api/import/runs/latest", "/api/import" })
        {
            using var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            Assert.True(response.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound,
                $"{method} {path} answered {(int)response.StatusCode}");
        }
    }
}
