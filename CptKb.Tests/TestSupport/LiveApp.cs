using System.Net;
using System.Net.Sockets;

namespace CptKb.Tests.TestSupport;

/// <summary>
/// The real app as its own process on 127.0.0.1 (Kestrel, Production environment), with a temporary database
/// and a folder of publications imported at start-up. Ready once <c>/health</c> answers 200, or once it answers at all.
/// </summary>
public sealed class LiveApp : IAsyncDisposable
{
    private readonly KbProcess _process;

    private LiveApp(KbProcess process, string root, Uri baseAddress, string databasePath, string seedsFolder)
    {
        _process = process;
        Root = root;
        BaseAddress = baseAddress;
        DatabasePath = databasePath;
        SeedsFolder = seedsFolder;
    }

    public Uri BaseAddress { get; }

    /// <summary>A temporary folder of this app's own, deleted on dispose.</summary>
    public string Root { get; }

    public string DatabasePath { get; }

    public string SeedsFolder { get; }

    public string Log => _process.Log;

    /// <summary>Starts the app on a free port over a copy of <paramref name="prepareSeeds"/>'s folder and waits until it is healthy.</summary>
    public static Task<LiveApp> StartAsync(Action<string> prepareSeeds, IDictionary<string, string>? settings = null) =>
        StartAsync(new LiveAppOptions { PrepareSeeds = prepareSeeds, Settings = settings ?? new Dictionary<string, string>() });

    public static async Task<LiveApp> StartAsync(LiveAppOptions options)
    {
        var root = Path.Combine(Path.GetTempPath(), "cptkb-tests", "live-" + Guid.NewGuid().ToString("N"));
        var seeds = options.SeedsFolder ?? Path.Combine(root, "seeds");
        var database = options.DatabasePath ?? Path.Combine(root, "data", "kb.db");
        Directory.CreateDirectory(root);
        if (options.PrepareSeeds is { } prepare)
        {
            Directory.CreateDirectory(seeds);
            prepare(seeds);
        }

        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        string[] arguments =
        [
            "--urls", baseAddress.ToString().TrimEnd('/'),
            "--contentRoot", KbProcess.WebOutputFolder(),
            $"--ConnectionStrings:Kb={options.ConnectionString ?? $"Data Source={database}"}",
            $"--Kb:SeedsPath={seeds}",
            $"--{TestSearchLimits.Key}={TestSearchLimits.Value}",
            // Watching is turned on by the tests of the watched folder only (a later setting of the key wins).
            "--Kb:WatchSeeds=false",
            .. options.Settings.Select(s => $"--{s.Key}={s.Value}"),
        ];
        var app = new LiveApp(KbProcess.Start(arguments, options.FileModesApply), root, baseAddress, database, seeds);
        try
        {
            await app.WaitForHealthAsync(options.WaitUntilHealthy, TimeSpan.FromSeconds(90));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    /// <summary>Stops the app the way a service manager does (SIGTERM); afterwards <see cref="Log"/> holds everything it wrote.</summary>
    public Task StopAsync() => _process.StopAsync(TimeSpan.FromSeconds(30));

    /// <summary>Ends the app at once (SIGKILL, its whole process tree), as a crash or a pulled plug would.</summary>
    public Task KillAsync() => _process.KillAsync();

    public bool HasExited => _process.HasExited;

    /// <summary>A client for the app with a short timeout.</summary>
    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    private async Task WaitForHealthAsync(bool untilHealthy, TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The app exited with code {_process.ExitCode}:\n{Log}");
            try
            {
                using var response = await client.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK || !untilHealthy)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Slow first request while the app warms up.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The app did not {(untilHealthy ? "become healthy" : "answer")} within {timeout}:\n{Log}");
    }

    /// <summary>A TCP port on 127.0.0.1 that nothing listens on.</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The OS cleans the temp folder.
        }
    }
}

/// <summary>How a <see cref="LiveApp"/> starts.</summary>
public sealed record LiveAppOptions
{
    /// <summary>Writes the publications to import at start-up into the app's seeds folder.</summary>
    public Action<string>? PrepareSeeds { get; init; }

    /// <summary>The seeds folder; by default one in the app's temporary folder.</summary>
    public string? SeedsFolder { get; init; }

    /// <summary>The database file; by default one in the app's temporary folder.</summary>
    public string? DatabasePath { get; init; }

    /// <summary>The whole <c>ConnectionStrings:Kb</c>, when more than the file is to be set.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>More configuration, as <c>Section:Key</c> = value.</summary>
    public IDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Wait until <c>/health</c> answers 200 (the start-up import is done); when false, until it answers at all.</summary>
    public bool WaitUntilHealthy { get; init; } = true;

    /// <summary>See <see cref="KbProcess.Start"/>: file modes limit the app even when the tests run as root.</summary>
    public bool FileModesApply { get; init; }
}
