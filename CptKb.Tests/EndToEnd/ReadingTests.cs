using CptKb.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CptKb.Tests.EndToEnd;

/// <summary>The reading experience in a real Chromium against the real app on 127.0.0.1.</summary>
[Collection(ReadingAppCollection.Name)]
public sealed class ReadingTests(ReadingAppFixture fixture)
{
    [Fact]
    public async Task A_coder_goes_from_home_to_codes_filters_by_payer_and_opens_an_article()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;

        await page.GotoAsync("/");
        await Browser.WaitForInteractiveAsync(page);
        await Expect(page.Locator("h1")).ToHaveTextAsync("CPT code knowledge base");
        await Browser.ScreenshotAsync(page, "home");

        await page.GetByRole(AriaRole.Link, new() { Name = "Codes", Exact = true }).First.ClickAsync();
        await Browser.ExpectAddressAsync(page, "codes");
        await Expect(page.Locator("[data-testid=codes-table] tbody tr")).ToHaveCountAsync(4);
        await Browser.ScreenshotAsync(page, "codes");

        await page.Locator("[data-testid=filter-payer]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Humana" }).ClickAsync();
        await Browser.ExpectAddressAsync(page, "codes?payer=Humana");
        await Expect(page.Locator("[data-testid=codes-table] tbody tr")).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Link, new() { Name = "CPT 0042T" }).ClickAsync();
        await Browser.ExpectAddressAsync(page, "codes/0042T");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Cerebral Perfusion Analysis Using Computed Tomography");

        browser.AssertSelfContained(fixture.App.BaseAddress);
        Assert.Empty(browser.ConsoleErrors);
    }

    [Fact]
    public async Task A_contents_link_scrolls_its_section_into_view_and_marks_it_as_being_read()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await page.GotoAsync("/codes/20955");
        await Browser.WaitForInteractiveAsync(page);
        await Browser.ScreenshotAsync(page, "article");

        await page.Locator("[data-testid=toc] a", new() { HasText = "Policy & Coding Considerations" }).ClickAsync();

        await Browser.ExpectAddressAsync(page, "codes/20955#policy-coding-considerations");
        var section = page.Locator("#policy-coding-considerations");
        await Expect(section).ToBeInViewportAsync();
        var top = await section.EvaluateAsync<double>("e => e.getBoundingClientRect().top");
        Assert.InRange(top, 0, 450);
        await Expect(page.Locator("[data-testid=toc] a.kb-toc-active")).ToHaveCountAsync(1);
        browser.AssertSelfContained(fixture.App.BaseAddress);
    }

    [Fact]
    public async Task The_modifier_table_reads_row_by_row_and_marks_a_missing_cell()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await page.GotoAsync("/codes/20962");

        var rows = page.Locator("[data-testid=modifier-table] tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.Nth(0).Locator("td").Nth(0)).ToHaveTextAsync("22");
        await Expect(rows.Nth(0).Locator("td").Nth(1)).ToHaveTextAsync("Increased procedural services");
        await Expect(rows.Nth(0).Locator("td").Nth(2).Locator(".kb-missing")).ToBeVisibleAsync();

        await page.GotoAsync("/codes/20955");
        await Expect(page.Locator("[data-testid=modifier-table] tbody tr")).ToHaveCountAsync(3);
        await Expect(page.Locator("[data-testid=modifier-table] tbody tr").Nth(2)).ToContainTextAsync("Two surgeons");
    }

    [Fact]
    public async Task Dark_mode_is_remembered_across_a_reload()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await page.GotoAsync("/codes/20955");
        await Browser.WaitForInteractiveAsync(page);
        var light = await BackgroundAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark mode" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" })).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Browser.WaitForInteractiveAsync(page);

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" })).ToBeVisibleAsync();
        var dark = await BackgroundAsync(page);
        Assert.NotEqual(light, dark);
        Assert.True(Luminance(dark) < Luminance(light), $"{dark} should be darker than {light}");
        await Browser.ScreenshotAsync(page, "article-dark");
    }

    [Fact]
    public async Task An_unknown_code_answers_404_with_nearby_codes()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;

        var response = await page.GotoAsync("/codes/20960");

        Assert.Equal(404, response?.Status);
        await Expect(page.Locator("h1")).ToContainTextAsync("No article for CPT code 20960");
        await Expect(page.Locator("[data-testid=near-codes]")).ToContainTextAsync("20962");
        await Browser.ScreenshotAsync(page, "not-found");
    }

    [Fact]
    public async Task The_article_reads_at_phone_width_without_sideways_scrolling()
    {
        await using var browser = await fixture.NewPageAsync(width: 390, height: 844);
        var page = browser.Page;
        await page.GotoAsync("/codes/20955");
        await Browser.WaitForInteractiveAsync(page);

        var overflow = await page.EvaluateAsync<double>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 1, $"the page is {overflow}px wider than the phone");
        await Browser.ScreenshotAsync(page, "article-phone");
    }

    private static Task<string> BackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

    private static double Luminance(string rgb)
    {
        var parts = rgb[(rgb.IndexOf('(') + 1)..rgb.IndexOf(')')].Split(',').Select(p => double.Parse(p.Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return 0.2126 * parts[0] + 0.7152 * parts[1] + 0.0722 * parts[2];
    }
}
