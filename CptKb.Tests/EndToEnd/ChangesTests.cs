using CptKb.Bench.Changes;
using CptKb.Core.Samples;
using CptKb.Tests.TestSupport;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CptKb.Tests.EndToEnd;

/// <summary>
/// A live app over 300 generated publications, 30 of them edited and imported again, 10 of those twice: the history,
/// the diff and the change feed in a real Chromium.
/// </summary>
public sealed class ChangesAppFixture : IAsyncLifetime
{
    public const int Documents = 300;

    public LiveApp App { get; private set; } = null!; // set in InitializeAsync

    public Browser Browser { get; } = new();

    /// <summary>The file edited twice that the tests open.</summary>
    public string Code { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var seeds = Path.Combine(_root, "seeds");
        var database = Path.Combine(_root, "data", "kb.db");
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        new CorpusGenerator().WriteFolder(seeds, Documents);
        var files = Directory.GetFiles(seeds, "*.txt").Order(StringComparer.Ordinal).ToList();
        Code = Path.GetFileNameWithoutExtension(files[0]).Split('_')[^1];
        // The first import stores every article, each later one the edited files' new revisions; the app's own start-up
        // import is the third.
        for (var round = 0; round <= 2; round++)
        {
            foreach (var file in round == 0 ? [] : files.Take(round == 1 ? 30 : 10))
                await File.WriteAllTextAsync(file, ChangesBench.Edit(await File.ReadAllTextAsync(file), round));
            if (round < 2)
                await StoredFile.ImportAsync(seeds, database);
        }
        App = await LiveApp.StartAsync(new LiveAppOptions { SeedsFolder = seeds, DatabasePath = database });
        await Browser.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await App.DisposeAsync();
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    private readonly string _root = Path.Combine(Path.GetTempPath(), "cptkb-tests", "changes-" + Guid.NewGuid().ToString("N"));

    public async Task<(IBrowserContext Context, IPage Page, List<string> Errors)> NewPageAsync(int width, int height, bool dark = false)
    {
        var context = await Browser.Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        if (dark)
            await context.AddCookiesAsync([new Cookie { Name = "cptkb-dark", Value = "1", Url = App.BaseAddress.ToString() }]);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                errors.Add(message.Text);
        };
        return (context, page, errors);
    }
}

