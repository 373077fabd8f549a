using System.Text;
using CptKb.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CptKb.Tests.EndToEnd;

/// <summary>A long article still becomes interactive: its saved page state fits what a circuit accepts.</summary>
public sealed class LongArticleTests
{
    [Fact]
    public async Task A_long_article_becomes_interactive_and_its_payer_tabs_work()
    {
        await using var app = await LiveApp.StartAsync(folder =>
        {
            var text = new StringBuilder("Summary & Overview\nCPT 27130: Total Hip Arthroplasty\nKey payers covered in this analysis include Aetna, Cigna Health, and Medicare.\n");
            text.Append("Clinical & Coding Specifications\nClinical Context\n");
            for (var i = 0; i < 400; i++)
                text.Append("A long clinical paragraph about hip replacement, implant choice and rehabilitation, number ").Append(i).Append(".\n");
            text.Append("Payer Coverage & Benchmarks\nAetna\nCoverage: Covered.\nCigna Health\nCoverage: Covered with prior authorization.\nMedicare\nCoverage: Covered.\n");
            File.WriteAllText(Path.Combine(folder, "27130.txt"), text.ToString());
        });
        var browser = new Browser();
        await browser.InitializeAsync();
        try
        {
            await using var context = await browser.Chromium.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
            var page = await context.NewPageAsync();

            await page.GotoAsync("/codes/27130");
            await Browser.WaitForInteractiveAsync(page);
            await page.Locator("[data-testid=payers-tabs]").ClickAsync();

            await Expect(page.Locator(".mud-tab")).ToHaveCountAsync(3);
        }
        finally
        {
            await browser.DisposeAsync();
        }
    }
}
