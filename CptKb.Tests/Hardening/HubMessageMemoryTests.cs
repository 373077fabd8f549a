using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using CptKb.Tests.TestSupport;
using CptKb.Web.Rendering;
using CptKb.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace CptKb.Tests.Hardening;

/// <summary>
/// Circuit connections that send half of the largest message the app accepts and then go away: while they are open the
/// app must hold their bytes, but once they close it must give the memory back. Measured in this process (the app runs
/// in it on real Kestrel), alone, so no other test's allocations blur the live heap.
/// </summary>
[Collection(MemoryMeasurementCollection.Name)]
public sealed class HubMessageMemoryTests(ITestOutputHelper output)
{
    private const int Connections = 200;

    // Twice what the pools of a quiet app keep on this machine; 200 held half-messages of the old 1 MB limit held 18 MB and more.
    private const long ToleranceBytes = 6 * 1024 * 1024;

    [Fact]
    public async Task Half_sent_hub_messages_hold_no_memory_once_their_connections_close()
    {
        var root = Path.Combine(Path.GetTempPath(), "cptkb-tests", "memory-" + Guid.NewGuid().ToString("N"));
        FixtureCorpus.CopyTo(Path.Combine(root, "seeds"));
        await using var app = await StartAsync(root);
        var origin = new Uri(app.Urls.First());

        // Warm up: code compiled, pools at their resting size, circuits' own caches filled.
        await SendHalfMessagesAsync(origin, 20);
        var baseline = LiveHeapBytes();

        await SendHalfMessagesAsync(origin, Connections);
        var after = LiveHeapBytes();

        output.WriteLine($"live heap {baseline / 1024.0 / 1024.0:0.0} MB before, {after / 1024.0 / 1024.0:0.0} MB after {Connections} half-sent messages of {ReadingLimits.MaxMessageBytes / 1024} KB");
        Assert.True(after - baseline < ToleranceBytes,
            $"{Connections} closed connections left {(after - baseline) / 1024.0 / 1024.0:0.0} MB on the live heap ({baseline / 1024.0 / 1024.0:0.0} MB before, {after / 1024.0 / 1024.0:0.0} MB after)");
    }

    /// <summary>
    /// The app built as Program.cs builds it (so its services are registered in the same order), on real Kestrel on a
    /// free port, in this process; ready once the start-up import is done. The folder is deleted when the app stops.
    /// </summary>
    private static async Task<WebApplication> StartAsync(string root)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Production",
            ApplicationName = typeof(Program).Assembly.GetName().Name,
            ContentRootPath = KbProcess.WebOutputFolder(),
        });
        builder.Configuration["ConnectionStrings:Kb"] = $"Data Source={Path.Combine(root, "kb.db")}";
        builder.Configuration["Kb:SeedsPath"] = Path.Combine(root, "seeds");
        builder.Configuration["Kb:WatchSeeds"] = "false";
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddCptKb();
        var app = builder.Build();
        app.MapCptKb();
        app.Lifetime.ApplicationStopped.Register(() =>
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // The OS cleans the temp folder.
            }
        });
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await client.GetAsync("/health")).StatusCode != System.Net.HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, "the app did not become healthy");
            await Task.Delay(50);
        }
        return app;
    }

    /// <summary>
    /// Opens <paramref name="count"/> circuit connections at once; each completes the handshake, sends the first half of a
    /// message as long as the app allows (a MessagePack length prefix and half the body), waits until all have, then closes.
    /// </summary>
    private static async Task SendHalfMessagesAsync(Uri origin, int count)
    {
        using var http = new HttpClient { BaseAddress = origin };
        var declared = (int)ReadingLimits.MaxMessageBytes - 8;
        var half = new byte[declared / 2];
        var prefixLength = WriteLength(half, declared);
        half.AsSpan(prefixLength).Fill((byte)'a');
        var allSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sent = 0;

        async Task OneAsync()
        {
            using var negotiate = await http.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
            negotiate.EnsureSuccessStatusCode();
            var token = JsonDocument.Parse(await negotiate.Content.ReadAsStringAsync()).RootElement.GetProperty("connectionToken").GetString();
            using var socket = new ClientWebSocket();
            await socket.ConnectAsync(new Uri($"ws://{origin.Authority}/_blazor?id={token}"), CancellationToken.None);
            await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"blazorpack\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, CancellationToken.None);
            await socket.ReceiveAsync(new byte[1024], CancellationToken.None);
            for (var offset = 0; offset < half.Length; offset += 16 * 1024)
            {
                var length = Math.Min(16 * 1024, half.Length - offset);
                await socket.SendAsync(half.AsMemory(offset, length), WebSocketMessageType.Binary, offset + length == half.Length, CancellationToken.None);
            }
            if (Interlocked.Increment(ref sent) == count)
                allSent.SetResult();
            await allSent.Task.WaitAsync(TimeSpan.FromSeconds(60));
            socket.Abort();
        }

        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => Task.Run(OneAsync)));
        // The server notices each close on its own schedule; give it a moment to tear the connections down.
        await Task.Delay(TimeSpan.FromSeconds(2));
    }

    // A MessagePack-framed hub message starts with its length as a base-128 varint.
    private static int WriteLength(byte[] buffer, int length)
    {
        var i = 0;
        do
        {
            var b = (byte)(length & 0x7f);
            length >>= 7;
            buffer[i++] = (byte)(length > 0 ? b | 0x80 : b);
        }
        while (length > 0);
        return i;
    }

    private static long LiveHeapBytes()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}

/// <summary>Tests that read this process's live heap: they run alone, after every other test, so nothing else allocates meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurementCollection
{
    public const string Name = "Memory measured in this process";
}
