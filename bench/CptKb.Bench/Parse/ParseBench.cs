using System.Text;
using CptKb.Bench.Harness;
using CptKb.Core.Parsing;
using Markdig;

namespace CptKb.Bench.Parse;

/// <summary>
/// CptKb's <see cref="PublicationParser.Parse(string)"/> against its limit, a bare <see cref="Markdown.Parse(string, MarkdownPipeline?)"/>
/// with the same pipeline over the same texts: one thread, texts already in memory, rounds alternated, median taken.
/// </summary>
internal static class ParseBench
{
    public const double TargetRatio = 2.5;

    public static BenchResult Run(BenchOptions options)
    {
        var texts = Directory.EnumerateFiles(options.Corpus, "*.txt").Order(StringComparer.Ordinal)
            .Select(f => Encoding.UTF8.GetString(File.ReadAllBytes(f))).ToArray();
        var rounds = options.Quick ? 2 : texts.Length >= 50_000 ? 3 : 5;

        var failed = 0;
        var warnings = 0;
        var unexpected = 0;
        void Markdig()
        {
            foreach (var text in texts)
                Markdown.Parse(text, PublicationParser.Pipeline);
        }
        void CptKb()
        {
            failed = warnings = unexpected = 0;
            foreach (var text in texts)
            {
                var result = PublicationParser.Parse(text);
                if (!result.Succeeded)
                    failed++;
                warnings += result.Warnings.Count;
                // The generator only writes short modifier rows on purpose; anything else is a generator or parser bug.
                unexpected += result.Warnings.Count(w => !w.Message.EndsWith("has 2 of 3 cells; missing: When to Use", StringComparison.Ordinal));
            }
        }

        // Warm-up: enough calls for tiered JIT to reach its optimized code in both.
        Markdig();
        CptKb();
        var markdig = new List<double>();
        var cptkb = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            markdig.AddRange(Rounds.Measure(0, 1, Markdig));
            cptkb.AddRange(Rounds.Measure(0, 1, CptKb));
        }
        var markdigBytes = AllocatedPerDocument(texts, t => Markdown.Parse(t, PublicationParser.Pipeline));
        var cptkbBytes = AllocatedPerDocument(texts, t => PublicationParser.Parse(t));

        var stages = ParserStages.Measure(texts, options.Quick ? 1 : 3);

        var m = Stats.Median(markdig);
        var c = Stats.Median(cptkb);
        var n = texts.Length;
        var ratio = c / m;
        var figures = new List<Figure>
        {
            new("parse", $"{n:N0} docs, one thread, median of {rounds}", Format.Seconds(c), Format.Seconds(m) + " (Markdig.Parse)", Format.Ratio(c, m), $"<= {TargetRatio}x", ratio <= TargetRatio),
            new("parse", "documents per second", Format.Rate(n / c, "docs"), Format.Rate(n / m, "docs")),
            new("parse", "microseconds per document", $"{c / n * 1e6:0} us", $"{m / n * 1e6:0} us"),
            new("parse", "allocated per document", $"{cptkbBytes / 1024.0:0} KB", $"{markdigBytes / 1024.0:0} KB"),
        };
        var notes = new List<string>();
        string Part(double seconds) => $"{seconds / stages.TotalSeconds:P0} ({seconds / n * 1e6:0} us/doc)";
        notes.Add($"where the parser's time goes: key payers sentence {Part(stages.KeyPayersSeconds)}, reading the text into sections, facts, " +
                  $"the modifier table and gaps {Part(stages.ReadSeconds)}, normalizing and assembling the article (payer stances included) {Part(stages.AssembleSeconds)}");
        if (failed > 0)
            notes.Add($"{failed} documents failed to parse");
        notes.Add($"{warnings:N0} parser warnings over {n:N0} documents, all for the generator's short modifier rows except {unexpected:N0}");
        return new BenchResult("parse", figures, notes, new
        {
            documents = n,
            rounds,
            markdigSeconds = markdig,
            cptkbSeconds = cptkb,
            markdigMedian = m,
            cptkbMedian = c,
            ratio,
            markdigAllocatedBytesPerDoc = markdigBytes,
            cptkbAllocatedBytesPerDoc = cptkbBytes,
            failed,
            warnings,
            unexpectedWarnings = unexpected,
            stages,
        });
    }

    private static double AllocatedPerDocument(string[] texts, Action<string> parse)
    {
        var sample = texts.Take(2000).ToArray();
        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var text in sample)
            parse(text);
        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)sample.Length;
    }
}
