using System.Text;
using CptKb.Tests.TestSupport;
using Deque.AxeCore.Playwright;
using Xunit.Abstractions;

namespace CptKb.Tests.EndToEnd;

/// <summary>axe-core in Chromium over every kind of page, in light and dark mode: no serious or critical violation.</summary>
[Collection(ReadingAppCollection.Name)]
public sealed class AccessibilityTests(ReadingAppFixture fixture, ITestOutputHelper output)
{
    /// <summary>One page of each kind. The search results page is checked too once the app has one (see below).</summary>
    private static readonly string[] Pages =
    [
        "/", "/codes", "/codes/20955", "/payers", "/payer-matrix", "/modifiers", "/modifiers/22", "/gaps", "/import",
        "/compare?codes=20955,20962,27447,0042T", "/codes?compare=20955,27447",
    ];

    private const string SearchResults = "/search?q=graft";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task No_page_has_a_serious_or_critical_violation(bool dark)
    {
        await using var browser = await fixture.NewPageAsync();
        if (dark)
            await browser.UseDarkModeAsync(fixture.App.BaseAddress);
        var page = browser.Page;

        var report = new StringBuilder();
        foreach (var path in Pages.Append(SearchResults))
        {
            var response = await page.GotoAsync(path);
            if (path == SearchResults && response?.Status == 404)
            {
                // The search results page belongs to another line of work; it is checked here as soon as it exists.
                output.WriteLine($"{path}: no such page yet, not checked");
                continue;
            }
            await Browser.WaitForInteractiveAsync(page);
            var result = await page.RunAxe();
            foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
            {
                report.AppendLine($"{path} ({(dark ? "dark" : "light")}): {violation.Id} [{violation.Impact}] {violation.Help}");
                foreach (var node in violation.Nodes)
                {
                    var why = node.Any.Concat(node.All).Concat(node.None).Select(c => c.Message).FirstOrDefault();
                    report.AppendLine($"    {node.Target} {node.Html[..Math.Min(120, node.Html.Length)]}");
                    if (why is not null)
                        report.AppendLine($"      {why}");
                }
            }
        }

        output.WriteLine(report.Length == 0 ? "no serious or critical violation" : report.ToString());
        Assert.True(report.Length == 0, report.ToString());
    }
}
