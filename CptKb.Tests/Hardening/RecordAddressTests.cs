using System.Net;
using CptKb.Tests.TestSupport;

namespace CptKb.Tests.Hardening;

/// <summary>
/// Addresses of payers, codes and modifiers that hold dot segments or other path-shaped names, sent as written to the
/// real server (Kestrel removes dot segments before routing, which an in-memory test server does not).
/// </summary>
[Collection(AppProcessesCollection.Name)]
public sealed class RecordAddressTests
{
    [Fact]
    public async Task Dot_segments_and_traversal_shaped_names_are_not_found_rather_than_some_other_page()
    {
        await using var app = await LiveApp.StartAsync(FixtureCorpus.CopyTo);
        using var client = app.CreateClient();
        string[] names =
        [
            "%2e%2e", "%2E%2E", ".%2e", "%2e.", "..", "%2e", ".", "%2e%2e/codes", "%2e%2e/%2e%2e/health", "%2e%2e%2f", "..%2f..%2fetc%2fpasswd",
            "..%5c..%5cwindows", "%252e%252e", "...", "%2e%2e%3b", "x/%2e%2e/%2e%2e",
        ];
        var answers = new List<string>();
        foreach (var records in new[] { "payers", "codes", "modifiers", "api/articles" })
        {
            foreach (var name in names)
            {
                using var response = await client.GetAsync(Exactly(app, $"/{records}/{name}"));
                var body = await response.Content.ReadAsStringAsync();
                var page = records == "api/articles"
                    ? response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                    : body.Contains("not found", StringComparison.OrdinalIgnoreCase) || body.Contains("No article for CPT code", StringComparison.Ordinal);
                if (response.StatusCode != HttpStatusCode.NotFound || !page)
                    answers.Add($"/{records}/{name}: {(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType}");
            }
        }
        Assert.True(answers.Count == 0, string.Join("\n", answers));

        // The records themselves still open.
        foreach (var path in new[] { "/payers/Medicare", "/codes/20955", "/modifiers/22", "/api/articles/20955", "/codes?range=surgery-musculoskeletal" })
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Exactly(app, path))).StatusCode);
    }

    // HttpClient would otherwise decode %2e and resolve the dot segments itself, as a browser does.
    private static Uri Exactly(LiveApp app, string path) =>
        new(app.BaseAddress.GetLeftPart(UriPartial.Authority) + path, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
}
