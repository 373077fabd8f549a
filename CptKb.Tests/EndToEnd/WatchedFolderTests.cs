using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CptKb.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CptKb.Tests.EndToEnd;

/// <summary>The app watching its folder of publications while readers have articles open.</summary>
public sealed class WatchedFolderTests
{
    private const int Documents = 300;

    [Fact]
    public async Task Editing_a_payers_stance_while_its_article_is_open_brings_the_update_bar_and_reload_shows_it_in_place()
    {
        await using var app = await StartWatchingAsync();
        var code = GeneratedCorpus.Code(7);
        await AtBothSizesAsync(app, $"/codes/{code}", async (page, name) =>
        {
            // A mark that a full page load would wipe, and a place in the article the reader has scrolled to.
            await page.EvaluateAsync("() => { window.kbStillHere = true; window.scrollTo(0, 600); }");
            var scrolled = await page.EvaluateAsync<double>("() => window.scrollY");
            await Expect(page.Locator("[data-testid=update-bar]")).ToHaveCountAsync(0);

            var stance = name == "desktop" ? "Not covered; considered investigational." : "Covered only after conservative care fails.";
            EditAetnaCoverage(app.SeedsFolder, code, stance);

            var bar = page.Locator("[data-testid=update-bar]");
            await Expect(bar).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(bar).ToContainTextAsync("This article was updated");
            await Expect(page.Locator("[data-testid=update-bar-changes]")).ToHaveAttributeAsync("href", $"/codes/{code}/history");
            Assert.Equal(scrolled, await page.EvaluateAsync<double>("() => window.scrollY"));
            // The viewport, not the whole page: the bar is fixed to the window's bottom edge.
            await page.ScreenshotAsync(new() { Path = Screenshot($"update-bar-{name}") });
            if (name == "desktop")
            {
                await page.Locator("[data-testid=dark-mode-toggle]").ClickAsync();
                await Expect(page.Locator("[data-testid=dark-mode-toggle]")).ToHaveAttributeAsync("aria-label", "Switch to light mode");
                await page.ScreenshotAsync(new() { Path = Screenshot("update-bar-desktop-dark") });
            }

            await page.Locator("[data-testid=update-bar-reload]").ClickAsync();

            await Expect(page.Locator("[data-testid=article-body]")).ToContainTextAsync(stance.Split(';')[0]);
            await Expect(bar).ToHaveCountAsync(0);
            Assert.True(await page.EvaluateAsync<bool>("() => window.kbStillHere === true"), "reload navigated away from the page");
            Assert.Equal($"/codes/{code}", new Uri(page.Url).AbsolutePath);
        });
    }

    [Fact]
    public async Task A_file_removed_from_the_watched_folder_withdraws_its_article_and_its_page_says_so()
    {
        await using var app = await StartWatchingAsync();
        var code = GeneratedCorpus.Code(3);
        using var client = app.CreateClient();
        Assert.Equal("current", (await client.GetFromJsonAsync<JsonElement>($"/api/articles/{code}")).GetProperty("status").GetString());

        File.Delete(Path.Combine(app.SeedsFolder, $"gen-{code}.txt"));

        var article = await WaitForAsync(async () =>
        {
            var json = await client.GetFromJsonAsync<JsonElement>($"/api/articles/{code}");
            return json.GetProperty("status").GetString() == "withdrawn" ? json : (JsonElement?)null;
        });
        Assert.Equal(DateTimeOffset.UtcNow.Date, article.GetProperty("withdrawnAt").GetDateTimeOffset().UtcDateTime.Date);
        var response = await client.GetAsync($"/codes/{code}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"Withdrawn on {DateTimeOffset.UtcNow:yyyy-MM-dd}", await response.Content.ReadAsStringAsync());
        var list = await client.GetFromJsonAsync<JsonElement>("/api/articles?pageSize=500");
        Assert.DoesNotContain(code, list.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("code").GetString()));
        Assert.Equal(Documents - 1, list.GetProperty("total").GetInt32());

        await AtBothSizesAsync(app, $"/codes/{code}", async (page, name) =>
        {
            await Expect(page.Locator("[data-testid=withdrawn-notice]")).ToContainTextAsync("Withdrawn on");
            await page.ScreenshotAsync(new() { Path = Screenshot($"withdrawn-{name}") });
        });

        // The file coming back restores it.
        GeneratedCorpus.Write(Path.Combine(app.Root, "again"), 4);
        File.Copy(Path.Combine(app.Root, "again", $"gen-{code}.txt"), Path.Combine(app.SeedsFolder, $"gen-{code}.txt"));
        await WaitForAsync(async () =>
            (await client.GetFromJsonAsync<JsonElement>($"/api/articles/{code}")).GetProperty("status").GetString() == "current" ? true : (bool?)null);
    }

    /// <summary>Opens <paramref name="path"/> at desktop and phone size in turn, each in a fresh browser context, once interactive.</summary>
    private static async Task AtBothSizesAsync(LiveApp app, string path, Func<IPage, string, Task> check)
    {
        var browser = new Browser();
        await browser.InitializeAsync();
        try
        {
            foreach (var (width, height, name) in new[] { (1366, 900, "desktop"), (390, 844, "phone") })
            {
                await using var context = await browser.Chromium.NewContextAsync(new()
                {
                    BaseURL = app.BaseAddress.ToString(), ViewportSize = new() { Width = width, Height = height },
                });
                var page = await context.NewPageAsync();
                await page.GotoAsync(path);
                await Browser.WaitForInteractiveAsync(page);
                await check(page, name);
            }
        }
        finally
        {
            await browser.DisposeAsync();
        }
    }

    private static string Screenshot(string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
        return Path.Combine(folder, name + ".png");
    }

    private static Task<LiveApp> StartWatchingAsync() =>
        LiveApp.StartAsync(folder => GeneratedCorpus.Write(folder, Documents), new Dictionary<string, string> { ["Kb:WatchSeeds"] = "true" });

    private static void EditAetnaCoverage(string seeds, string code, string stance)
    {
        var path = Path.Combine(seeds, $"gen-{code}.txt");
        var lines = File.ReadAllLines(path);
        var aetna = Array.IndexOf(lines, "Aetna");
        lines[aetna + 1] = "Coverage: " + stance;
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe)
        where T : struct
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (await probe() is { } found)
                return found;
            Assert.True(DateTime.UtcNow < deadline, "the watched folder's change did not show within 60 s");
            await Task.Delay(200);
        }
    }
}
