using System.Text;
using System.Text.RegularExpressions;
using CptKb.Tests.TestSupport;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CptKb.Tests.EndToEnd;

/// <summary>A revenue-cycle manager compares payers on one code, and prints one payer's packet.</summary>
[Collection(ReadingAppCollection.Name)]
public sealed partial class PayerCompareTests(ReadingAppFixture fixture)
{
    [Fact]
    public async Task Payers_picked_on_the_article_are_compared_field_by_field_and_the_address_keeps_the_choice()
    {
        await using var browser = await fixture.NewPageAsync(1366, 900);
        var page = browser.Page;
        await page.GotoAsync("/codes/20955");
        await Browser.WaitForInteractiveAsync(page);

        await page.Locator("[data-testid=compare-payers]").ClickAsync();
        await Browser.ExpectAddressAsync(page, "/codes/20955/payers");
        await Expect(page.Locator("[data-testid=payer-compare] tbody tr[data-row=Stance] td")).ToHaveCountAsync(3);
        await Browser.WaitForInteractiveAsync(page);

        await page.GetByLabel("Cigna Health").UncheckAsync();

        await Browser.ExpectAddressAsync(page, "/codes/20955/payers?compare=Aetna,Medicare");
        await Expect(page.Locator("[data-testid=payer-compare] tbody tr[data-row=Stance] td")).ToHaveCountAsync(2);
        var stance = page.Locator("tr[data-row=Stance]");
        await Expect(stance).ToHaveAttributeAsync("data-differs", "true");
        await Expect(stance.Locator("th")).ToContainTextAsync("Differs");
        await Expect(page.Locator("tr[data-row=Benchmark] td").Nth(1).Locator(".kb-missing")).ToHaveTextAsync("Data gap");
        await Browser.ScreenshotAsync(page, "payer-compare-1366");

        // The address alone opens the same comparison.
        await page.GotoAsync("/codes/20955/payers?compare=Aetna,Medicare");
        await Expect(page.Locator("[data-testid=payer-chooser] input:checked")).ToHaveCountAsync(2);
        Assert.Empty(browser.ConsoleErrors);
        browser.AssertSelfContained(fixture.App.BaseAddress);
    }

    [Theory]
    [InlineData(390, 844, false)]
    [InlineData(390, 844, true)]
    [InlineData(1366, 900, true)]
    public async Task The_comparison_fits_the_screen_with_every_value_inside_it(int width, int height, bool dark)
    {
        await using var browser = await fixture.NewPageAsync(width, height);
        var page = browser.Page;
        if (dark)
            await browser.UseDarkModeAsync(fixture.App.BaseAddress);
        await page.GotoAsync("/codes/20955/payers?compare=Aetna,Cigna%20Health,Medicare,Kaiser");
        await Browser.WaitForInteractiveAsync(page);
        await Expect(page.Locator("[data-testid=unknown-payers]")).ToContainTextAsync("Kaiser");

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.Equal(widths[1], widths[0]);
        var outside = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('[data-testid=payer-compare] td, [data-testid=payer-compare] tbody th')]
              .filter(e => { const r = e.getBoundingClientRect(); return r.left < 0 || r.right > document.documentElement.clientWidth + 1; })
              .map(e => e.textContent.trim().slice(0, 40))
            """);
        Assert.True(outside.Length == 0, "cells outside the screen: " + string.Join("; ", outside));
        await Browser.ScreenshotAsync(page, $"payer-compare-{width}-{(dark ? "dark" : "light")}");
    }

    [Fact]
    public async Task The_payer_packet_prints_to_a_pdf_with_a_page_for_every_chosen_code_and_no_app_chrome()
    {
        string[] codes = ["20955", "27447", "0042T"];
        await using var browser = await fixture.NewPageAsync(1366, 900);
        var page = browser.Page;
        await page.GotoAsync("/payers/Medicare");
        await Browser.WaitForInteractiveAsync(page);
        await page.Locator("[data-testid=payer-packet-link]").ClickAsync();
        await Browser.ExpectAddressAsync(page, "/payers/Medicare/packet");
        await Expect(page.Locator("section.kb-packet-code")).ToHaveCountAsync(4);

        await page.GotoAsync("/payers/Medicare/packet?codes=" + string.Join(',', codes));
        await Expect(page.Locator("[data-testid=packet-revisions] tbody tr")).ToHaveCountAsync(3);
        await Expect(page.Locator("[data-testid=packet-print]")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "payer-packet-screen");

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        foreach (var code in codes)
        {
            var block = page.Locator($"section.kb-packet-code[data-code='{code}']");
            await Expect(block).ToBeVisibleAsync();
            await Expect(block.Locator(".kb-packet-running")).ToContainTextAsync($"Medicare · CPT {code}");
            Assert.Equal("page", await block.EvaluateAsync<string>("e => getComputedStyle(e).breakBefore"));
        }
        await Expect(page.Locator("[data-testid=packet-tools]")).ToBeHiddenAsync();
        Assert.Equal(0, await page.Locator(".mud-appbar, .mud-drawer, nav.mud-navmenu, [data-testid=sample-banner]").CountAsync());
        await Browser.ScreenshotAsync(page, "payer-packet-print");

        var pdf = await page.PdfAsync(new() { Format = "Letter", PrintBackground = true });
        var pageObjects = PageObject().Matches(Encoding.Latin1.GetString(pdf)).Count;
        var pages = PdfText.Pages(pdf);
        Assert.Equal(pageObjects, pages.Count);
        // The cover and contents, then each code from a new page, every page of it under the payer's and code's header.
        Assert.True(pages.Count >= codes.Length + 1, $"{pages.Count} pages");
        Assert.Contains("Medicare", pages[0]);
        Assert.Contains("Source revisions", pages[0]);
        foreach (var code in codes)
            Assert.Contains(pages, p => p.StartsWith($"Medicare · CPT {code} ·", StringComparison.Ordinal));
        Assert.All(pages.SkipWhile(p => !p.StartsWith("Medicare · CPT", StringComparison.Ordinal)),
            p => Assert.StartsWith("Medicare · CPT", p));
        Assert.DoesNotContain(pages, p => p.Contains("Back to Medicare", StringComparison.Ordinal) || p.Contains("Print", StringComparison.Ordinal));
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, "payer-packet.pdf"), pdf);
        Assert.Empty(browser.ConsoleErrors);
    }

    [Fact]
    public async Task An_unknown_payers_packet_is_a_404_page_naming_it()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        var response = await page.GotoAsync("/payers/Nobody%20Mutual/packet");

        Assert.Equal(404, response?.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Payer not found");
        await Expect(page.Locator("main, .mud-main-content").First).ToContainTextAsync("Nobody Mutual");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Neither_page_has_a_serious_or_critical_accessibility_violation(bool dark)
    {
        await using var browser = await fixture.NewPageAsync();
        if (dark)
            await browser.UseDarkModeAsync(fixture.App.BaseAddress);
        var page = browser.Page;
        var found = new List<string>();
        foreach (var path in new[] { "/codes/20955/payers?compare=Aetna,Cigna%20Health,Medicare", "/payers/Medicare/packet" })
        {
            await page.GotoAsync(path);
            await Expect(page.Locator("h1")).ToBeVisibleAsync();
            var result = await page.RunAxe();
            found.AddRange(result.Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{path}: {v.Id} {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target))}"));
        }
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [GeneratedRegex(@"/Type\s*/Page\b(?!s)")]
    private static partial Regex PageObject();
}
