using System.Diagnostics;
using System.Text.Json;
using CptKb.Bench.Harness;
using CptKb.Bench.Pages;

namespace CptKb.Bench.Watch;

/// <summary>
/// The watched folder: the real app watching a copy of the corpus; one file at a time gets a new title, and the time from
/// the end of the write to the API serving the new title is measured (debounce, stability wait and import included).
/// </summary>
internal static class WatchBench
{
    public const double TargetMedianSeconds = 5;

    public static async Task<BenchResult> RunAsync(BenchOptions options, TextWriter output)
    {
        var work = Path.Combine(options.OutFolder, "tmp", "watch");
        if (Directory.Exists(work))
            Directory.Delete(work, recursive: true);
        var seeds = Path.Combine(work, "seeds");
        Directory.CreateDirectory(seeds);
        // A copy: the edits must not change the corpus the other benches reuse.
        foreach (var file in Directory.EnumerateFiles(options.Corpus, "*.txt"))
            File.Copy(file, Path.Combine(seeds, Path.GetFileName(file)));

        var edits = options.Quick ? 3 : 20;
        await using var app = await WebAppProcess.StartAsync(seeds, Path.Combine(work, "app.db"), TimeSpan.FromMinutes(10), "--Kb:WatchSeeds=true");
        output.WriteLine($"  app ready (start-up import of the corpus) in {app.ReadySeconds:0.0} s; {edits} edits follow");
        using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var names = Directory.EnumerateFiles(seeds, "*.txt").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        var step = Math.Max(1, names.Count / edits);
        var seconds = new List<double>();
        var missed = 0;
        for (var i = 0; i < edits; i++)
        {
            var name = names[(i * step) % names.Count];
            var code = Path.GetFileNameWithoutExtension(name)[(name.IndexOf('_') + 1)..];
            var path = Path.Combine(seeds, name);
            var marker = $"(edit {i})";
            var lines = File.ReadAllLines(path);
            var title = Array.FindIndex(lines, l => l.StartsWith($"CPT {code}:", StringComparison.Ordinal));
            lines[title] += " " + marker;
            File.WriteAllText(path, string.Join('\n', lines) + "\n");
            var written = Stopwatch.GetTimestamp();
            var seen = false;
            while (Stopwatch.GetElapsedTime(written) < TimeSpan.FromSeconds(60))
            {
                if (await TitleAsync(http, code) is { } served && served.EndsWith(marker, StringComparison.Ordinal))
                {
                    seen = true;
                    break;
                }
                await Task.Delay(50);
            }
            if (seen)
                seconds.Add(Stopwatch.GetElapsedTime(written).TotalSeconds);
            else
                missed++;
            // Each edit its own burst: the next begins after this one was imported.
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        var median = Stats.Median(seconds);
        var figures = new List<Figure>
        {
            new("watch", $"changed file visible in the app (median of {seconds.Count} edits{(missed > 0 ? $"; {missed} NOT SEEN within 60 s" : "")})",
                seconds.Count == 0 ? "not seen" : Format.Seconds(median), null, null, $"< {TargetMedianSeconds} s",
                seconds.Count == edits && median < TargetMedianSeconds),
            new("watch", "slowest edit", seconds.Count == 0 ? "-" : Format.Seconds(seconds.Max())),
        };
        List<string> notes =
        [
            $"{names.Count:N0} files watched; the default debounce (0.5 s) and stability wait (0.5 s) are part of each figure",
        ];
        return new BenchResult("watch", figures, notes, new { seconds, missed, files = names.Count });
    }

    private static async Task<string?> TitleAsync(HttpClient http, string code)
    {
        try
        {
            using var response = await http.GetAsync($"api/articles/{code}");
            if (!response.IsSuccessStatusCode)
                return null;
            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
            return json.RootElement.GetProperty("title").GetString();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }
}
