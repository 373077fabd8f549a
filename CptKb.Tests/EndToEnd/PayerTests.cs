using CptKb.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CptKb.Tests.EndToEnd;

/// <summary>A revenue-cycle manager reads one payer across codes and compares payers in the matrix.</summary>
[Collection(ReadingAppCollection.Name)]
public sealed class PayerTests(ReadingAppFixture fixture)
{
    [Fact]
    public async Task A_payer_page_lists_that_payers_section_for_every_code()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await page.GotoAsync("/payers");
        await Browser.WaitForInteractiveAsync(page);
        await Browser.ScreenshotAsync(page, "payers");

        await page.Locator(".kb-payers a", new() { HasText = "Cigna Health" }).First.ClickAsync();

        await Browser.ExpectAddressAsync(page, "payers/Cigna%20Health");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Cigna Health");
        await Expect(page.GetByText("Fibula Free Flap Bone Graft with Microvascular Anastomosis")).ToBeVisibleAsync();
        await Expect(page.Locator(".kb-missing").First).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "payer");
        browser.AssertSelfContained(fixture.App.BaseAddress);
    }

    [Fact]
    public async Task The_matrix_shows_each_payers_stance_per_code_and_links_to_the_section()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await page.GotoAsync("/payer-matrix");
        await Browser.WaitForInteractiveAsync(page);
        await Browser.ScreenshotAsync(page, "payer-matrix");

        var knee = page.Locator(".kb-mx tr", new() { HasText = "27447" });
        await Expect(knee).ToContainTextAsync("Not covered");
        var link = knee.Locator("a[href*='#payer-coverage-benchmarks-unitedhealthcare']");
        await Expect(link).ToHaveCountAsync(1);

        await link.ClickAsync();
        await Browser.ExpectAddressAsync(page, "codes/27447#payer-coverage-benchmarks-unitedhealthcare");
        await Expect(page.Locator("#payer-coverage-benchmarks-unitedhealthcare")).ToBeInViewportAsync();
    }

    [Fact]
    public async Task Modifiers_gaps_and_import_pages_render_in_the_browser()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        foreach (var (path, name, text) in new[]
        {
            ("/modifiers", "modifiers", "22"),
            ("/modifiers/22", "modifier", "Increased procedural services"),
            ("/gaps", "gaps", "20955"),
            ("/import", "import", "broken.txt"),
        })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(200, response?.Status);
            await Expect(page.Locator("main, .mud-main-content").First).ToContainTextAsync(text);
            await Browser.ScreenshotAsync(page, name);
        }
        browser.AssertSelfContained(fixture.App.BaseAddress);
        Assert.Empty(browser.ConsoleErrors);
    }
}
