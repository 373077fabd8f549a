using CptKb.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CptKb.Tests.EndToEnd;

/// <summary>Dark mode that follows the system until the reader picks, the contents' one marked entry, readable charts.</summary>
[Collection(ReadingAppCollection.Name)]
public sealed class ReaderPolishTests(ReadingAppFixture fixture)
{
    private async Task<(IBrowserContext Context, IPage Page)> OpenAsync(ColorScheme scheme, int width = 1366, int height = 900)
    {
        var context = await fixture.Browser.Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.App.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = scheme,
        });
        return (context, await context.NewPageAsync());
    }

    private static Task<double> BackgroundLuminanceAsync(IPage page) =>
        page.EvaluateAsync<double>("""
            () => {
              const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number);
              return 0.2126 * r + 0.7152 * g + 0.0722 * b;
            }
            """);

    [Fact]
    public async Task Dark_mode_follows_the_system_until_the_reader_picks_then_remembers_the_pick()
    {
        var (context, page) = await OpenAsync(ColorScheme.Dark);
        await using var _ = context;
        await page.GotoAsync("/codes/20955");
        await Browser.WaitForInteractiveAsync(page);

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" })).ToBeVisibleAsync();
        Assert.True(await BackgroundLuminanceAsync(page) < 80, "a dark system should give a dark page");

        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark mode" })).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Browser.WaitForInteractiveAsync(page);

        // The system is still dark; the reader's pick wins.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark mode" })).ToBeVisibleAsync();
        Assert.True(await BackgroundLuminanceAsync(page) > 180, "the reader picked light");
    }

    [Fact]
    public async Task A_light_system_gives_a_light_page_and_a_change_of_system_setting_is_followed()
    {
        var (context, page) = await OpenAsync(ColorScheme.Light);
        await using var _ = context;
        await page.GotoAsync("/");
        await Browser.WaitForInteractiveAsync(page);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark mode" })).ToBeVisibleAsync();

        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" })).ToBeVisibleAsync();
        Assert.True(await BackgroundLuminanceAsync(page) < 80);
    }

    [Fact]
    public async Task The_contents_mark_exactly_one_entry_wherever_the_reader_is()
    {
        var (context, page) = await OpenAsync(ColorScheme.Light, 1366, 700);
        await using var _ = context;
        await page.GotoAsync("/codes/20955");
        await Browser.WaitForInteractiveAsync(page);

        var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        var marked = new List<string>();
        for (var y = 0; y <= height; y += 250)
        {
            await page.EvaluateAsync($"() => window.scrollTo(0, {y})");
            await Expect(page.Locator("[data-testid=toc] a.kb-toc-active")).ToHaveCountAsync(1);
            await Expect(page.Locator("[data-testid=toc] a[aria-current]")).ToHaveCountAsync(1);
            marked.Add(await page.Locator("[data-testid=toc] a.kb-toc-active").InnerTextAsync());
        }
        Assert.Equal("Summary & Overview", marked[0]);
        Assert.True(marked.Distinct().Count() >= 4, $"the mark should move as the reader scrolls: {string.Join(", ", marked)}");

        // Hovering another entry does not make it look marked.
        await page.Locator("[data-testid=toc] a", new() { HasText = "Clinical Context" }).HoverAsync();
        await Expect(page.Locator("[data-testid=toc] a.kb-toc-active")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task The_payer_layout_toggle_shows_which_view_is_on()
    {
        var (context, page) = await OpenAsync(ColorScheme.Light);
        await using var _ = context;
        await page.GotoAsync("/codes/20955");
        await Browser.WaitForInteractiveAsync(page);
        var sideBySide = page.Locator("[data-testid=payers-side-by-side]");
        var tabs = page.Locator("[data-testid=payers-tabs]");

        await AssertOnAsync(sideBySide, tabs);
        await tabs.ClickAsync();
        await Expect(tabs).ToHaveAttributeAsync("aria-pressed", "true");
        await AssertOnAsync(tabs, sideBySide);

        // The chosen view is drawn filled, the other not: seen, not only announced.
        static async Task AssertOnAsync(ILocator on, ILocator off)
        {
            await Expect(on).ToHaveAttributeAsync("aria-pressed", "true");
            await Expect(off).ToHaveAttributeAsync("aria-pressed", "false");
            // The colours change with a transition: the assertions wait for the settled values.
            await Expect(off).ToHaveCSSAsync("background-color", "rgba(0, 0, 0, 0)");
            await Expect(on).Not.ToHaveCSSAsync("background-color", "rgba(0, 0, 0, 0)");
        }
    }

    [Theory]
    [InlineData(1366, 900)]
    [InlineData(390, 844)]
    public async Task The_gaps_charts_labels_never_overprint(int width, int height)
    {
        var (context, page) = await OpenAsync(ColorScheme.Light, width, height);
        await using var _ = context;
        await page.GotoAsync("/gaps");

        foreach (var chart in new[] { "payer-chart", "section-chart" })
        {
            var boxes = await page.Locator($"[data-testid={chart}] .kb-bars-label").EvaluateAllAsync<double[][]>(
                "labels => labels.map(l => { const r = l.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })");
            Assert.NotEmpty(boxes);
            for (var i = 0; i < boxes.Length; i++)
            {
                for (var j = i + 1; j < boxes.Length; j++)
                {
                    var overlap = boxes[i][0] < boxes[j][2] && boxes[j][0] < boxes[i][2] && boxes[i][1] < boxes[j][3] && boxes[j][1] < boxes[i][3];
                    Assert.False(overlap, $"{chart}: labels {i} and {j} overlap");
                }
            }
        }
    }
}
