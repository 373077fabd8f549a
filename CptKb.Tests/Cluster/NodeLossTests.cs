using System.Diagnostics;
using CptKb.Tests.TestSupport;
using CptKb.Web.Components;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CptKb.Tests.Cluster;

/// <summary>
/// Two web nodes on one PostgreSQL database behind CptKb.Proxy, each a real process; one node is killed (SIGKILL) while
/// readers read through the proxy.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class NodeLossTests(Browser browser) : IClassFixture<Browser>
{
    private const int Articles = 20;
    private const string NodeHeader = "x-cptkb-node";

    [Fact]
    public async Task A_reader_whose_node_dies_gets_the_same_page_again_from_the_other_node_with_a_working_circuit()
    {
        await using var cluster = await TestCluster.StartAsync(seeds => GeneratedCorpus.Write(seeds, Articles));
        var context = await browser.Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = cluster.ProxyAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
        });
        try
        {
            var page = await context.NewPageAsync();
            var errors = new List<string>();
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                    errors.Add(message.Text);
            };
            var circuits = new List<string>();
            page.WebSocket += (_, socket) => circuits.Add(socket.Url);
            var code = GeneratedCorpus.Code(3);
            var address = new Uri(cluster.ProxyAddress, Links.Article(code)).ToString();
            var first = await page.GotoAsync(Links.Article(code)) ?? throw new InvalidOperationException("no response");
            var firstNode = await first.HeaderValueAsync(NodeHeader) ?? throw new InvalidOperationException("The proxy named no node");
            await Browser.WaitForInteractiveAsync(page);
            await SearchBoxAnswersAsync(page);

            var reload = page.WaitForResponseAsync(r => r.Request.IsNavigationRequest && r.Url == address, new() { Timeout = 60_000 });
            await cluster.Node(firstNode).KillAsync();
            var second = await reload;

            var secondNode = await second.HeaderValueAsync(NodeHeader);
            Assert.NotNull(secondNode);
            Assert.NotEqual(firstNode, secondNode);
            Assert.Equal(200, second.Status);
            await Browser.WaitForInteractiveAsync(page);
            Assert.Equal(address, page.Url);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = GeneratedCorpus.Title(3, "first") })).ToBeVisibleAsync();
            await Expect(page.Locator("#components-reconnect-modal")).Not.ToBeVisibleAsync();
            await Expect(page).Not.ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Error"));
            await SearchBoxAnswersAsync(page);
            await Browser.ScreenshotAsync(page, "cluster-after-node-loss");
            // Each circuit ran over a WebSocket through the proxy: the first one, and the new one after the reload.
            Assert.True(circuits.Count(u => u.StartsWith(cluster.ProxyAddress.ToString().Replace("http", "ws", StringComparison.Ordinal) + "_blazor", StringComparison.Ordinal)) >= 2,
                string.Join("\n", circuits));
            Assert.True(errors.Count == 0 || errors.All(e => e.Contains("WebSocket", StringComparison.OrdinalIgnoreCase) || e.Contains("connection", StringComparison.OrdinalIgnoreCase)),
                string.Join("\n", errors));
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"{ex.Message}\n{cluster.Logs}", ex);
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task Http_readers_see_no_failed_request_but_those_in_flight_on_the_node_that_dies()
    {
        const int readers = 4;
        await using var cluster = await TestCluster.StartAsync(seeds => GeneratedCorpus.Write(seeds, Articles));
        var clock = Stopwatch.StartNew();
        var requests = new List<Reading>();
        using var stop = new CancellationTokenSource();
        var loops = Enumerable.Range(0, readers).Select(r => Task.Run(async () =>
        {
            // Each reader has its own cookies, so the proxy spreads them over both nodes and keeps each on its node.
            using var client = cluster.CreateProxyClient();
            for (var i = r; !stop.IsCancellationRequested; i++)
            {
                var started = clock.Elapsed;
                string? node = null;
                string? failure = null;
                try
                {
                    using var response = await client.GetAsync(Links.Article(GeneratedCorpus.Code(i % Articles)));
                    node = response.Headers.TryGetValues(NodeHeader, out var values) ? values.Single() : null;
                    var body = await response.Content.ReadAsStringAsync();
                    if (!response.IsSuccessStatusCode || !body.Contains(GeneratedCorpus.Title(i % Articles, "first"), StringComparison.Ordinal))
                        failure = $"{(int)response.StatusCode} from {node ?? "no node"}";
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    failure = ex.Message;
                }
                lock (requests)
                    requests.Add(new Reading(started, clock.Elapsed, node, failure));
            }
        })).ToList();

        await WaitUntilAsync(() => Served("node1") >= 20 && Served("node2") >= 20, "both nodes to serve readers");
        var killStarted = clock.Elapsed;
        await cluster.Node("node1").KillAsync();
        var killed = clock.Elapsed;
        await WaitUntilAsync(() => ServedAfter(killed) >= 100, "readers to go on after the kill");
        await stop.CancelAsync();
        await Task.WhenAll(loops);

        var failed = requests.Where(r => r.Failure is not null).ToList();
        var report = string.Join("\n", failed.Select(f => $"{f.Started}..{f.Ended} {f.Failure} (kill {killStarted}..{killed})"));
        // Only a request already open on the node as it died may fail: started before the kill ended, ended after it began.
        Assert.All(failed, f => Assert.True(f.Started < killed && f.Ended > killStarted, report));
        Assert.True(failed.Count <= readers, report);
        var after = requests.Where(r => r.Started > killed).ToList();
        Assert.All(after, r => Assert.Equal("node2", r.Node));

        int Served(string node)
        {
            lock (requests)
                return requests.Count(r => r.Node == node && r.Failure is null);
        }

        int ServedAfter(TimeSpan time)
        {
            lock (requests)
                return requests.Count(r => r.Started > time && r.Failure is null);
        }

        async Task WaitUntilAsync(Func<bool> condition, string what)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (!condition())
            {
                if (DateTime.UtcNow > deadline)
                {
                    await stop.CancelAsync();
                    throw new TimeoutException($"Waited 60 s for {what}:\n{cluster.Logs}");
                }
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Typing in the app-bar search box shows hits: the circuit answers.</summary>
    private static async Task SearchBoxAnswersAsync(IPage page)
    {
        var box = page.Locator("#kb-search");
        await box.FillAsync("");
        await box.PressSequentiallyAsync("graft");
        await Expect(page.Locator("[data-testid=search-dropdown]")).ToContainTextAsync("Generated Bone Graft Procedure");
        await box.PressAsync("Escape");
    }

    private sealed record Reading(TimeSpan Started, TimeSpan Ended, string? Node, string? Failure);
}
