using CptKb.Tests.TestSupport;
using Microsoft.Playwright;

namespace CptKb.Tests.EndToEnd;

/// <summary>One live app over the fixture corpus and one Chromium, shared by the browser tests.</summary>
public class ReadingAppFixture : IAsyncLifetime
{
    /// <summary>Writes the publications the app imports at start.</summary>
    protected virtual void PrepareSeeds(string folder) => FixtureCorpus.CopyTo(folder);

    public LiveApp App { get; private set; } = null!; // set in InitializeAsync

    public Browser Browser { get; } = new();

    public async Task InitializeAsync()
    {
        App = await LiveApp.StartAsync(PrepareSeeds);
        await Browser.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await App.DisposeAsync();
    }

    /// <summary>A fresh browser page that records every request it makes and every console error.</summary>
    public async Task<BrowserPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        var result = new BrowserPage(context, page);
        page.Request += (_, request) => result.Requests.Add(request.Url);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                result.ConsoleErrors.Add(message.Text);
        };
        page.Dialog += async (_, dialog) =>
        {
            result.Dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        return result;
    }
}

/// <summary>A page plus what it did: requests, console errors, dialogs.</summary>
public sealed class BrowserPage(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IBrowserContext Context { get; } = context;

    public IPage Page { get; } = page;

    public List<string> Requests { get; } = [];

    public List<string> ConsoleErrors { get; } = [];

    public List<string> Dialogs { get; } = [];

    /// <summary>Every request stayed on the app's own origin; nothing was fetched from elsewhere.</summary>
    public void AssertSelfContained(Uri origin)
    {
        Assert.NotEmpty(Requests);
        Assert.All(Requests, url =>
        {
            var uri = new Uri(url);
            if (uri.Scheme is "data" or "blob" or "about")
                return;
            Assert.Equal(origin.Authority, uri.Authority);
        });
        Assert.Empty(Dialogs);
    }

    /// <summary>Sets the reader's dark-mode cookie, as the app-bar button does, so pages load dark from the first HTML.</summary>
    public Task UseDarkModeAsync(Uri origin) =>
        Context.AddCookiesAsync([new Cookie { Name = "cptkb-dark", Value = "1", Url = origin.ToString() }]);

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ReadingAppCollection : ICollectionFixture<ReadingAppFixture>
{
    public const string Name = "Reading app in Chromium";
}
