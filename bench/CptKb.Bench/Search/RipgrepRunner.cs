using System.Diagnostics;
using System.Text;
using CptKb.Bench.Harness;

namespace CptKb.Bench.Search;

/// <summary>
/// ripgrep over the corpus folder: what a user does without a knowledge base. Each query is one shell pipeline that
/// a user would type: the first pattern lists matching files, each further pattern narrows the list through xargs,
/// excluded words drop files. rg is installed from Debian (<c>apt-get install ripgrep</c>) when missing.
/// </summary>
internal static class RipgrepRunner
{
    public static async Task<EngineResult> RunAsync(string corpus, IReadOnlyList<BenchQuery> queries, int iterations, int warmups)
    {
        if (await EnsureInstalledAsync() is { } problem)
            return new EngineResult("ripgrep", [], Note: problem);
        var timings = new List<QueryTiming>();
        foreach (var query in queries)
        {
            var pipeline = Translate(BenchQueries.Parse(query.Text), corpus);
            var samples = new List<double>();
            var hits = 0;
            for (var i = 0; i < warmups + iterations; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var (_, output, _) = await ChildProcess.ShellAsync(pipeline);
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                hits = output.Count(c => c == '\0');
                if (i >= warmups)
                    samples.Add(ms);
            }
            timings.Add(new QueryTiming(query.Kind, query.Text, pipeline.Replace(corpus, "DIR", StringComparison.Ordinal), hits, samples));
        }
        return new EngineResult("ripgrep", timings);
    }

    /// <summary>The query as an rg pipeline: case-insensitive, fixed strings where possible, regexes for prefixes, codes and ranges.</summary>
    public static string Translate(QueryParts q, string corpus)
    {
        var patterns = new List<(string Flags, string Pattern)>();
        patterns.AddRange(q.Words.Concat(q.Phrases).Select(w => ("-F", w)));
        patterns.AddRange(q.Prefixes.Select(p => ("", $@"\b{p}")));
        patterns.AddRange(q.Codes.Select(c => ("", $@"\b{c}\b")));
        patterns.AddRange(q.CodePrefixes.Select(p => ("", $@"\b{p}[0-9]{{{5 - p.Length}}}\b")));
        foreach (var (from, to) in q.Ranges)
            patterns.Add(("", $@"\b({string.Join('|', Enumerable.Range(from, to - from + 1).Select(n => n.ToString("D5")))})\b"));
        foreach (var (field, value) in q.Fields)
            patterns.Add(field == "mod" ? ("", $@"^{value} \|") : ("-F", value));

        var sb = new StringBuilder();
        for (var i = 0; i < patterns.Count; i++)
        {
            var (flags, pattern) = patterns[i];
            sb.Append(i == 0 ? "rg --no-ignore -l0 -i " : " | xargs -0r rg --no-ignore -l0 -i ");
            sb.Append(flags).Append(" -e ").Append(Quote(pattern));
            if (i == 0)
                sb.Append(' ').Append(Quote(corpus));
        }
        foreach (var word in q.Excluded)
            sb.Append(" | xargs -0r rg --no-ignore --files-without-match -0 -i -F -e ").Append(Quote(word));
        return sb.ToString();
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static async Task<string?> EnsureInstalledAsync()
    {
        if ((await ChildProcess.ShellAsync("command -v rg")).Code == 0)
            return null;
        if (Environment.UserName != "root")
            return "ripgrep is not installed (apt-get install ripgrep)";
        var (code, _, error) = await ChildProcess.ShellAsync("DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ripgrep || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ripgrep)");
        return code == 0 ? null : $"apt-get install ripgrep failed: {error.Trim()}";
    }
}
