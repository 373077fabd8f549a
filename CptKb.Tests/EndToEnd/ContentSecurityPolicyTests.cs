using CptKb.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CptKb.Tests.EndToEnd;

/// <summary>The app's strict Content-Security-Policy in Chromium: Blazor and MudBlazor work under it and break none of it.</summary>
[Collection(ReadingAppCollection.Name)]
public sealed class ContentSecurityPolicyTests(ReadingAppFixture fixture)
{
    // Runs before any script of the page, so it hears every violation from the first byte on.
    private const string RecordViolations = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e =>
            window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));
        """;

    private static readonly string[] Pages =
    [
        "/", "/codes", "/codes/20955", "/payers", "/payer-matrix", "/modifiers", "/modifiers/22", "/gaps", "/import", "/codes/20960",
    ];

    [Fact]
    public async Task The_main_pages_load_and_work_with_no_policy_violation()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await page.AddInitScriptAsync(RecordViolations);
        var violations = new List<string>();

        foreach (var path in Pages)
        {
            var response = await page.GotoAsync(path);
            Assert.Contains("script-src 'self'", response?.Headers["content-security-policy"]);
            await Browser.WaitForInteractiveAsync(page);
            if (path == "/codes")
            {
                // A popover, MudBlazor's own script at work.
                await page.Locator("[data-testid=filter-payer]").ClickAsync();
                await Expect(page.Locator(".mud-popover-open .mud-list-item").First).ToBeVisibleAsync();
                await page.Keyboard.PressAsync("Escape");
            }
            if (path == "/codes/20955")
            {
                // The theme is rewritten in place, and the app's own script sets the cookie.
                await page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark mode" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" })).ToBeVisibleAsync();
                await page.Locator("[data-testid=toc] a", new() { HasText = "Policy & Coding Considerations" }).ClickAsync();
            }
            violations.AddRange((await page.EvaluateAsync<string[]>("() => window.__cspViolations")).Select(v => $"{path}: {v}"));
        }

        Assert.Empty(violations);
        Assert.DoesNotContain(browser.ConsoleErrors, e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        browser.AssertSelfContained(fixture.App.BaseAddress);
    }

    [Fact]
    public async Task An_inline_script_is_blocked_and_reported()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await page.AddInitScriptAsync(RecordViolations);
        await page.GotoAsync("/codes/20955");
        await Browser.WaitForInteractiveAsync(page);

        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.__inlineRan = true'; document.body.append(s); }");
        await page.WaitForFunctionAsync("() => window.__cspViolations.length > 0");

        Assert.False(await page.EvaluateAsync<bool>("() => window.__inlineRan === true"));
        Assert.Contains("script-src", Assert.Single(await page.EvaluateAsync<string[]>("() => window.__cspViolations")));
        Assert.Contains(browser.ConsoleErrors, e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }
}
