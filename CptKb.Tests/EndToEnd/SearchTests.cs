using CptKb.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CptKb.Tests.EndToEnd;

/// <summary>The search box and the results page in Chromium.</summary>
[Collection(ReadingAppCollection.Name)]
public sealed class SearchTests(ReadingAppFixture fixture)
{
    [Fact]
    public async Task Slash_focuses_the_box_typing_shows_top_hits_and_enter_opens_the_highlighted_section()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await page.GotoAsync("/codes");
        await Browser.WaitForInteractiveAsync(page);

        await page.Keyboard.PressAsync("/");
        await Expect(page.Locator("#kb-search")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("mandibular reconstruction", new() { Delay = 30 });

        var dropdown = page.Locator("[data-testid=search-dropdown]");
        await Expect(dropdown.Locator(".kb-search-all")).ToContainTextAsync("“mandibular reconstruction”");
        await Expect(dropdown.Locator("[role=option]").First).ToContainTextAsync("20955");
        await Browser.ScreenshotAsync(page, "search-dropdown");
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(dropdown.Locator("[role=option][aria-selected=true]")).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("Enter");

        // Opened with ?hl=, highlighted, then the address is cleaned so a copied link is the plain section link.
        await Expect(page.Locator("mark.kb-hit").First).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/codes/20955#[a-z-]+$"));
        var anchor = new Uri(page.Url).Fragment.TrimStart('#');
        await Expect(page.Locator($"[id='{anchor}']")).ToBeInViewportAsync();
        await Expect(page.Locator("mark.kb-hit", new() { HasText = "mandibular" }).First).ToBeVisibleAsync();
        browser.AssertSelfContained(fixture.App.BaseAddress);
    }

    [Fact]
    public async Task Escape_closes_the_dropdown_and_ctrl_k_focuses_the_box()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await page.GotoAsync("/");
        await Browser.WaitForInteractiveAsync(page);

        await page.Keyboard.PressAsync("Control+k");
        await Expect(page.Locator("#kb-search")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("knee");
        await Expect(page.Locator("[data-testid=search-dropdown]")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("[data-testid=search-dropdown]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_shared_search_link_opens_the_results_page_with_facets()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;

        await page.GotoAsync("/search?q=covered");

        await Expect(page.Locator("[data-testid=search-total]")).ToContainTextAsync("covered");
        await Expect(page.Locator("[data-testid=search-results] .kb-result").First).ToBeVisibleAsync();
        await Expect(page.Locator(".kb-facet").First).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "search-results");

        await page.Locator(".kb-facet a", new() { HasText = "Humana" }).ClickAsync();
        await Browser.ExpectAddressAsync(page, "search?q=covered%20payer%3A%22Humana%22");
        await Expect(page.Locator("[data-testid=search-results] .kb-result")).ToHaveCountAsync(1);
        browser.AssertSelfContained(fixture.App.BaseAddress);
    }

    [Fact]
    public async Task Enter_without_a_highlighted_hit_opens_the_full_results()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await page.GotoAsync("/");
        await Browser.WaitForInteractiveAsync(page);

        await page.Locator("#kb-search").FillAsync("payer:medicare");
        await page.Locator("#kb-search").PressAsync("Enter");

        await Browser.ExpectAddressAsync(page, "search?q=payer%3Amedicare");
        await Expect(page.Locator("[data-testid=search-results] .kb-result").First).ToBeVisibleAsync();
    }
}
