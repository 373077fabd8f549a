using System.Diagnostics;
using CptKb.Bench.Harness;

namespace CptKb.Bench.Pages;

/// <summary>What one load level measured.</summary>
internal sealed record LoadResult(int Clients, double Seconds, int Requests, int Errors, double RequestsPerSecond, double P50Ms, double P99Ms, double MeanBytes);

/// <summary>
/// A closed-loop load: each of N clients sends GET after GET over its own keep-alive connection for a fixed time,
/// cycling through the URLs; latency is from sending to the last byte of the body.
/// </summary>
internal static class HttpLoad
{
    public static async Task<LoadResult> RunAsync(Uri baseAddress, IReadOnlyList<string> paths, int clients, TimeSpan duration, TimeSpan warmUp)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseCookies = false };
        using var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(120) };
        await Loop(http, paths, clients, warmUp);
        return await Loop(http, paths, clients, duration);
    }

    private static async Task<LoadResult> Loop(HttpClient http, IReadOnlyList<string> paths, int clients, TimeSpan duration)
    {
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, clients).Select(worker => Task.Run(async () =>
        {
            var latencies = new List<double>(4096);
            var errors = 0;
            long bytes = 0;
            var buffer = new byte[64 * 1024];
            for (var i = worker; Stopwatch.GetTimestamp() < deadline; i += clients)
            {
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.GetAsync(paths[i % paths.Count], HttpCompletionOption.ResponseHeadersRead);
                    await using var body = await response.Content.ReadAsStreamAsync();
                    int read;
                    while ((read = await body.ReadAsync(buffer)) > 0)
                        bytes += read;
                    if (!response.IsSuccessStatusCode)
                        errors++;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                {
                    errors++;
                }
                latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            }
            return (latencies, errors, bytes);
        })).ToArray();
        var results = await Task.WhenAll(workers);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var all = results.SelectMany(r => r.latencies).Order().ToArray();
        return new LoadResult(clients, seconds, all.Length, results.Sum(r => r.errors), all.Length / seconds,
            Stats.PercentileOfSorted(all, 50), Stats.PercentileOfSorted(all, 99), all.Length == 0 ? 0 : results.Sum(r => r.bytes) / (double)all.Length);
    }
}
