using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CptKb.Tests.TestSupport;

namespace CptKb.Tests.Hosting;

/// <summary>
/// What uptime monitors, load balancers and orchestrators ask the real server (Kestrel): <c>HEAD</c> on any page or API
/// route, <c>/health/live</c> and <c>/health/ready</c>.
/// </summary>
[Collection(Hardening.AppProcessesCollection.Name)]
public sealed class MonitorAnswersTests
{
    [Fact]
    public async Task HEAD_answers_every_page_and_API_route_like_GET_without_a_body()
    {
        await using var app = await LiveApp.StartAsync(FixtureCorpus.CopyTo);
        using var client = app.CreateClient();
        string[] routes =
        [
            "/", "/codes", "/codes/20955", "/payers", "/payers/Medicare", "/payer-matrix", "/modifiers", "/modifiers/22", "/gaps",
            "/import", "/search?q=graft", "/codes/99999", "/no-such-page",
            "/api/articles", "/api/articles/20955", "/api/articles/99999", "/api/import/runs/latest", "/api/search?q=graft",
            "/api/no-such-endpoint", "/openapi/v1.json", "/health", "/health/live", "/health/ready",
        ];
        var differences = new List<string>();
        foreach (var route in routes)
        {
            using var get = await client.GetAsync(route);
            using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, route));
            var body = await head.Content.ReadAsByteArrayAsync();
            if (head.StatusCode != get.StatusCode)
                differences.Add($"{route}: HEAD {(int)head.StatusCode}, GET {(int)get.StatusCode}");
            if (head.Content.Headers.ContentType?.MediaType != get.Content.Headers.ContentType?.MediaType)
                differences.Add($"{route}: HEAD {head.Content.Headers.ContentType}, GET {get.Content.Headers.ContentType}");
            if (body.Length != 0)
                differences.Add($"{route}: HEAD has a body of {body.Length} bytes");
        }
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    [Fact]
    public async Task Live_and_ready_answer_200_once_the_store_is_open()
    {
        await using var app = await LiveApp.StartAsync(FixtureCorpus.CopyTo);
        using var client = app.CreateClient();

        var live = await HealthAsync(client, "/health/live");
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (live.Status, live.Report));
        var ready = await HealthAsync(client, "/health/ready");
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (ready.Status, ready.Report));
        Assert.Contains("migrations are applied", ready.Detail);
    }

    [Fact]
    public async Task Ready_answers_503_with_the_reason_while_live_answers_200_when_the_store_cannot_open()
    {
        var root = Path.Combine(Path.GetTempPath(), "cptkb-tests", "ready-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var file = Path.Combine(root, "kb.db");
        var garbage = new byte[64 * 1024];
        new Random(16).NextBytes(garbage);
        await File.WriteAllBytesAsync(file, garbage);
        try
        {
            await using var app = await LiveApp.StartAsync(new LiveAppOptions { PrepareSeeds = FixtureCorpus.CopyTo, DatabasePath = file, WaitUntilHealthy = false });
            using var client = app.CreateClient();

            var live = await HealthAsync(client, "/health/live");
            Assert.Equal((HttpStatusCode.OK, "Healthy"), (live.Status, live.Report));
            var ready = await HealthAsync(client, "/health/ready");
            Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), (ready.Status, ready.Report));
            Assert.Contains(file, ready.Detail);
            using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/health/ready"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, head.StatusCode);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<(HttpStatusCode Status, string? Report, string Detail)> HealthAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, json.GetProperty("status").GetString(), json.GetProperty("detail").GetString() ?? "");
    }
}
