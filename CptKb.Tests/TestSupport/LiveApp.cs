using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CptKb.Tests.TestSupport;

/// <summary>
/// The real app as its own process on 127.0.0.1 (Kestrel, Production environment), with a temporary database
/// and a folder of publications imported at start-up. Ready once <c>/health</c> answers 200.
/// </summary>
public sealed class LiveApp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private LiveApp(Process process, string root, Uri baseAddress)
    {
        _process = process;
        Root = root;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string Root { get; }

    public string Log
    {
        get
        {
            lock (_log)
                return _log.ToString();
        }
    }

    /// <summary>Starts the app on a free port over a copy of <paramref name="prepareSeeds"/>'s folder.</summary>
    public static async Task<LiveApp> StartAsync(Action<string> prepareSeeds, IDictionary<string, string>? settings = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "cptkb-tests", "live-" + Guid.NewGuid().ToString("N"));
        var seeds = Path.Combine(root, "seeds");
        Directory.CreateDirectory(seeds);
        prepareSeeds(seeds);

        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var webOutput = WebOutputFolder();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = webOutput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            Path.Combine(webOutput, "CptKb.Web.dll"),
            "--urls", baseAddress.ToString().TrimEnd('/'),
            "--contentRoot", webOutput,
            $"--ConnectionStrings:Kb=Data Source={Path.Combine(root, "data", "kb.db")}",
            $"--Kb:SeedsPath={seeds}",
        })
            start.ArgumentList.Add(arg);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            start.ArgumentList.Add($"--{key}={value}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_NOLOGO"] = "1";

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started");
        var app = new LiveApp(process, root, baseAddress);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        await app.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
        return app;
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_log)
            _log.AppendLine(line);
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
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
                if (response.StatusCode == HttpStatusCode.OK)
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
        throw new TimeoutException($"The app did not become healthy within {timeout}:\n{Log}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>CptKb.Web's own build output (same configuration as the tests), where its static web assets manifest lives.</summary>
    private static string WebOutputFolder()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = testOutput.Name;
        var configuration = testOutput.Parent?.Name ?? "Debug";
        var dir = testOutput;
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CptKb.sln")))
            dir = dir.Parent;
        if (dir is null)
            throw new InvalidOperationException("CptKb.sln not found above " + AppContext.BaseDirectory);
        var folder = Path.Combine(dir.FullName, "CptKb.Web", "bin", configuration, framework);
        if (!File.Exists(Path.Combine(folder, "CptKb.Web.dll")))
            throw new InvalidOperationException($"CptKb.Web is not built at {folder}");
        return folder;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans the temp folder.
        }
    }
}
