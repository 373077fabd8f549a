using System.Net.Http.Json;
using System.Text.Json;
using CptKb.Tests.TestSupport;
using Microsoft.Playwright;

namespace CptKb.Tests.EndToEnd;

/// <summary>Every article the hostile corpus produced, opened in Chromium: no dialog, no script from content, nothing fetched from elsewhere.</summary>
public sealed class HostileArticlesTests
{
    [Fact]
    public async Task No_hostile_article_runs_content_script_or_reaches_another_origin()
    {
        await using var app = await LiveApp.StartAsync(HostileCorpus.Write);
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var run = await http.GetFromJsonAsync<JsonElement>("/api/import/runs/latest");
        var codes = run.GetProperty("files").EnumerateArray()
            .Where(f => f.GetProperty("status").GetString() == "imported")
            .Select(f => f.GetProperty("code").GetString()!)
            .ToList();
        Assert.True(codes.Count >= 25, $"only {codes.Count} hostile articles imported");

        var browser = new Browser();
        await browser.InitializeAsync();
        try
        {
            await using var context = await browser.Chromium.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
            var dialogs = new List<string>();
            var requests = new List<string>();
            var page = await context.NewPageAsync();
            page.Dialog += async (_, dialog) =>
            {
                dialogs.Add(dialog.Message);
                await dialog.DismissAsync();
            };
            page.Request += (_, request) => requests.Add(request.Url);
            // Any script a payload smuggled in would have to touch this flag to be noticed; the app's own never do.
            await page.AddInitScriptAsync("window.__xss = 0; window.alert = window.confirm = window.prompt = () => { window.__xss++; };");

            foreach (var code in codes)
            {
                var response = await page.GotoAsync($"/codes/{Uri.EscapeDataString(code)}", new() { WaitUntil = WaitUntilState.Load });
                Assert.Equal(200, response?.Status);
                Assert.Equal(0, await page.EvaluateAsync<int>("() => window.__xss"));
            }

            Assert.Empty(dialogs);
            Assert.All(requests, url => Assert.Equal(app.BaseAddress.Authority, new Uri(url).Authority));
        }
        finally
        {
            await browser.DisposeAsync();
        }
    }
}
