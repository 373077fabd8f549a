using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using CptKb.Tests.TestSupport;
using CptKb.Web.Hosting;
using Microsoft.Data.Sqlite;

namespace CptKb.Tests.Hardening;

/// <summary>Pages, the API and search read by several clients while the app imports a large folder at start-up.</summary>
[Collection(AppProcessesCollection.Name)]
public sealed class ReadsDuringImportTests : IDisposable
{
    private const int Before = 200;
    private const int After = 1200;
    private const int Readers = 4;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "cptkb-tests", "reads-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Readers_get_whole_answers_and_never_a_locked_database_while_an_import_runs()
    {
        var database = Path.Combine(_root, "kb.db");
        var first = Path.Combine(_root, "first");
        var seeds = Path.Combine(_root, "seeds");
        GeneratedCorpus.Write(first, Before, "first");
        // Every stored article is rewritten by the import the app starts with, and many are added.
        GeneratedCorpus.Write(seeds, After, "second");
        Assert.Equal(ImportCommand.ExitOk, await ImportCommand.RunAsync(["import", "--source", first, $"--ConnectionStrings:Kb=Data Source={database}"], TextWriter.Null));
        SqliteConnection.ClearAllPools();

        await using var app = await LiveApp.StartAsync(new LiveAppOptions
        {
            DatabasePath = database,
            SeedsFolder = seeds,
            WaitUntilHealthy = false,
            // This test is about the store, not the per-client limits: every reader here comes from 127.0.0.1.
            Settings = { ["Kb:RateLimit:ApiPerMinute"] = "1000000", ["Kb:RateLimit:SearchPerMinute"] = "1000000" },
        });

        var problems = new ConcurrentQueue<string>();
        var duringImport = 0;
        var total = 0;
        var importDone = false;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));

        async Task ReadAsync(int reader)
        {
            using var client = app.CreateClient();
            for (var n = reader; !stop.IsCancellationRequested; n++)
            {
                var index = n * 37 % Before;
                var code = GeneratedCorpus.Code(index);
                var path = (n % 6) switch
                {
                    0 => "/",
                    1 => "/codes",
                    2 => $"/codes/{code}",
                    3 => "/api/articles",
                    4 => "/api/search?q=graft",
                    _ => $"/api/articles/{code}",
                };
                var importing = !Volatile.Read(ref importDone);
                try
                {
                    using var response = await client.GetAsync(path, stop.Token);
                    var body = await response.Content.ReadAsStringAsync(stop.Token);
                    Interlocked.Increment(ref total);
                    if (importing)
                        Interlocked.Increment(ref duringImport);
                    if (!response.IsSuccessStatusCode)
                        problems.Enqueue($"{path}: {(int)response.StatusCode} {body[..Math.Min(300, body.Length)]}");
                    else if (Flicker(path, index, body) is { } flicker)
                        problems.Enqueue($"{path}: {flicker}");
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                }
                catch (HttpRequestException ex)
                {
                    problems.Enqueue($"{path}: {ex.Message}");
                }
            }
        }

        var readers = Enumerable.Range(0, Readers).Select(ReadAsync).ToList();
        using (var health = app.CreateClient())
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await health.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
                    break;
                await Task.Delay(100);
            }
        }
        Volatile.Write(ref importDone, true);
        // A last round of reads over the new content, then stop.
        await Task.Delay(1000);
        var timedOut = stop.IsCancellationRequested;
        await stop.CancelAsync();
        await Task.WhenAll(readers);

        await app.StopAsync();

        Assert.False(timedOut, "the import did not finish within 90 s:\n" + app.Log);
        Assert.True(duringImport >= 20, $"only {duringImport} of {total} reads overlapped the import");
        Assert.Empty(problems.Distinct().Take(20));
        Assert.DoesNotContain("database is locked", app.Log, StringComparison.OrdinalIgnoreCase);
        Assert.False(app.Log.Contains("fail:", StringComparison.Ordinal), app.Log);
        Assert.Contains($"{After - Before} imported, {Before} updated", app.Log);
    }

    /// <summary>What is wrong when an answer shows neither the content before the import nor the content after it.</summary>
    private static string? Flicker(string path, int index, string body)
    {
        if (path.StartsWith("/codes/", StringComparison.Ordinal) || path.StartsWith("/api/articles/", StringComparison.Ordinal))
        {
            return body.Contains(GeneratedCorpus.Title(index, "first"), StringComparison.Ordinal)
                || body.Contains(GeneratedCorpus.Title(index, "second"), StringComparison.Ordinal)
                ? null
                : "neither edition's title";
        }
        if (path == "/api/articles")
        {
            var count = JsonDocument.Parse(body).RootElement.GetArrayLength();
            return count is Before or After ? null : $"{count} articles, neither {Before} nor {After}";
        }
        return null;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }
}
