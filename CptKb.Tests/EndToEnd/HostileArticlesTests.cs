using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using CptKb.Tests.TestSupport;
using Microsoft.Playwright;

namespace CptKb.Tests.EndToEnd;

/// <summary>
/// The hostile corpus opened in Chromium: no dialog, no script from content, no markup from content once the circuit
/// has rendered, no navigation away and nothing fetched from elsewhere.
/// </summary>
public sealed class HostileArticlesTests(HostileArticlesTests.HostileLiveApp hostile) : IClassFixture<HostileArticlesTests.HostileLiveApp>
{
    /// <summary>The app as its own process after importing the hostile corpus, and one Chromium, shared by the tests here.</summary>
    public sealed class HostileLiveApp : IAsyncLifetime
    {
        public LiveApp App { get; private set; } = null!; // set in InitializeAsync

        public Browser Browser { get; } = new();

        public async Task InitializeAsync()
        {
            App = await LiveApp.StartAsync(HostileCorpus.Write);
            await Browser.InitializeAsync();
        }

        public async Task DisposeAsync()
        {
            await Browser.DisposeAsync();
            await App.DisposeAsync();
        }
    }

    private LiveApp App => hostile.App;

    [Fact]
    public async Task No_hostile_article_runs_content_script_or_reaches_another_origin()
    {
        using var http = App.CreateClient();
        var run = await http.GetFromJsonAsync<JsonElement>("/api/import/runs/latest");
        var codes = run.GetProperty("files").EnumerateArray()
            .Where(f => f.GetProperty("status").GetString() == "imported")
            .Select(f => f.GetProperty("code").GetString()!)
            .ToList();
        Assert.True(codes.Count >= 25, $"only {codes.Count} hostile articles imported");

        await using var session = await WatchedPage.OpenAsync(hostile.Browser, App.BaseAddress);
        foreach (var code in codes)
        {
            var response = await session.Page.GotoAsync($"/codes/{Uri.EscapeDataString(code)}", new() { WaitUntil = WaitUntilState.Load });
            Assert.Equal(200, response?.Status);
            Assert.Equal(0, await session.Page.EvaluateAsync<int>("() => window.__xss"));
        }
        session.AssertStayedHome();
    }

    [Fact]
    public async Task Once_interactive_no_page_shows_markup_from_a_document_or_leaves_the_app()
    {
        using var http = App.CreateClient();
        var pages = await MarkupScan.PagesAsync(http);
        await using var session = await WatchedPage.OpenAsync(hostile.Browser, App.BaseAddress);
        var page = session.Page;
        var findings = new List<string>();

        async Task ScanAsync(string where) => findings.AddRange(MarkupScan.Find(await page.ContentAsync(), where, App.BaseAddress));

        foreach (var path in pages)
        {
            var since = session.Navigations.Count;
            try
            {
                await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Load });
            }
            catch (PlaywrightException ex)
            {
                findings.Add($"{path}: {ex.Message.Split('\n')[0]}");
                continue;
            }
            if (await session.InteractiveOrGoneAsync(since) is { } gone)
            {
                findings.Add($"{path}: the browser left the app for {gone}");
                continue;
            }
            // A refresh of 0 seconds, or any late markup from the circuit's first renders, has had its moment by now.
            await page.WaitForTimeoutAsync(300);
            await ScanAsync(path);
        }

        // What only the circuit renders: the payer tabs, the search box's suggestions and the filters' choices.
        var code = HostileCorpus.MarkupCodes[0];
        await page.GotoAsync($"/codes/{code}");
        await Browser.WaitForInteractiveAsync(page);
        await page.GetByTestId("payers-tabs").ClickAsync();
        await page.GetByTestId("payer-tabs").WaitForAsync();
        await ScanAsync($"/codes/{code} (payer tabs)");

        await page.Locator("#kb-search").FillAsync(HostileCorpus.Marker);
        await page.Locator("#kb-search-hits").WaitForAsync();
        await ScanAsync($"/codes/{code} (search suggestions)");

        await page.GotoAsync("/codes");
        await Browser.WaitForInteractiveAsync(page);
        await page.Locator("[data-testid=filter-payer]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").First.WaitForAsync();
        await ScanAsync("/codes (payer filter open)");

        Assert.True(findings.Count == 0, string.Join("\n", findings));
        session.AssertStayedHome();
    }

    /// <summary>
    /// A Chromium page that records dialogs, navigations of the top frame and requests, and refuses every request to
    /// another origin (recorded, never sent), with the script helpers stubbed so any content script would be counted.
    /// </summary>
    private sealed class WatchedPage(IBrowserContext context, IPage page, Uri origin) : IAsyncDisposable
    {
        public IPage Page { get; } = page;

        // Filled from Playwright's event threads while a test reads them.
        public ConcurrentQueue<string> Dialogs { get; } = [];

        public ConcurrentQueue<string> Navigations { get; } = [];

        public ConcurrentQueue<string> Requests { get; } = [];

        public static async Task<WatchedPage> OpenAsync(Browser browser, Uri origin)
        {
            var context = await browser.Chromium.NewContextAsync(new() { BaseURL = origin.ToString() });
            var page = await context.NewPageAsync();
            var watched = new WatchedPage(context, page, origin);
            page.Dialog += async (_, dialog) =>
            {
                watched.Dialogs.Enqueue(dialog.Message);
                await dialog.DismissAsync();
            };
            page.FrameNavigated += (_, frame) =>
            {
                if (frame == page.MainFrame)
                    watched.Navigations.Enqueue(frame.Url);
            };
            await context.RouteAsync("**/*", async route =>
            {
                var url = route.Request.Url;
                watched.Requests.Enqueue(url);
                if (IsHome(url, origin))
                    await route.ContinueAsync();
                else
                    await route.AbortAsync();
            });
            // Any script a payload smuggled in would have to touch this flag to be noticed; the app's own never do.
            await page.AddInitScriptAsync("window.__xss = 0; window.alert = window.confirm = window.prompt = () => { window.__xss++; };");
            return watched;
        }

        /// <summary>
        /// Waits until the circuit is live; returns null then, or the address the top frame left the app for since it had made
        /// <paramref name="navigationsBefore"/> navigations.
        /// </summary>
        public async Task<string?> InteractiveOrGoneAsync(int navigationsBefore)
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (DateTime.UtcNow < deadline)
            {
                if (Navigations.Skip(navigationsBefore).FirstOrDefault(url => !IsHome(url, origin)) is { } gone)
                    return gone;
                try
                {
                    if (await Page.EvaluateAsync<bool>("() => !!document.querySelector(\"#kb-interactive[data-ready='true']\") && !!document.querySelector(\"#kb-search[data-ready='true']\")"))
                        return null;
                }
                catch (PlaywrightException)
                {
                    // The page is between documents.
                }
                await Task.Delay(100);
            }
            throw new TimeoutException($"{Page.Url} did not become interactive");
        }

        /// <summary>No dialog, the top frame never left the app, and no request went (or tried to go) anywhere else.</summary>
        public void AssertStayedHome()
        {
            Assert.Empty(Dialogs);
            Assert.NotEmpty(Navigations);
            Assert.All(Navigations, url => Assert.True(IsHome(url, origin), $"navigated to {url}"));
            Assert.All(Requests, url => Assert.True(IsHome(url, origin), $"requested {url}"));
        }

        private static bool IsHome(string url, Uri origin) =>
            Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme is "data" or "blob" or "about" || uri.Authority == origin.Authority);

        public async ValueTask DisposeAsync() => await context.DisposeAsync();
    }
}
