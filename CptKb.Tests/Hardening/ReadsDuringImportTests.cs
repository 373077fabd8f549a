using System.Collections.Concurrent;
using System.Text.Json;
using CptKb.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace CptKb.Tests.Hardening;

/// <summary>
/// Pages, the API and search read by several clients while the import command imports a large folder into the app's
/// database: the way content is replaced while the app serves it.
/// </summary>
[Collection(AppProcessesCollection.Name)]
public sealed class ReadsDuringImportTests(ITestOutputHelper output) : IDisposable
{
    private const int Before = 200;
    private const int After = 1000;
    private const int Readers = 4;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "cptkb-tests", "reads-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Readers_get_whole_answers_and_never_a_locked_database_while_an_import_runs()
    {
        var database = Path.Combine(_root, "kb.db");
        var first = Path.Combine(_root, "first");
        var second = Path.Combine(_root, "second");
        GeneratedCorpus.Write(first, Before, "first");
        // Every stored article is rewritten by the import, and many are added.
        GeneratedCorpus.Write(second, After, "second");
        await StoredFile.ImportAsync(first, database);

        await using var app = await LiveApp.StartAsync(new LiveAppOptions
        {
            DatabasePath = database,
            SeedsFolder = first,
            // This test is about the store, not the per-client limits: every reader here comes from 127.0.0.1.
            Settings =
            {
                ["Kb:ImportOnStartup"] = "false",
                ["Kb:RateLimit:ApiPerMinute"] = "1000000",
                ["Kb:RateLimit:SearchPerMinute"] = "1000000",
            },
        });

        var problems = new ConcurrentQueue<string>();
        var duringImport = 0;
        var total = 0;
        var importing = false;
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
                var duringThisImport = Volatile.Read(ref importing);
                try
                {
                    using var response = await client.GetAsync(path, stop.Token);
                    var body = await response.Content.ReadAsStringAsync(stop.Token);
                    Interlocked.Increment(ref total);
                    if (duringThisImport)
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
        // Every reader warms up (a first round of each kind of request) before the import starts, so the import meets
        // readers at full speed however slow the machine is.
        while (Volatile.Read(ref total) < Readers * 6 && !stop.IsCancellationRequested)
            await Task.Delay(50);
        Volatile.Write(ref importing, true);
        int exit;
        string importLog;
        await using (var import = KbProcess.Start(["import", "--source", second, $"--ConnectionStrings:Kb=Data Source={database}"]))
        {
            exit = await import.WaitForExitAsync(TimeSpan.FromSeconds(90));
            importLog = import.Log;
        }
        Volatile.Write(ref importing, false);
        // A last round of reads over the new content, then stop.
        await Task.Delay(1000);
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        await app.StopAsync();

        output.WriteLine($"{duringImport} of {total} reads overlapped the import");
        Assert.True(exit == 0, importLog);
        Assert.Contains($"{After - Before} imported, {Before} updated", importLog);
        Assert.True(duringImport >= 3 * Readers, $"only {duringImport} of {total} reads overlapped the import");
        Assert.Empty(problems.Distinct().Take(20));
        Assert.DoesNotContain("database is locked", app.Log + importLog, StringComparison.OrdinalIgnoreCase);
        Assert.False(app.Log.Contains("fail:", StringComparison.Ordinal), app.Log);
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
            var count = JsonDocument.Parse(body).RootElement.GetProperty("total").GetInt32();
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
