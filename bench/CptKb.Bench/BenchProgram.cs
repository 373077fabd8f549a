using CptKb.Bench.Changes;
using CptKb.Bench.Circuits;
using CptKb.Bench.Compare;
using CptKb.Bench.Exports;
using CptKb.Core.Samples;
using CptKb.Bench.Harness;
using CptKb.Bench.Import;
using CptKb.Bench.Matrix;
using CptKb.Bench.Pages;
using CptKb.Bench.Parse;
using CptKb.Bench.Relevance;
using CptKb.Bench.Search;
using CptKb.Bench.Watch;

namespace CptKb.Bench;

/// <summary>One run: the corpus, then each chosen bench in a fixed order, then the table and the JSON.</summary>
internal static class BenchProgram
{
    public static async Task<BenchReport> RunAsync(BenchOptions options, TextWriter output)
    {
        Directory.CreateDirectory(options.OutFolder);
        var machine = MachineInfo.Read();
        output.WriteLine($"CptKb bench: {options.Docs:N0} documents{(options.Quick ? " (quick)" : "")}, benches {string.Join(",", options.Only)}");
        output.WriteLine($"machine: {machine.Cores} cores, {machine.Memory}, {machine.Cpu}; {machine.Runtime}; commit {machine.Commit}{(machine.Dirty ? " (uncommitted changes)" : "")}");

        var corpus = PrepareCorpus(options, output);
        var results = new List<BenchResult>();
        async Task Step(string name, Func<Task<BenchResult>> run)
        {
            if (!options.Runs(name))
                return;
            var loadBefore = LoadAverage();
            output.WriteLine($"[{DateTime.Now:HH:mm:ss}] {name} ... (load average {loadBefore})");
            var result = await run();
            // The machine may be shared: the load around each bench says how much to trust its timings.
            result = result with { Notes = [.. result.Notes, $"load average (1/5/15 min) before: {loadBefore}; after: {LoadAverage()}"] };
            results.Add(result);
            foreach (var figure in result.Figures)
                output.WriteLine($"  {figure.Measure}: {figure.CptKb}{(figure.Limit is null ? "" : $" vs {figure.Limit}")}{(figure.Ratio is null ? "" : $" ({figure.Ratio})")}");
        }

        await Step("parse", () => Task.FromResult(ParseBench.Run(options)));
        await Step("import", () => ImportBench.RunAsync(options));
        await Step("search", () => SearchBench.RunAsync(options, output));
        await Step("relevance", () => RelevanceBench.RunAsync(options, output));
        await Step("huge", () => HugeDocumentBench.RunAsync(options, output));
        await Step("pages", () => PagesBench.RunAsync(options, output));
        await Step("circuits", () => CircuitsBench.RunAsync(options, output));
        await Step("watch", () => WatchBench.RunAsync(options, output));
        await Step("changes", () => ChangesBench.RunAsync(options, output));
        await Step("exports", () => ExportsBench.RunAsync(options, output));
        await Step("compare", () => CompareBench.RunAsync(options, output));
        await Step("matrix", () => MatrixBench.RunAsync(options, output));

        var command = "dotnet run -c Release --project bench/CptKb.Bench -- " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1));
        var report = new BenchReport(machine, command, corpus, results);
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var json = Path.Combine(options.OutFolder, $"results-{options.Docs}-{stamp}.json");
        await File.WriteAllTextAsync(json, report.ToJson());
        var table = report.ToTable();
        await File.WriteAllTextAsync(Path.ChangeExtension(json, ".md"), table);
        output.WriteLine();
        output.WriteLine(table);
        output.WriteLine($"JSON: {json}");
        return report;
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>Generates the corpus unless the folder already holds this size and seed (a marker file says so).</summary>
    private static CorpusInfo PrepareCorpus(BenchOptions options, TextWriter output)
    {
        var marker = Path.Combine(options.Corpus, ".cptkb-corpus");
        var expected = $"docs={options.Docs} seed={options.Seed} generator={CorpusGenerator.Version}";
        if (File.Exists(marker) && File.ReadAllText(marker).Trim() == expected)
        {
            var bytes = Directory.EnumerateFiles(options.Corpus, "*.txt").Sum(f => new FileInfo(f).Length);
            output.WriteLine($"corpus: reusing {options.Corpus}");
            return new CorpusInfo(options.Corpus, options.Docs, bytes, options.Seed);
        }
        if (Directory.Exists(options.Corpus))
            Directory.Delete(options.Corpus, recursive: true);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var total = new CorpusGenerator(options.Seed).WriteFolder(options.Corpus, options.Docs);
        File.WriteAllText(marker, expected);
        var info = new CorpusInfo(options.Corpus, options.Docs, total, options.Seed);
        output.WriteLine($"corpus: wrote {options.Docs:N0} documents, {total / 1024.0 / 1024.0:0.0} MB, {info.AverageBytes:0} bytes on average, " +
                         $"in {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s to {options.Corpus}");
        return info;
    }
}
