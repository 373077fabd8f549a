using CptKb.Bench.Relevance;
using CptKb.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CptKb.Tests.EndToEnd;

/// <summary>The live app over the relevance corpus: a few hundred publications, neighbouring graft and flap codes among them.</summary>
public sealed class RelevanceAppFixture : ReadingAppFixture
{
    protected override void PrepareSeeds(string folder) => RelevanceCorpus.Write(folder);
}

/// <summary>Looking a code up as a coder types it, on a desktop and on a phone, in Chromium.</summary>
public sealed class CodeLookupTests(RelevanceAppFixture fixture) : IClassFixture<RelevanceAppFixture>
{
    public static TheoryData<int, int> Sizes => new() { { 1366, 900 }, { 390, 844 } };

    private async Task<BrowserPage> OpenAsync(string address, int width, int height)
    {
        var browser = await fixture.NewPageAsync(width, height);
        await browser.Page.GotoAsync(address);
        await Browser.WaitForInteractiveAsync(browser.Page);
        return browser;
    }

    private static async Task AssertNoSidewaysScrollAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<double>("() => document.documentElement.scrollWidth - window.innerWidth") <= 0, "the page scrolls sideways");

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Typing_2096_in_the_app_bar_box_lists_20962_first_as_you_type(int width, int height)
    {
        await using var browser = await OpenAsync("/", width, height);
        var page = browser.Page;

        await page.Locator("#kb-search").ClickAsync();
        await page.Keyboard.TypeAsync("2096", new() { Delay = 40 });

        var options = page.Locator("[data-testid=search-dropdown] [role=option]");
        await Expect(options.First).ToContainTextAsync("20962");
        await Expect(options.Nth(1)).ToContainTextAsync("20969");
        await Expect(options.First.Locator("mark").First).ToBeVisibleAsync();
        // The list of hits lies on the screen, also where the box is narrow.
        var box = await options.First.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.X + box.Width <= width, $"the first hit spans {box.X} to {box.X + box.Width} of {width}");
        await Browser.ScreenshotAsync(page, $"code-lookup-dropdown-{width}");
        await AssertNoSidewaysScrollAsync(page);
        browser.AssertSelfContained(fixture.App.BaseAddress);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Enter_on_a_stored_code_in_the_app_bar_box_opens_its_article(int width, int height)
    {
        await using var browser = await OpenAsync("/codes", width, height);
        var page = browser.Page;

        await page.Locator("#kb-search").ClickAsync();
        // Typed and entered at once: the article opens without waiting for the list of hits.
        await page.Keyboard.TypeAsync("20962");
        await page.Keyboard.PressAsync("Enter");

        await Browser.ExpectAddressAsync(page, "/codes/20962");
        await Expect(page.Locator("h1")).ToContainTextAsync("Vascularized Bone Graft");
        await Expect(page.Locator("[data-testid=related-codes]")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, $"article-related-codes-{width}");
        await AssertNoSidewaysScrollAsync(page);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Related_codes_link_the_codes_the_text_names_in_dark_mode_too(int width, int height)
    {
        await using var browser = await fixture.NewPageAsync(width, height);
        await browser.UseDarkModeAsync(fixture.App.BaseAddress);
        var page = browser.Page;
        await page.GotoAsync("/codes/20969#related-codes");

        var named = page.Locator("[data-testid=named-codes] a", new() { HasText = "20962" });
        await Expect(named).ToHaveAttributeAsync("href", "/codes/20962");
        await Expect(page.Locator("[data-testid=named-codes]")).ToContainTextAsync("no article stored");
        await Browser.ScreenshotAsync(page, $"article-related-codes-dark-{width}");
        await AssertNoSidewaysScrollAsync(page);
    }

    [Fact]
    public async Task Enter_on_a_stored_code_in_the_search_page_form_opens_its_article()
    {
        await using var browser = await OpenAsync("/search", 1366, 900);
        var page = browser.Page;

        await page.Locator("input[name=q]").FillAsync("20969");
        await page.Locator("input[name=q]").PressAsync("Enter");

        await Browser.ExpectAddressAsync(page, "/codes/20969");
        await Expect(page.Locator("[data-testid=named-codes] a", new() { HasText = "20962" })).ToBeVisibleAsync();
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task A_code_that_is_not_stored_says_so_on_the_search_page_with_the_nearest_stored_codes(int width, int height)
    {
        await using var browser = await OpenAsync("/search", width, height);
        var page = browser.Page;

        await page.Locator("input[name=q]").FillAsync("20963");
        await page.Locator("input[name=q]").PressAsync("Enter");

        await Expect(page.Locator("[data-testid=unknown-code]")).ToContainTextAsync("No article for CPT code 20963");
        await Expect(page.Locator("[data-testid=near-codes] a", new() { HasText = "20962" })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, $"search-unknown-code-{width}");
        await AssertNoSidewaysScrollAsync(page);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Search_results_open_each_code_on_its_best_section(int width, int height)
    {
        await using var browser = await OpenAsync("/search?q=bone%20graft", width, height);
        var page = browser.Page;

        var first = page.Locator("[data-testid=search-results] .kb-result").First;
        await Expect(first).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=search-results]")).Not.ToContainTextAsync("|");
        await Browser.ScreenshotAsync(page, $"search-bone-graft-{width}");
        await AssertNoSidewaysScrollAsync(page);
    }
}
