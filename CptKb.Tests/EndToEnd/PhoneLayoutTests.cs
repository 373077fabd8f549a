using CptKb.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CptKb.Tests.EndToEnd;

/// <summary>Every reading page at a laptop's size and a phone's: nothing pushes the page, or a value, off the side.</summary>
[Collection(ReadingAppCollection.Name)]
public sealed class PhoneLayoutTests(ReadingAppFixture fixture)
{
    public static TheoryData<string, int, int> PagesAndSizes()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var path in new[] { "/", "/codes", "/codes/20955", "/codes/20962", "/search?q=bone%20graft", "/gaps", "/payer-matrix", "/payers", "/payers/Aetna", "/modifiers" })
        {
            data.Add(path, 1366, 900);
            data.Add(path, 390, 844);
        }
        return data;
    }

    // Elements whose right edge lies past the viewport, unless a box between them and the page scrolls sideways itself
    // (a wide table inside its own scroller is fine; the page is not).
    private const string OffScreen = """
        () => {
          const width = document.documentElement.clientWidth;
          const scrollsItself = (e) => {
            for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
              const style = getComputedStyle(p);
              if (style.overflowX === "auto" || style.overflowX === "scroll" || style.overflowX === "hidden") return true;
            }
            return false;
          };
          const out = [];
          for (const e of document.querySelectorAll(".mud-main-content *")) {
            const r = e.getBoundingClientRect();
            if (r.width === 0 || r.height === 0 || getComputedStyle(e).visibility === "hidden") continue;
            if (r.right > width + 1 && !scrollsItself(e))
              out.push(`${e.tagName.toLowerCase()}.${[...e.classList].join(".")} right=${Math.round(r.right)}`);
          }
          return out.slice(0, 10);
        }
        """;

    [Theory]
    [MemberData(nameof(PagesAndSizes))]
    public async Task The_page_never_scrolls_sideways_and_no_value_sits_off_screen(string path, int width, int height)
    {
        await using var browser = await fixture.NewPageAsync(width, height);
        var page = browser.Page;
        await page.GotoAsync(path);
        await Browser.WaitForInteractiveAsync(page);

        var widths = await page.EvaluateAsync<int[]>("() => [document.body.scrollWidth, window.innerWidth]");
        Assert.Equal(widths[1], widths[0]);
        var offScreen = await page.EvaluateAsync<string[]>(OffScreen);
        Assert.True(offScreen.Length == 0, $"{path} at {width}px: off screen: {string.Join("; ", offScreen)}");
        await Browser.ScreenshotAsync(page, $"layout-{width}-{path.Trim('/').Replace('/', '-').Replace('?', '-')}");
    }

    [Fact]
    public async Task On_a_phone_each_code_is_a_compact_card_with_its_values_beside_it()
    {
        await using var browser = await fixture.NewPageAsync(390, 844);
        var page = browser.Page;
        await page.GotoAsync("/codes");
        await Browser.WaitForInteractiveAsync(page);

        var card = page.Locator("[data-testid=codes-table] tbody tr").Filter(new() { HasText = "27447" });
        await Expect(card).ToBeVisibleAsync();
        var box = await card.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Width <= 390, $"the card is {box.Width}px wide");
        Assert.True(box.Height < 260, $"the card is {box.Height}px tall");
        await Expect(card.Locator(".kb-cl-title")).ToBeInViewportAsync();
        await Expect(card.Locator(".kb-cl-modifiers")).ToContainTextAsync("RT");
        await Expect(page.Locator("[data-testid=codes-table] thead")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task On_a_phone_the_first_screen_of_an_article_reaches_its_summary()
    {
        await using var browser = await fixture.NewPageAsync(390, 844);
        var page = browser.Page;
        await page.GotoAsync("/codes/20962");

        var top = await page.Locator("#summary-overview").EvaluateAsync<double>("e => e.getBoundingClientRect().top");
        Assert.True(top < 844 - 100, $"the summary starts at {top}px, below the first screen");
        // The chips are folded into one line; a tap opens them.
        await Expect(page.Locator("[data-testid=gap-count]")).ToBeHiddenAsync();
        await page.Locator("[data-testid=header-chips] > summary").ClickAsync();
        await Expect(page.Locator("[data-testid=gap-count]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task On_a_laptop_the_article_shows_its_chips_and_contents_open()
    {
        await using var browser = await fixture.NewPageAsync(1366, 900);
        var page = browser.Page;
        await page.GotoAsync("/codes/20962");

        await Expect(page.Locator("[data-testid=gap-count]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=toc] a").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task On_a_laptop_the_codes_rows_are_dense_and_the_text_filter_is_kept_in_the_address()
    {
        await using var browser = await fixture.NewPageAsync(1366, 900);
        var page = browser.Page;
        await page.GotoAsync("/codes");
        await Browser.WaitForInteractiveAsync(page);

        var heights = await page.Locator("[data-testid=codes-table] tbody tr").EvaluateAllAsync<double[]>("rows => rows.map(r => r.getBoundingClientRect().height)");
        Assert.All(heights, h => Assert.True(h < 100, $"a row is {h}px tall"));

        await page.Locator("input[data-testid=filter-text]").FillAsync("knee");
        await Browser.ExpectAddressAsync(page, "codes?q=knee");
        await Expect(page.Locator("[data-testid=codes-table] tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=codes-table] tbody tr")).ToContainTextAsync("27447");

        await page.ReloadAsync();
        await Expect(page.Locator("input[data-testid=filter-text]")).ToHaveValueAsync("knee");
        await Expect(page.Locator("[data-testid=codes-table] tbody tr")).ToHaveCountAsync(1);
    }
}
