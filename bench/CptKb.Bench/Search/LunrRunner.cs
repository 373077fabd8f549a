using System.Globalization;
using System.Text.Json;
using CptKb.Bench.Harness;

namespace CptKb.Bench.Search;

/// <summary>
/// lunr 2.3.9, the search engine of many documentation sites, run by Node over the same documents: npm installs it
/// at run time into the bench's out folder (never committed); the index is built in memory, then each query timed.
/// </summary>
internal static class LunrRunner
{
    /// <summary>Above this many documents lunr is not run: its index of 100,000 takes more memory and minutes than a run can spare here.</summary>
    public const int MaxDocuments = 10_000;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "in", "is", "it", "not", "of", "on", "or", "the", "to", "with",
    };

    public static async Task<EngineResult> RunAsync(string corpus, IReadOnlyList<BenchQuery> queries, string toolsFolder, int iterations, int warmups)
    {
        var lunrFolder = Path.Combine(toolsFolder, "lunr");
        var module = Path.Combine(lunrFolder, "node_modules", "lunr");
        if (!Directory.Exists(module))
        {
            Directory.CreateDirectory(lunrFolder);
            var (code, _, error) = await ChildProcess.RunAsync("npm", ["install", "--no-audit", "--no-fund", "--prefix", lunrFolder, "lunr@2.3.9"], lunrFolder);
            if (code != 0)
                return new EngineResult("lunr", [], Note: $"npm install lunr@2.3.9 failed: {error.Trim()}");
        }
        var script = Path.Combine(lunrFolder, "lunr-bench.js");
        await using (var resource = typeof(LunrRunner).Assembly.GetManifestResourceStream("lunr-bench.js")
            ?? throw new InvalidOperationException("lunr-bench.js is not embedded"))
        await using (var file = File.Create(script))
            await resource.CopyToAsync(file);

        var translated = queries.Select(q => Translate(BenchQueries.Parse(q.Text))).ToList();
        var queriesFile = Path.Combine(lunrFolder, "queries.json");
        await File.WriteAllTextAsync(queriesFile, JsonSerializer.Serialize(translated));
        var (exit, output, stderr) = await ChildProcess.RunAsync("node",
            ["--max-old-space-size=16384", script, corpus, queriesFile, iterations.ToString(CultureInfo.InvariantCulture), warmups.ToString(CultureInfo.InvariantCulture)],
            lunrFolder, new Dictionary<string, string> { ["LUNR_PATH"] = module });
        if (exit != 0)
            return new EngineResult("lunr", [], Note: $"node exited with {exit}: {stderr.Trim()}");

        using var json = JsonDocument.Parse(output);
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        var timings = queries.Select((q, i) => new QueryTiming(q.Kind, q.Text, translated[i], results[i].GetProperty("hits").GetInt32(),
            [.. results[i].GetProperty("ms").EnumerateArray().Select(e => e.GetDouble())],
            results[i].GetProperty("error").ValueKind == JsonValueKind.String ? results[i].GetProperty("error").GetString() : null)).ToList();
        return new EngineResult("lunr", timings, json.RootElement.GetProperty("buildMs").GetDouble() / 1000, json.RootElement.GetProperty("heapBytes").GetInt64());
    }

    /// <summary>lunr's query string: every word required (+), phrases as their words (lunr has none), ranges as every code in them.</summary>
    public static string Translate(QueryParts q)
    {
        var terms = new List<string>();
        void Required(string field, string text)
        {
            foreach (var word in text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !StopWords.Contains(w)))
                terms.Add(field.Length == 0 ? $"+{word}" : $"+{field}:{word}");
        }
        q.Words.ToList().ForEach(w => Required("", w));
        q.Phrases.ToList().ForEach(p => Required("", p));
        terms.AddRange(q.Prefixes.Select(p => $"+{p.ToLowerInvariant()}*"));
        terms.AddRange(q.Codes.Select(c => $"+code:{c.ToLowerInvariant()}"));
        terms.AddRange(q.CodePrefixes.Select(p => $"+code:{p}*"));
        foreach (var (from, to) in q.Ranges)
            terms.AddRange(Enumerable.Range(from, to - from + 1).Select(n => $"code:{n:D5}"));
        foreach (var (field, value) in q.Fields)
        {
            switch (field)
            {
                case "payer": Required("payers", value); break;
                case "mod": Required("modifiers", value); break;
                case "section": break; // lunr knows documents, not their sections
                default: Required("", value); break;
            }
        }
        terms.AddRange(q.Excluded.Select(w => $"-{w.ToLowerInvariant()}"));
        return string.Join(' ', terms);
    }
}
