using Microsoft.Playwright;

namespace CptKb.Tests.TestSupport;

/// <summary>Debian's Chromium driven by Playwright, headless. A missing browser fails the tests; it is never skipped.</summary>
public sealed class Browser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Chromium { get; private set; } = null!; // set in InitializeAsync

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Chromium is missing at {ChromiumPath}: run ./scripts/test.sh, which installs Debian's chromium package.");
        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Chromium is not null)
            await Chromium.DisposeAsync();
        _playwright?.Dispose();
    }

    /// <summary>Waits until the Blazor circuit is live, so clicks reach their handlers.</summary>
    public static async Task WaitForInteractiveAsync(IPage page)
    {
        await page.Locator("#kb-interactive[data-ready='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 20_000 });
        // The search box's keyboard handling is attached by script once the circuit runs.
        await page.Locator("#kb-search[data-ready='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 20_000 });
    }

    /// <summary>
    /// Waits until the address ends with <paramref name="pathAndQuery"/>. Polls the URL, so it also sees the
    /// circuit's in-page navigations, which fire no load event.
    /// </summary>
    public static Task ExpectAddressAsync(IPage page, string pathAndQuery) =>
        Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(pathAndQuery) + "$"));

    /// <summary>Saves a full-page screenshot under the test output folder.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }
}
