using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CptKb.Bench.Harness;

namespace CptKb.Bench.Pages;

/// <summary>
/// The real CptKb web app, started from its build output as a user would (<c>dotnet CptKb.Web.dll</c>) on
/// 127.0.0.1 with its own database and the corpus as seeds; ready once <c>/health</c> answers 200.
/// </summary>
internal sealed class WebAppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly Queue<string> lastLines = new();

    private WebAppProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => process.Id;

    /// <summary>Seconds from start to the first <c>/health</c> 200 (migrations plus the start-up import).</summary>
    public double ReadySeconds { get; private set; }

    public static Task<WebAppProcess> StartAsync(string seeds, string databasePath, TimeSpan timeout, params string[] settings) =>
        StartAsync(Path.Combine(RepoPaths.WebOutput, "CptKb.Web.dll"), timeout,
        [
            $"--ConnectionStrings:Kb=Data Source={databasePath}", $"--Kb:SeedsPath={seeds}", "--Kb:ImportOnStartup=true",
            // Measured benches see no import of the watched folder unless they turn it on (a later setting wins).
            "--Kb:WatchSeeds=false", .. settings,
        ]);

    /// <summary>
    /// Starts a web app's build output (<paramref name="dll"/>: CptKb.Web, or the proxy in front of it) on a free
    /// loopback port, in Production, with the settings given; ready once its <paramref name="healthPath"/> answers 200.
    /// </summary>
    public static async Task<WebAppProcess> StartAsync(
        string dll, TimeSpan timeout, IEnumerable<string> settings, IReadOnlyDictionary<string, string>? environment = null, string healthPath = "health")
    {
        if (!File.Exists(dll))
            throw new InvalidOperationException($"{dll} is missing: build it in the bench's configuration first.");
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { dll, "--urls", $"http://127.0.0.1:{port}" },
        };
        foreach (var setting in settings)
            start.ArgumentList.Add(setting);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started");
        var app = new WebAppProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var started = Stopwatch.GetTimestamp();
        using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"{Path.GetFileName(dll)} exited with code {process.ExitCode}:\n{app.Output}");
            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                await app.DisposeAsync();
                throw new TimeoutException($"{Path.GetFileName(dll)} did not report healthy within {timeout.TotalSeconds:0} s:\n{app.Output}");
            }
            try
            {
                using var response = await http.GetAsync(healthPath);
                if (response.StatusCode == HttpStatusCode.OK)
                    break;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        app.ReadySeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return app;
    }

    /// <summary>The last lines the app printed, for error messages.</summary>
    public string Output
    {
        get
        {
            lock (lastLines)
                return string.Join('\n', lastLines);
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
            return;
        lock (lastLines)
        {
            lastLines.Enqueue(line);
            while (lastLines.Count > 40)
                lastLines.Dequeue();
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync() => await ChildProcess.StopAsync(process);
}
