using System.Diagnostics;
using System.Net;
using CptKb.Bench.Harness;
using CptKb.Bench.Pages;
using CptKb.Core;
using CptKb.Core.Changes;
using CptKb.Core.Codes;
using CptKb.Core.Import;
using CptKb.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CptKb.Bench.Proxy;

/// <summary>
/// The article page through the proxy: a throwaway PostgreSQL holding the corpus (imported once by CptKb's importer),
/// one and then two CptKb.Web nodes on it and CptKb.Proxy in front, all processes on loopback; 8 and 32 clients, each
/// with its own connection and cookies (so the proxy's affinity holds), fetch random articles' first HTML for a fixed
/// time. Beside each load, what it cost the database (statements per page from pg_stat_statements, PostgreSQL's CPU per
/// page), and the page's own queries sent straight to PostgreSQL at the same concurrency: the shared limit of N nodes.
/// </summary>
internal static class ProxyBench
{
    public static readonly int[] Concurrency = [8, 32];
    public static readonly int[] NodeCounts = [1, 2];
    private const string Database = "proxy_bench";

    private sealed record Load(
        int Nodes, int Clients, double Seconds, int Requests, int Errors, double P50Ms, double P95Ms,
        long Statements, double DatabaseCpuSeconds, IReadOnlyList<double> NodeCpuSeconds, double ProxyCpuSeconds)
    {
        public double RequestsPerSecond => Requests / Seconds;
        public double StatementsPerPage => Requests == 0 ? 0 : (double)Statements / Requests;
        public double DatabaseCpuMsPerPage => Requests == 0 ? 0 : DatabaseCpuSeconds * 1000 / Requests;
    }

    private sealed record Direct(int Clients, double Seconds, int Pages, long Statements, double DatabaseCpuSeconds)
    {
        public double PagesPerSecond => Pages / Seconds;
        public double StatementsPerSecond => Statements / Seconds;
    }

