using System.Net;
using System.Net.Http.Json;

namespace CptKb.Tests.TestSupport;

/// <summary>
/// Web nodes on one database of the run's throwaway PostgreSQL, and CptKb.Proxy in front of them: each its own process
/// (Production environment) on a free loopback port. The first node imports the publications at start; the others
/// import nothing and read what it stored. Ready once the proxy's health checks see every node healthy.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly PostgreSqlCluster _postgreSql;
    private readonly string _connectionString;
    private readonly List<LiveApp> _nodes = [];
    private KbProcess? _proxy;

    private TestCluster(PostgreSqlCluster postgreSql, string connectionString)
    {
        _postgreSql = postgreSql;
        _connectionString = connectionString;
    }

    /// <summary>The proxy's address: where readers go.</summary>
    public Uri ProxyAddress { get; private set; } = null!; // set in StartAsync

    /// <summary>The node the proxy calls <paramref name="name"/> (<c>node1</c>, <c>node2</c>, as the proxy's X-CptKb-Node header says; also its Kb:NodeName).</summary>
    public LiveApp Node(string name) => _nodes[int.Parse(name["node".Length..], System.Globalization.CultureInfo.InvariantCulture) - 1];

    public IReadOnlyList<LiveApp> Nodes => _nodes;

    public string ProxyLog => _proxy?.Log ?? "";

    /// <summary>Everything the processes wrote, for a failing test's message.</summary>
    public string Logs => string.Join("\n", _nodes.Select((n, i) => $"--- node{i + 1}\n{n.Log}").Append($"--- proxy\n{ProxyLog}"));

    public static async Task<TestCluster> StartAsync(Action<string> prepareSeeds, int nodes = 2)
    {
        var postgreSql = await PostgreSqlCluster.GetAsync();
        var cluster = new TestCluster(postgreSql, postgreSql.NewDatabase());
        try
        {
            for (var i = 1; i <= nodes; i++)
            {
                var settings = new Dictionary<string, string> { ["Kb:Database:Provider"] = "PostgreSQL", ["Kb:NodeName"] = $"node{i}" };
                if (i > 1)
                    settings["Kb:ImportOnStartup"] = "false";
                // The first node creates the database and imports; the others start once it has.
                cluster._nodes.Add(await LiveApp.StartAsync(new LiveAppOptions
                {
                    PrepareSeeds = i == 1 ? prepareSeeds : null,
                    ConnectionString = cluster._connectionString,
                    Settings = settings,
                }));
            }
            var proxyAddress = new Uri($"http://127.0.0.1:{LiveApp.FreePort()}");
            cluster.ProxyAddress = proxyAddress;
            cluster._proxy = KbProcess.StartProxy(
            [
                "--urls", proxyAddress.ToString().TrimEnd('/'),
                "--contentRoot", KbProcess.OutputFolder("CptKb.Proxy"),
                .. cluster._nodes.Select((n, i) => $"--ReverseProxy:Clusters:cptkb:Destinations:node{i + 1}:Address={n.BaseAddress.ToString().TrimEnd('/')}"),
            ]);
            await cluster.WaitUntilProxySeesHealthyAsync(nodes, TimeSpan.FromSeconds(60));
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return cluster;
    }

    /// <summary>The connection string of the nodes' database.</summary>
    public string ConnectionString => _connectionString;

    /// <summary>A client for the proxy with a short timeout, keeping its own cookies (the affinity cookie among them).</summary>
    public HttpClient CreateProxyClient() => new(new SocketsHttpHandler { UseCookies = true, CookieContainer = new CookieContainer() })
    {
        BaseAddress = ProxyAddress,
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Waits until the proxy's health checks see <paramref name="healthy"/> nodes healthy.</summary>
    public async Task WaitUntilProxySeesHealthyAsync(int healthy, TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = ProxyAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        var last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            if (_proxy is { HasExited: true })
                throw new InvalidOperationException($"The proxy exited with code {_proxy.ExitCode}:\n{Logs}");
            try
            {
                var health = await client.GetFromJsonAsync<ProxyHealth>("/proxy/health");
                last = string.Join(", ", health?.Nodes.Select(n => $"{n.Node} {n.State}") ?? []);
                if (health?.Nodes.Count(n => n.State == "healthy") == healthy)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet, or 503 while no node is healthy.
            }
            catch (TaskCanceledException)
            {
                // Slow first request.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The proxy did not see {healthy} healthy nodes within {timeout} (last: {last}):\n{Logs}");
    }


    public async ValueTask DisposeAsync()
    {
        if (_proxy is not null)
            await _proxy.DisposeAsync();
        foreach (var node in _nodes)
            await node.DisposeAsync();
        await _postgreSql.DropAsync(_connectionString);
    }

    private sealed record ProxyHealth(string Status, List<ProxyNode> Nodes);

    private sealed record ProxyNode(string Node, string Address, string State);
}
