using System.Text;
using CptKb.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CptKb.Tests.EndToEnd;

/// <summary>A long article still becomes interactive: its saved page state fits what a circuit accepts.</summary>
public sealed class LongArticleTests
{
    [Theory]
    [InlineData("27130", 150)]
    [InlineData("27131", 2500)] // past what a page hands to its circuit: the circuit reads the article again
    public async Task A_long_article_becomes_interactive_with_its_text_and_its_payer_tabs_work(string code, int paragraphs)
    {
        await using var app = await LiveApp.StartAsync(folder =>
        {
            var text = new StringBuilder($"Summary & Overview\nCPT {code}: Total Hip Arthroplasty\nKey payers covered in this analysis include Aetna, Cigna Health, and Medicare.\n");
            text.Append("Clinical & Coding Specifications\nClinical Context\n");
            for (var i = 0; i < paragraphs; i++)
                text.Append("A long clinical paragraph about hip replacement, implant choice and rehabilitation, number ").Append(i).Append(".\n");
            text.Append("Payer Coverage & Benchmarks\nAetna\nCoverage: Covered.\nCigna Health\nCoverage: Covered with prior authorization.\nMedicare\nCoverage: Covered.\n");
            File.WriteAllText(Path.Combine(folder, $"{code}.txt"), text.ToString());
        });
        var browser = new Browser();
        await browser.InitializeAsync();
        try
        {
            await using var context = await browser.Chromium.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
            var page = await context.NewPageAsync();

            await page.GotoAsync($"/codes/{code}");
            await Browser.WaitForInteractiveAsync(page);
            await page.Locator("[data-testid=payers-tabs]").ClickAsync();

            await Expect(page.Locator(".mud-tab")).ToHaveCountAsync(3);
            // The page shows a section's first 64 KB (about 650 of these paragraphs).
            await Expect(page.GetByText($"rehabilitation, number {Math.Min(paragraphs, 600) - 1}.")).ToHaveCountAsync(1);
        }
        finally
        {
            await browser.DisposeAsync();
        }
    }
}
