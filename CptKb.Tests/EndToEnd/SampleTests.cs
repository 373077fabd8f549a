using System.Text;
using CptKb.Core.Samples;
using Deque.AxeCore.Playwright;
using CptKb.Tests.TestSupport;
using CptKb.Web.Commands;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CptKb.Tests.EndToEnd;

/// <summary>
/// A new user's first five minutes, with real processes: the app on a fresh, empty store says what to do; the sample
/// command fills it; the app then shows home, a payer page and the matrix with content, each saying it is a sample.
/// </summary>
[Collection(Hardening.AppProcessesCollection.Name)]
public sealed class SampleTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cptkb-tests", "first-minutes-" + Guid.NewGuid().ToString("N"));
    private readonly Browser _browser = new();

    private string Seeds => Path.Combine(_root, "seeds");

    private string Database => Path.Combine(_root, "data", "kb.db");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Seeds);
        await _browser.InitializeAsync();
    }

    private Task<LiveApp> StartAppAsync() =>
        LiveApp.StartAsync(new LiveAppOptions { SeedsFolder = Seeds, DatabasePath = Database });

    private async Task<IPage> OpenAsync(LiveApp app, string path, int width, int height, bool dark = false)
    {
        var context = await _browser.Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        if (dark)
            await context.AddCookiesAsync([new Cookie { Name = "cptkb-dark", Value = "1", Url = app.BaseAddress.ToString() }]);
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await Browser.WaitForInteractiveAsync(page);
        return page;
    }

    private readonly StringBuilder _violations = new();

    /// <summary>axe-core over the page: the guide and the banners must be readable in light and dark mode.</summary>
    private async Task CheckAccessibilityAsync(IPage page, string name)
    {
        var result = await page.RunAxe();
        foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
            _violations.AppendLine($"{name}: {violation.Id} [{violation.Impact}] {string.Join("; ", violation.Nodes.Select(n => n.Html[..Math.Min(100, n.Html.Length)]))}");
    }

    [Fact]
    public async Task The_sample_command_on_a_fresh_store_gives_home_a_payer_page_and_the_matrix_content_marked_as_a_sample()
    {
        await using (var empty = await StartAppAsync())
        {
            foreach (var (width, height, name) in new[] { (1366, 900, "home-empty"), (390, 844, "home-empty-phone"), (1366, 900, "home-empty-dark") })
            {
                var page = await OpenAsync(empty, "/", width, height, dark: name.EndsWith("dark", StringComparison.Ordinal));
                await Expect(page.GetByTestId("kb-guide")).ToBeVisibleAsync();
                await Expect(page.GetByTestId("seeds-folder")).ToHaveTextAsync(Seeds);
                await Expect(page.GetByTestId("sample-command")).ToHaveTextAsync("dotnet run --project CptKb.Web -- sample");
                await Expect(page.GetByTestId("sample-banner")).ToHaveCountAsync(0);
                await Browser.ScreenshotAsync(page, name);
                await CheckAccessibilityAsync(page, name);
                await page.Context.CloseAsync();
            }
            await empty.StopAsync();
        }

        await using (var command = KbProcess.Start(["sample", $"--ConnectionStrings:Kb=Data Source={Database}", $"--Kb:SeedsPath={Seeds}"]))
        {
            Assert.True(await command.WaitForExitAsync(TimeSpan.FromMinutes(3)) == ExitCodes.Ok, command.Log);
            Assert.Contains("300 imported, 0 updated, 0 unchanged, 0 failed", command.Log);
            Assert.DoesNotContain("\r", command.Log); // redirected: plain lines, no redrawn bar
        }
        SqliteConnection.ClearAllPools();

        await using var app = await StartAppAsync();
        foreach (var (width, height, name) in new[] { (1366, 900, "home-sample"), (390, 844, "home-sample-phone"), (390, 844, "home-sample-phone-dark") })
        {
            var page = await OpenAsync(app, "/", width, height, dark: name.EndsWith("dark", StringComparison.Ordinal));
            await Expect(page.GetByTestId("stats")).ToContainTextAsync("300");
            await Expect(page.GetByTestId("sample-banner")).ToContainTextAsync("300 articles here were written by the sample generator");
            await Browser.ScreenshotAsync(page, name);
            await CheckAccessibilityAsync(page, name);
            await page.Context.CloseAsync();
        }

        var first = new CorpusGenerator(markAsSample: true).Generate(0);
        var payer = await OpenAsync(app, "/payers/" + Uri.EscapeDataString(first.Payers[0]), 1366, 900);
        await Expect(payer.Locator("h1")).ToHaveTextAsync(first.Payers[0]);
        Assert.True(await payer.Locator(".kb-payer-entry").CountAsync() >= 5);
        await Expect(payer.GetByTestId("sample-banner")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(payer, "sample-payer");

        var matrix = await OpenAsync(app, "/payer-matrix?payers=all", 1366, 900);
        Assert.True(await matrix.Locator(".kb-mx tbody tr").CountAsync() >= 20);
        await Expect(matrix.Locator(".kb-mx thead")).ToContainTextAsync(first.Payers[0]);
        await Browser.ScreenshotAsync(matrix, "sample-matrix");

        var article = await OpenAsync(app, "/codes/" + first.Code, 390, 844);
        await Expect(article.GetByTestId("sample-article")).ToContainTextAsync("generated sample");
        await article.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "sample-article-phone.png") });
        await CheckAccessibilityAsync(article, "sample-article-phone");
        var darkArticle = await OpenAsync(app, "/codes/" + first.Code, 1366, 900, dark: true);
        await CheckAccessibilityAsync(darkArticle, "sample-article-dark");
        Assert.True(_violations.Length == 0, _violations.ToString());
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }
}
