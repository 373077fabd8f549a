using System.Net;
using CptKb.Tests.TestSupport;

namespace CptKb.Tests.Api;

/// <summary>The results page, as a browser first requests it, is held to the search rate like <c>/api/search</c>.</summary>
public sealed class SearchRateLimitTests : IAsyncLifetime
{
    // 6 a minute: a bucket of one search, refilled every 10 s.
    private readonly KbAppFactory _app = new() { Settings = { ["Kb:RateLimit:SearchPerMinute"] = "6" } };
    private HttpClient _client = null!; // set in InitializeAsync, before any test runs

    public async Task InitializeAsync() => _client = await _app.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_results_page_answers_429_with_retry_after_past_the_search_rate()
    {
        using var first = await _client.GetAsync("/search?q=graft");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("20962", await first.Content.ReadAsStringAsync());

        using var limited = await _client.GetAsync("/search?q=bone");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var wait = limited.Headers.RetryAfter?.Delta;
        Assert.True(wait > TimeSpan.Zero);
        Assert.Equal($"Too many searches; try again in {wait!.Value.TotalSeconds:0} s.", await limited.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Other_pages_are_not_held_to_the_search_rate()
    {
        for (var i = 0; i < 5; i++)
        {
            using var response = await _client.GetAsync("/codes/20962");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