    public static async Task<BenchResult> RunAsync(BenchOptions options, TextWriter output)
    {
        var proxyDll = Path.Combine(RepoPaths.ProxyOutput, "CptKb.Proxy.dll");
        if (!File.Exists(proxyDll))
        {
            return new BenchResult("proxy",
                [new Figure("proxy", "article page through the proxy", $"not measured: {proxyDll} is missing (build CptKb.Proxy in the bench's configuration)")],
                [], new { });
        }
        var duration = TimeSpan.FromSeconds(options.Quick ? 1 : 15);
        var warmUp = TimeSpan.FromSeconds(options.Quick ? 0.5 : 3);
        var codes = Directory.EnumerateFiles(options.Corpus, "*.txt").Select(Path.GetFileNameWithoutExtension).OfType<string>()
            .Select(n => n[(n.IndexOf('_') + 1)..]).Order(StringComparer.Ordinal).ToArray();

        var work = Path.Combine(options.OutFolder, "tmp", "proxy");
        if (Directory.Exists(work))
            Directory.Delete(work, recursive: true);
        Directory.CreateDirectory(work);
        await using var postgres = await ThrowawayPostgreSql.StartAsync();
        var connectionString = postgres.ConnectionString(Database);
        var importStarted = Stopwatch.GetTimestamp();
        await using (var services = new ServiceCollection().AddCptKbCore(KbDatabaseProvider.PostgreSQL, connectionString).BuildServiceProvider())
        {
            await services.GetRequiredService<KbDatabase>().InitializeAsync();
            var report = await services.GetRequiredService<Importer>().ImportFolderAsync(options.Corpus);
            if (report.Status != ImportRunStatus.Succeeded || report.Failed != 0)
                throw new InvalidOperationException($"proxy bench import: {report.Status} {report.Error}; {report.Failed} failed");
        }
        var importSeconds = Stopwatch.GetElapsedTime(importStarted).TotalSeconds;
        output.WriteLine($"  PostgreSQL on 127.0.0.1:{postgres.Port} ({postgres.SettingsText}): {codes.Length:N0} documents imported in {Format.Seconds(importSeconds)}");
        await ExecuteAsync(postgres, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements;");

        var nodes = new List<WebAppProcess>();
        WebAppProcess? proxy = null;
        var loads = new List<Load>();
        var direct = new List<Direct>();
        try
        {
            foreach (var nodeCount in NodeCounts)
            {
                while (nodes.Count < nodeCount)
                {
                    var name = $"node{nodes.Count + 1}";
                    nodes.Add(await WebAppProcess.StartAsync(Path.Combine(RepoPaths.WebOutput, "CptKb.Web.dll"), TimeSpan.FromMinutes(2),
                    [
                        "--Kb:Database:Provider=PostgreSQL", $"--ConnectionStrings:Kb={postgres.ConnectionString(Database, $"cptkb-{name}")}",
                        $"--Kb:SeedsPath={options.Corpus}", "--Kb:ImportOnStartup=false", "--Kb:WatchSeeds=false",
                    ]));
                }
                if (proxy is not null)
                    await proxy.DisposeAsync();
                proxy = null;
                proxy = await StartProxyAsync(proxyDll, nodes, work);
                output.WriteLine($"  {nodeCount} node{(nodeCount == 1 ? "" : "s")} behind the proxy at {proxy.BaseAddress}");
                foreach (var clients in Concurrency)
                {
                    var load = await LoadAsync(postgres, proxy, nodes, codes, clients, warmUp, duration);
                    loads.Add(load);
                    output.WriteLine($"    {clients} clients: {load.RequestsPerSecond:N0} pages/s, p50 {Format.Ms(load.P50Ms)}, p95 {Format.Ms(load.P95Ms)}, " +
                                     $"{load.StatementsPerPage:0.0} statements a page{(load.Errors > 0 ? $", {load.Errors} FAILED" : "")}");
                }
            }
        }
        finally
        {
            if (proxy is not null)
                await proxy.DisposeAsync();
            foreach (var node in nodes)
                await node.DisposeAsync();
        }

        // With no node running: the page's own queries, straight from here, at the same concurrency.
        foreach (var clients in Concurrency)
            direct.Add(await DirectAsync(postgres, connectionString, codes, clients, warmUp, duration));
        Directory.Delete(work, recursive: true);

        return Report(loads, direct, codes.Length, importSeconds, postgres.SettingsText, duration, warmUp);
    }

    /// <summary>
    /// The proxy with its own configuration file, only the nodes replaced by the ones running (its file names two nodes on
    /// fixed ports, and settings can add destinations but not take one away); ready once its health check sees every node.
    /// </summary>
    private static async Task<WebAppProcess> StartProxyAsync(string proxyDll, IReadOnlyList<WebAppProcess> nodes, string work)
    {
        var settings = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Path.GetDirectoryName(proxyDll)!, "appsettings.json")))
            ?? throw new InvalidOperationException("the proxy's appsettings.json is empty");
        var destinations = new System.Text.Json.Nodes.JsonObject();
        for (var i = 0; i < nodes.Count; i++)
            destinations[$"node{i + 1}"] = new System.Text.Json.Nodes.JsonObject { ["Address"] = nodes[i].BaseAddress.ToString() };
        settings["ReverseProxy"]!["Clusters"]!["cptkb"]!["Destinations"] = destinations;
        var contentRoot = Path.Combine(work, $"proxy-{nodes.Count}");
        Directory.CreateDirectory(contentRoot);
        await File.WriteAllTextAsync(Path.Combine(contentRoot, "appsettings.json"), settings.ToJsonString());
        var proxy = await WebAppProcess.StartAsync(proxyDll, TimeSpan.FromMinutes(1), ["--contentRoot", contentRoot], healthPath: "proxy/health");
        using var http = new HttpClient { BaseAddress = proxy.BaseAddress };
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var health = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync("proxy/health"));
            var healthy = health?["nodes"]?.AsArray().Count(n => n?["state"]?.GetValue<string>() == "healthy") ?? 0;
            if (healthy == nodes.Count)
                return proxy;
            if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(30))
            {
                await proxy.DisposeAsync();
                throw new TimeoutException($"the proxy saw {healthy} of {nodes.Count} nodes healthy after 30 s: {health}");
            }
            await Task.Delay(200);
        }
    }

    private static async Task<Load> LoadAsync(
        ThrowawayPostgreSql postgres, WebAppProcess proxy, IReadOnlyList<WebAppProcess> nodes, string[] codes, int clients, TimeSpan warmUp, TimeSpan duration)
    {
        // Each client its own handler: one connection and its own cookies, as a browser has, so affinity holds per client.
        var handlers = Enumerable.Range(0, clients).Select(_ => new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = true,
            CookieContainer = new CookieContainer(),
        }).ToArray();
        var http = handlers.Select(h => new HttpClient(h) { BaseAddress = proxy.BaseAddress, Timeout = TimeSpan.FromSeconds(60) }).ToArray();
        try
        {
            await Phase(http, codes, warmUp, seed: 1);
            await ExecuteAsync(postgres, "SELECT pg_stat_statements_reset();");
            var databaseCpu = postgres.CpuSeconds();
            var nodeCpu = nodes.Select(n => ProcessCpu.Seconds(n.ProcessId)).ToArray();
            var proxyCpu = ProcessCpu.Seconds(proxy.ProcessId);
            var (seconds, latencies, errors) = await Phase(http, codes, duration, seed: 2);
            var statements = await StatementsAsync(postgres);
            return new Load(nodes.Count, clients, seconds, latencies.Length, errors,
                Stats.PercentileOfSorted(latencies, 50), Stats.PercentileOfSorted(latencies, 95), statements,
                postgres.CpuSeconds() - databaseCpu, [.. nodes.Select((n, i) => ProcessCpu.Seconds(n.ProcessId) - nodeCpu[i])],
                ProcessCpu.Seconds(proxy.ProcessId) - proxyCpu);
        }
        finally
        {
            foreach (var client in http)
                client.Dispose();
            foreach (var handler in handlers)
                handler.Dispose();
        }
    }

    /// <summary>Every client GETs random articles' pages, reading each body to its end, until the time is up.</summary>
    private static async Task<(double Seconds, double[] Latencies, int Errors)> Phase(HttpClient[] clients, string[] codes, TimeSpan duration, int seed)
    {
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = clients.Select((http, c) => Task.Run(async () =>
        {
            var random = new Random(seed * 1000 + c);
            var latencies = new List<double>(4096);
            var errors = 0;
            var buffer = new byte[64 * 1024];
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.GetAsync($"codes/{codes[random.Next(codes.Length)]}", HttpCompletionOption.ResponseHeadersRead);
                    await using var body = await response.Content.ReadAsStreamAsync();
                    while (await body.ReadAsync(buffer) > 0)
                    {
                    }
                    if (!response.IsSuccessStatusCode)
                        errors++;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                {
                    errors++;
                }
                latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            }
            return (latencies, errors);
        })).ToArray();
        var results = await Task.WhenAll(workers);
        return (Stopwatch.GetElapsedTime(started).TotalSeconds, [.. results.SelectMany(r => r.latencies).Order()], results.Sum(r => r.errors));
    }

    /// <summary>The queries an article page makes (the article, its neighbours, related codes, latest revision), as the page makes them, with no HTTP or rendering.</summary>
    private static async Task<Direct> DirectAsync(ThrowawayPostgreSql postgres, string connectionString, string[] codes, int clients, TimeSpan warmUp, TimeSpan duration)
    {
        await using var services = new ServiceCollection().AddCptKbCore(KbDatabaseProvider.PostgreSQL, connectionString).BuildServiceProvider();
        var articles = services.GetRequiredService<ArticleQueries>();
        var codeQueries = services.GetRequiredService<CodeQueries>();
        var changes = services.GetRequiredService<ChangeQueries>();
        async Task<(double Seconds, int Pages)> Run(TimeSpan length, int seed)
        {
            var started = Stopwatch.GetTimestamp();
            var deadline = started + (long)(length.TotalSeconds * Stopwatch.Frequency);
            var counts = await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
            {
                var random = new Random(seed * 1000 + c);
                var pages = 0;
                while (Stopwatch.GetTimestamp() < deadline)
                {
                    var document = await articles.GetAsync(codes[random.Next(codes.Length)])
                        ?? throw new InvalidOperationException("a corpus code was not found in the store");
                    await codeQueries.NeighboursAsync(document.Article.Code);
                    await codeQueries.RelatedAsync(document.Article);
                    await changes.LatestAsync(document.Article.Code);
                    pages++;
                }
                return pages;
            })));
            return (Stopwatch.GetElapsedTime(started).TotalSeconds, counts.Sum());
        }
        await Run(warmUp, 1);
        await ExecuteAsync(postgres, "SELECT pg_stat_statements_reset();");
        var cpu = postgres.CpuSeconds();
        var (seconds, pages) = await Run(duration, 2);
        return new Direct(clients, seconds, pages, await StatementsAsync(postgres), postgres.CpuSeconds() - cpu);
    }

    private static BenchResult Report(List<Load> loads, List<Direct> direct, int documents, double importSeconds, string settings, TimeSpan duration, TimeSpan warmUp)
    {
        var figures = new List<Figure>();
        var notes = new List<string>();
        foreach (var load in loads)
        {
            var single = loads.FirstOrDefault(l => l.Nodes == 1 && l.Clients == load.Clients);
            figures.Add(new Figure("proxy", $"article page through the proxy, {load.Nodes} node{(load.Nodes == 1 ? "" : "s")}, {load.Clients} clients (pages/s; p50 / p95)",
                $"{load.RequestsPerSecond:N0}/s; {Format.Ms(load.P50Ms)} / {Format.Ms(load.P95Ms)}{(load.Errors > 0 ? $"; {load.Errors} FAILED" : "")}",
                load.Nodes == 1 || single is null ? null : $"1 node: {single.RequestsPerSecond:N0}/s; {Format.Ms(single.P50Ms)} / {Format.Ms(single.P95Ms)}",
                load.Nodes == 1 || single is null ? null : $"{load.RequestsPerSecond / single.RequestsPerSecond:0.00}x pages/s"));
            figures.Add(new Figure("proxy", $"  database during it: statements per page; statements/s answered; PostgreSQL CPU per page",
                $"{load.StatementsPerPage:0.0}; {load.Statements / load.Seconds:N0}/s; {load.DatabaseCpuMsPerPage:0.00} ms"));
            notes.Add($"{load.Nodes} node(s), {load.Clients} clients: CPU seconds in the {load.Seconds:0.0} s: nodes {string.Join(" + ", load.NodeCpuSeconds.Select(s => s.ToString("0.0")))}, " +
                      $"proxy {load.ProxyCpuSeconds:0.0}, PostgreSQL {load.DatabaseCpuSeconds:0.0} (the clients run in the bench process)");
        }
        foreach (var d in direct)
        {
            figures.Add(new Figure("proxy", $"the article page's queries straight to PostgreSQL, {d.Clients} at once, no node (page's worth/s; statements/s)",
                $"{d.PagesPerSecond:N0}/s; {d.StatementsPerSecond:N0}/s",
                null, null, null, null));
            notes.Add($"direct, {d.Clients} at once: {(double)d.Statements / Math.Max(1, d.Pages):0.0} statements a page's worth, PostgreSQL CPU {d.DatabaseCpuSeconds * 1000 / Math.Max(1, d.Pages):0.00} ms a page's worth " +
                      "(ArticleQueries.GetAsync, CodeQueries.NeighboursAsync and RelatedAsync, ChangeQueries.LatestAsync, as the page calls them, each process with its own parsed-article cache)");
        }
        // On paper: N nodes on N machines carry N times one node's pages until the database's own ceiling.
        var oneNode = loads.Where(l => l.Nodes == 1).MaxBy(l => l.RequestsPerSecond);
        var ceiling = loads.Where(l => l.DatabaseCpuMsPerPage > 0).Select(l => 1000.0 * Environment.ProcessorCount / l.DatabaseCpuMsPerPage).DefaultIfEmpty(0).Min();
        var bestDirect = direct.MaxBy(d => d.PagesPerSecond);
        if (oneNode is not null && ceiling > 0)
        {
            var nodesToCeiling = ceiling / oneNode.RequestsPerSecond;
            figures.Add(new Figure("proxy", "on paper: N nodes on N machines, each as one node here, until the database's CPU is full",
                $"{oneNode.RequestsPerSecond:N0} pages/s per node; database ceiling about {ceiling:N0} pages/s (about {nodesToCeiling:0.#} nodes)",
                bestDirect is null ? null : $"page's queries direct: {bestDirect.PagesPerSecond:N0}/s on this machine"));
            notes.Add($"the ceiling is {Environment.ProcessorCount} cores of a database machine like this one divided by PostgreSQL's measured CPU per page " +
                      "(the worst of the loads); the database is the one part every node shares. Here nodes, proxy, database and clients share the same cores, " +
                      "so two nodes cannot carry twice one node's pages: the 2-node rows show the proxy and affinity work, not the scaling");
        }
        notes.Add($"{documents:N0} documents imported once into PostgreSQL by CptKb's importer in {Format.Seconds(importSeconds)}; PostgreSQL 15 on loopback ({settings}); " +
                  $"each node CptKb.Web's build output in Production on PostgreSQL; the proxy CptKb.Proxy's; {duration.TotalSeconds:0.#} s per load after {warmUp.TotalSeconds:0.#} s of warm-up " +
                  "by the same clients; latency from sending the GET of /codes/{code} (a random code of the corpus) to the last byte of its HTML; statements counted by pg_stat_statements");
        return new BenchResult("proxy", figures, notes, new { documents, importSeconds, loads, direct });
    }

    private static async Task ExecuteAsync(ThrowawayPostgreSql postgres, string sql)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Statements the bench's database has answered since the last reset.</summary>
    private static async Task<long> StatementsAsync(ThrowawayPostgreSql postgres)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT COALESCE(SUM(s.calls), 0)::bigint FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = @name;", connection);
        command.Parameters.AddWithValue("name", Database);
        return (long)(await command.ExecuteScalarAsync() ?? 0L);
    }
}