public sealed class ChangesTests(ChangesAppFixture fixture) : IClassFixture<ChangesAppFixture>
{
    [Fact]
    public async Task The_diff_page_marks_inserted_and_deleted_words_side_by_side_and_inline()
    {
        var (context, page, errors) = await fixture.NewPageAsync(1366, 900);
        await using var _ = context;

        await page.GotoAsync($"/codes/{fixture.Code}/diff");
        await Browser.WaitForInteractiveAsync(page);

        await Expect(page.Locator("h1")).ToContainTextAsync("revision 2 → 3");
        await Expect(page.Locator("[data-testid=structured-changes] tr[data-kind=prior-authorization-changed]")).ToHaveCountAsync(1);
        // Round 2 rewrote the first payer's prior authorization: "Required since update 1." became "Not required after review 2.".
        var payer = page.Locator("[data-testid=changed-section][data-status=changed]").First;
        await Expect(payer.Locator("[data-side=before] del.kb-del", new() { HasText = "since" })).ToHaveCountAsync(1);
        await Expect(payer.Locator("[data-side=after] ins.kb-ins", new() { HasText = "review" })).ToHaveCountAsync(1);
        await Expect(payer.Locator("[data-side=after]")).ToContainTextAsync("Prior authorization: Not required after review 2.");
        await Expect(page.Locator("[data-testid=diff-mode] a[aria-current=true]")).ToHaveTextAsync("Side by side");
        await Browser.ScreenshotAsync(page, "diff-side-1366");

        await page.Locator("[data-testid=diff-mode] a[data-mode=inline]").ClickAsync();
        await Browser.ExpectAddressAsync(page, $"codes/{fixture.Code}/diff?mode=inline");
        await Expect(page.Locator("[data-testid=diff-mode] a[aria-current=true]")).ToHaveTextAsync("Inline");
        var inline = page.Locator("[data-testid=changed-section][data-status=changed]").First.Locator("[data-side=inline]");
        await Expect(inline.Locator("del.kb-del").First).ToBeVisibleAsync();
        await Expect(inline.Locator("ins.kb-ins").First).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "diff-inline-1366");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_history_lists_every_revision_and_compares_the_two_picked()
    {
        var (context, page, errors) = await fixture.NewPageAsync(1366, 900);
        await using var _ = context;

        await page.GotoAsync($"/codes/{fixture.Code}/history");
        await Browser.WaitForInteractiveAsync(page);
        await Expect(page.Locator("[data-testid=revision-row]")).ToHaveCountAsync(3);
        await Expect(page.Locator("[data-testid=revision-summary]").First).ToContainTextAsync("covered with prior authorization → covered, prior authorization changed");
        await Browser.ScreenshotAsync(page, "history-1366");

        await page.Locator("input[name=from][value='1']").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare the two selected" }).ClickAsync();
        // The form sends the rows' choices in page order: the newest row's "to" comes first.
        await Browser.ExpectAddressAsync(page, $"codes/{fixture.Code}/diff?to=3&from=1");
        await Expect(page.Locator("h1")).ToContainTextAsync("revision 1 → 3");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_change_feed_marks_what_is_new_since_the_last_visit()
    {
        var (context, page, errors) = await fixture.NewPageAsync(1366, 900);
        await using var _ = context;

        await page.GotoAsync("/changes");
        await Browser.WaitForInteractiveAsync(page);
        await Expect(page.Locator("[data-testid=change-row]").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=change-row][data-new=true]")).ToHaveCountAsync(0);

        // A visit long ago: everything listed came after it.
        await page.EvaluateAsync("() => localStorage.setItem('cptkb-changes-last-visit', '2000-01-01T00:00:00Z')");
        await page.ReloadAsync();
        await Browser.WaitForInteractiveAsync(page);
        await Expect(page.Locator("[data-testid=new-count]")).ToContainTextAsync("50 new on this page since your last visit");
        await Expect(page.Locator("[data-testid=change-row][data-new=true]")).ToHaveCountAsync(50);
        await Browser.ScreenshotAsync(page, "changes-1366");

        await page.ReloadAsync();
        await Browser.WaitForInteractiveAsync(page);
        await Expect(page.Locator("[data-testid=change-row][data-new=true]")).ToHaveCountAsync(0);
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData(390, 844, false)]
    [InlineData(1366, 900, true)]
    public async Task The_pages_fit_the_screen(int width, int height, bool dark)
    {
        var (context, page, errors) = await fixture.NewPageAsync(width, height, dark);
        await using var _ = context;
        var suffix = $"{width}{(dark ? "-dark" : "")}";
        foreach (var (path, name) in new[]
        {
            ($"/codes/{fixture.Code}/history", "history"), ($"/codes/{fixture.Code}/diff", "diff-side"),
            ($"/codes/{fixture.Code}/diff?mode=inline", "diff-inline"), ("/changes", "changes"),
        })
        {
            await page.GotoAsync(path);
            await Browser.WaitForInteractiveAsync(page);
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{path} scrolls sideways by {overflow}px at {width}px");
            await Browser.ScreenshotAsync(page, $"{name}-{suffix}");
            // The first screenful too: what a reader sees before scrolling.
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", $"{name}-{suffix}-top.png") });
        }
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task No_change_page_has_a_serious_or_critical_accessibility_violation(bool dark)
    {
        var (context, page, _) = await fixture.NewPageAsync(1366, 900, dark);
        await using var _ = context;
        var report = new System.Text.StringBuilder();
        foreach (var path in new[] { $"/codes/{fixture.Code}/history", $"/codes/{fixture.Code}/diff", $"/codes/{fixture.Code}/diff?mode=inline", "/changes", $"/codes/{fixture.Code}" })
        {
            await page.GotoAsync(path);
            await Browser.WaitForInteractiveAsync(page);
            var result = await page.RunAxe();
            foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
                report.AppendLine($"{path}: {violation.Id} [{violation.Impact}] {violation.Help}: {string.Join(" | ", violation.Nodes.Take(3).Select(n => n.Html[..Math.Min(120, n.Html.Length)]))}");
        }
        Assert.True(report.Length == 0, report.ToString());
    }
}
