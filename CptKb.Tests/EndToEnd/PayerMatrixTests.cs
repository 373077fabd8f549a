using CptKb.Core.Samples;
using CptKb.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CptKb.Tests.EndToEnd;

/// <summary>A live app over 300 generated publications naming 20 payers: the matrix's columns chosen, scrolled and read on a phone.</summary>
public sealed class MatrixAppFixture : ReadingAppFixture
{
    public const int Documents = 300;

    protected override void PrepareSeeds(string folder) => new CorpusGenerator().WriteFolder(folder, Documents);
}

/// <summary>A revenue-cycle manager chooses the payers to compare, scrolls a wide matrix and reads it on a phone.</summary>
public sealed class PayerMatrixTests(MatrixAppFixture fixture) : IClassFixture<MatrixAppFixture>
{
    [Fact]
    public async Task Choosing_payers_on_the_page_changes_the_columns_and_the_address()
    {
        await using var browser = await fixture.NewPageAsync(1366, 900);
        var page = browser.Page;
        await page.GotoAsync("/payer-matrix");
        await Browser.WaitForInteractiveAsync(page);
        var headers = page.Locator(".kb-mx thead th");
        await Expect(headers).ToHaveCountAsync(6);
        await Expect(headers.Nth(6 - 1)).Not.ToHaveTextAsync("Medicaid");

        await page.GetByTestId("matrix-payers").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Medicaid" }).First.ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("payers=[^&]*Medicaid"));
        await Expect(headers).ToHaveCountAsync(7);
        await Expect(page.Locator(".kb-mx thead th[data-payer='Medicaid']")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByTestId("export-csv")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("Medicaid"));

        await page.GetByTestId("all-payers").ClickAsync();
        await Browser.ExpectAddressAsync(page, "payer-matrix?payers=all");
        await Expect(headers).ToHaveCountAsync(21);
        Assert.Empty(browser.ConsoleErrors);
    }

    [Fact]
    public async Task The_header_row_and_code_column_stay_in_view_while_the_matrix_box_scrolls_both_ways()
    {
        await using var browser = await fixture.NewPageAsync(1366, 900);
        var page = browser.Page;
        await page.GotoAsync("/payer-matrix?payers=all&pageSize=200");
        await Browser.WaitForInteractiveAsync(page);
        var box = page.GetByTestId("matrix-scroll");
        var frame = (await box.BoundingBoxAsync())!;
        Assert.True(frame.Height <= 900, $"the matrix box is {frame.Height}px tall");

        await box.EvaluateAsync("b => { b.scrollTop = 3000; b.scrollLeft = 1200; }");
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=matrix-scroll]').scrollTop > 0");

        var header = (await page.Locator(".kb-mx thead th[data-payer]").Last.BoundingBoxAsync())!;
        Assert.InRange(header.Y, frame.Y - 1, frame.Y + 3);
        var corner = (await page.Locator(".kb-mx thead th.kb-mx-code").BoundingBoxAsync())!;
        Assert.InRange(corner.X, frame.X - 1, frame.X + 3);
        Assert.InRange(corner.Y, frame.Y - 1, frame.Y + 3);
        // A row scrolled into the middle of the box: its code cell sits at the box's left edge, its text readable.
        var visibleCode = await page.EvaluateAsync<double[]>("""
            () => {
              const box = document.querySelector('[data-testid=matrix-scroll]').getBoundingClientRect();
              const cells = [...document.querySelectorAll('.kb-mx tbody th.kb-mx-code')];
              const middle = cells.find(c => { const r = c.getBoundingClientRect(); return r.top > box.top + 100 && r.bottom < box.bottom; });
              const r = middle.getBoundingClientRect();
              return [r.left, box.left];
            }
            """);
        Assert.InRange(visibleCode[0], visibleCode[1] - 1, visibleCode[1] + 3);
        await Browser.ScreenshotAsync(page, "matrix-scrolled");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task On_a_phone_the_matrix_is_one_payer_at_a_time_never_wider_than_the_screen_and_bounded_in_height(bool dark)
    {
        await using var browser = await fixture.NewPageAsync(390, 844);
        if (dark)
            await browser.UseDarkModeAsync(fixture.App.BaseAddress);
        var page = browser.Page;
        await page.GotoAsync("/payer-matrix?payers=all");
        await Browser.WaitForInteractiveAsync(page);

        await Expect(page.GetByTestId("matrix-scroll")).ToBeHiddenAsync();
        var items = page.Locator(".kb-mx-phone-list li");
        await Expect(items).ToHaveCountAsync(50);
        var size = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth, document.documentElement.scrollHeight]");
        var wide = await page.EvaluateAsync<string>("() => [...document.querySelectorAll('body *')].filter(e => !e.closest('.kb-mx-scroll') && e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 6).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join('; ')");
        Assert.True(size[1] == size[0], wide);
        Assert.True(size[2] < 6000, $"the page is {size[2]}px tall");
        var outside = await page.EvaluateAsync<int>("""
            () => [...document.querySelectorAll('.kb-mx-phone-list li, .kb-mx-phone-cell, .kb-mx-legend li')]
              .filter(e => { const r = e.getBoundingClientRect(); return r.left < 0 || r.right > window.innerWidth + 1; }).length
            """);
        Assert.Equal(0, outside);
        await Browser.ScreenshotAsync(page, dark ? "matrix-phone-dark" : "matrix-phone");

        var firstCell = page.Locator(".kb-mx-phone-list li .kb-mx-phone-cell").First;
        await page.Locator("#matrix-phone-payer").SelectOptionAsync("Ambetter");
        await Expect(page.Locator(".kb-mx-phone-list")).ToHaveAttributeAsync("aria-label", "Ambetter's stance by code");
        await Expect(firstCell).Not.ToBeEmptyAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_matrix_at_a_laptops_size_shows_its_legend_and_fits_the_screen(bool dark)
    {
        await using var browser = await fixture.NewPageAsync(1366, 900);
        if (dark)
            await browser.UseDarkModeAsync(fixture.App.BaseAddress);
        var page = browser.Page;
        await page.GotoAsync("/payer-matrix");
        await Browser.WaitForInteractiveAsync(page);

        await Expect(page.GetByTestId("matrix-legend")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("matrix-legend")).ToContainTextAsync("Not mentioned");
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.Equal(widths[1], widths[0]);
        await Browser.ScreenshotAsync(page, dark ? "matrix-dark" : "matrix");
        Assert.Empty(browser.ConsoleErrors);
    }
}
