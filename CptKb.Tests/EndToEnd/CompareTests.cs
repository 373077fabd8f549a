using CptKb.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CptKb.Tests.EndToEnd;

/// <summary>Comparing codes in Chromium: gathering them on the code list, only the differences, and a phone's width.</summary>
[Collection(ReadingAppCollection.Name)]
public sealed class CompareTests(ReadingAppFixture fixture)
{
    [Fact]
    public async Task Codes_chosen_on_the_code_list_open_side_by_side_and_only_differences_is_kept_in_the_address()
    {
        await using var browser = await fixture.NewPageAsync(1366, 900);
        var page = browser.Page;
        await page.GotoAsync("/codes");
        await Browser.WaitForInteractiveAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Compare 27447" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Comparing 27447: take it out" })).ToBeVisibleAsync();
        // By keyboard: the choice is a link like any other.
        await page.GetByRole(AriaRole.Link, new() { Name = "Compare 20955" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.GetByTestId("compare-open").ClickAsync();

        await Browser.ExpectAddressAsync(page, "/compare?codes=27447,20955");
        await Expect(page.GetByTestId("compare-column")).ToHaveCountAsync(2);
        var all = await page.GetByTestId("compare-row").CountAsync();
        await Expect(page.GetByTestId("compare-row").Filter(new() { HasText = "Modifier RT" })).ToContainTextAsync("Differs");

        await page.GetByTestId("compare-diff").ClickAsync();
        await Browser.ExpectAddressAsync(page, "/compare?codes=27447,20955&diff=1");
        await Expect(page.GetByTestId("compare-diff")).ToHaveAttributeAsync("aria-checked", "true");
        var differing = await page.GetByTestId("compare-row").CountAsync();
        Assert.InRange(differing, 1, all - 1);
        Assert.Equal(differing, await page.Locator("[data-testid=compare-row][data-differs=true]").CountAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "Remove 27447 from the comparison" }).ClickAsync();
        await Browser.ExpectAddressAsync(page, "/compare?codes=20955&diff=1");
        await Expect(page.GetByTestId("compare-problem")).ToContainTextAsync("Choose at least 2 codes");
        Assert.Empty(browser.ConsoleErrors);
    }

    [Fact]
    public async Task A_code_is_added_on_the_page_by_its_title()
    {
        await using var browser = await fixture.NewPageAsync(1366, 900);
        var page = browser.Page;
        await page.GotoAsync("/compare?codes=20955,20962");
        await Browser.WaitForInteractiveAsync(page);

        await page.Locator(".kb-compare-add input").FillAsync("knee");
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "27447" }).ClickAsync();

        await Browser.ExpectAddressAsync(page, "/compare?codes=20955,20962,27447");
        await Expect(page.GetByTestId("compare-column")).ToHaveCountAsync(3);
    }

    [Theory]
    [InlineData(1366, 900, false)]
    [InlineData(390, 844, false)]
    [InlineData(1366, 900, true)]
    [InlineData(390, 844, true)]
    public async Task Every_cell_of_the_comparison_is_inside_the_viewport_and_the_page_does_not_scroll_sideways(int width, int height, bool dark)
    {
        await using var browser = await fixture.NewPageAsync(width, height);
        var page = browser.Page;
        if (dark)
            await browser.UseDarkModeAsync(fixture.App.BaseAddress);
        await page.GotoAsync("/compare?codes=20955,20962,27447,0042T");
        await Browser.WaitForInteractiveAsync(page);

        var widths = await page.EvaluateAsync<int[]>("() => [document.body.scrollWidth, window.innerWidth]");
        Assert.Equal(widths[1], widths[0]);
        var outside = await page.EvaluateAsync<string[]>("""
            () => {
              const width = document.documentElement.clientWidth;
              return [...document.querySelectorAll("[data-testid=compare-table] td, [data-testid=compare-table] th")]
                .map(e => [e, e.getBoundingClientRect()])
                .filter(([e, r]) => r.width > 0 && (r.left < -1 || r.right > width + 1))
                .slice(0, 5).map(([e, r]) => `${e.textContent.trim().slice(0, 30)} ${Math.round(r.left)}-${Math.round(r.right)}`);
            }
            """);
        Assert.True(outside.Length == 0, $"cells outside the {width}px viewport: {string.Join("; ", outside)}");
        await Browser.ScreenshotAsync(page, $"compare-{width}{(dark ? "-dark" : "")}");
        // The first screen and the modifier grid as a reader sees them, not only the whole page shrunk.
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"compare-{width}{(dark ? "-dark" : "")}-first-screen.png") });
        await page.Locator(".kb-cmp-group").Filter(new() { HasText = "Modifiers" }).ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"compare-{width}{(dark ? "-dark" : "")}-modifiers.png") });
    }
}
