using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CptKb.Tests.TestSupport;

namespace CptKb.Tests.Cluster;

/// <summary><c>scripts/cluster.sh</c> run as an operator would, with no input: start, a page through the proxy, stop.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class ClusterScriptTests : IDisposable
{
    private readonly string _run = Path.Combine(Path.GetTempPath(), "cptkb-tests", "cluster-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Start_serves_pages_through_the_proxy_and_stop_leaves_nothing_running()
    {
        var proxyPort = LiveApp.FreePort();
        int[] nodePorts = [LiveApp.FreePort(), LiveApp.FreePort()];
        var environment = new Dictionary<string, string>
        {
            ["CPTKB_CLUSTER_DIR"] = _run,
            ["CPTKB_PROXY_PORT"] = proxyPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CPTKB_NODE_PORTS"] = string.Join(' ', nodePorts),
            ["CPTKB_PG_PORT"] = LiveApp.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            // The tests' own build output: nothing is built while the tests run from it.
            ["CPTKB_NO_BUILD"] = "1",
            ["CPTKB_CONFIGURATION"] = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name,
        };
        List<int> pids = [];
        try
        {
            var (startCode, startOutput) = await RunAsync("start", environment);
            Assert.True(startCode == 0, startOutput);
            Assert.Contains($"CptKb runs at http://127.0.0.1:{proxyPort}/", startOutput);
            pids = [.. Directory.GetFiles(_run, "*.pid").Select(f => int.Parse(File.ReadAllText(f).Trim(), System.Globalization.CultureInfo.InvariantCulture))];
            pids.Add(int.Parse(File.ReadLines(Path.Combine(_run, "pg", "data", "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(4, pids.Count);

            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{proxyPort}"), Timeout = TimeSpan.FromSeconds(30) };
            using var page = await client.GetAsync("/");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains(page.Headers.GetValues("X-CptKb-Node").Single(), new[] { "node1", "node2" });
            Assert.Contains("CptKb", await page.Content.ReadAsStringAsync());

            var (statusCode, statusOutput) = await RunAsync("status", environment);
            Assert.True(statusCode == 0, statusOutput);
            Assert.Contains("\"state\":\"healthy\"", statusOutput);
        }
        finally
        {
            var (stopCode, stopOutput) = await RunAsync("stop", environment);
            Assert.True(stopCode == 0, stopOutput);
        }

        Assert.False(Directory.Exists(_run));
        // A process that has just ended may still wait a moment to be reaped by init.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (pids.Any(IsRunning) && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        Assert.All(pids, pid => Assert.False(IsRunning(pid), $"process {pid} still runs after stop"));
        Assert.All(nodePorts.Append(proxyPort), port => Assert.False(Answers(port), $"port {port} still answers after stop"));
    }

    private static async Task<(int Code, string Output)> RunAsync(string command, IDictionary<string, string> environment)
    {
        var script = Path.Combine(RepositoryRoot(), "scripts", "cluster.sh");
        var start = new ProcessStartInfo("bash", [script, command])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"cluster.sh {command} did not finish within 4 minutes:\n{await output}\n{await error}");
        }
        return (process.ExitCode, await output + await error);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CptKb.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("CptKb.sln not found above " + AppContext.BaseDirectory);
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool Answers(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }


    public void Dispose()
    {
        // The script removes its folder; this is for a run that failed before it could.
        if (Directory.Exists(_run))
            Directory.Delete(_run, recursive: true);
    }
}
