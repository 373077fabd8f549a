using Bunit;
using CptKb.Core;
using CptKb.Core.Import;
using CptKb.Core.Search;
using CptKb.Core.Storage;
using CptKb.Tests.TestSupport;
using CptKb.Web.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace CptKb.Tests.Components;

/// <summary>
/// The one base for component tests: MudBlazor services as MudBlazor's own tests set them up, and a real
/// SQLite file filled by the real importer from the fixture corpus.
/// </summary>
public abstract class KbComponentTest : BunitContext, IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cptkb-tests", "bunit-" + Guid.NewGuid().ToString("N"));

    protected KbComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
            options.PopoverOptions.CheckForPopoverProvider = false;
        });
        Services.AddCptKbCore($"Data Source={Path.Combine(_root, "kb.db")}", SearchLimits);
        Services.AddScoped(_ => new CircuitSearchLimiter(SearchesPerMinute));
        Services.AddHttpContextAccessor();
        Services.AddSingleton(new SeedsFolder(Path.Combine(_root, "corpus")));
        AddBunitPersistentComponentState();
    }

    /// <summary>Each search's time budget and how many run at once.</summary>
    protected virtual SearchLimits SearchLimits => TestSearchLimits.Limits;

    /// <summary>The reader's search allowance, as <c>Kb:RateLimit:SearchPerMinute</c> sets it.</summary>
    protected virtual int SearchesPerMinute => 300;

    /// <summary>The report of the import that filled the database.</summary>
    protected ImportRunReport Import { get; private set; } = null!; // set in InitializeAsync

    /// <summary>The folder the database was imported from; a test may edit it and import again.</summary>
    protected string CorpusFolder => Path.Combine(_root, "corpus");

    public virtual async Task InitializeAsync()
    {
        FixtureCorpus.CopyTo(CorpusFolder);
        await Services.GetRequiredService<KbDatabase>().InitializeAsync();
        Import = await Services.GetRequiredService<Importer>().ImportFolderAsync(CorpusFolder);
    }

    /// <summary>Sets the browser address, for pages that read their query string.</summary>
    protected void NavigateTo(string relativeUri) =>
        Services.GetRequiredService<Bunit.TestDoubles.BunitNavigationManager>().NavigateTo(relativeUri);

    async Task IAsyncLifetime.DisposeAsync()
    {
        // MudBlazor registers services that only dispose asynchronously.
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }
}
