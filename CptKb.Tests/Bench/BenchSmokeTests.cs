using CptKb.Bench;
using Xunit.Abstractions;

namespace CptKb.Tests.Bench;

/// <summary>Runs the benchmark program's quick mode end to end so it cannot rot. Timings are printed, never asserted.</summary>
[Collection(BenchSmokeCollection.Name)]
public sealed class BenchSmokeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Quick_mode_runs_every_bench_and_writes_the_table_and_json()
    {
        var benches = BenchOptions.AllBenches.ToList();
        // Like the browser tests: without Chromium the circuits bench is left out, unless the run demands a browser.
        if (!File.Exists("/usr/bin/chromium") && Environment.GetEnvironmentVariable("CPTKB_REQUIRE_BROWSER") != "1")
            benches.Remove("circuits");
        // The proxy bench starts a PostgreSQL cluster, two nodes and the proxy four times over: it is run by hand with --quick.
        benches.Remove("proxy");
        var outFolder = Path.Combine(Path.GetTempPath(), "cptkb-bench-smoke", Guid.NewGuid().ToString("N"));
        var options = new BenchOptions { Docs = 300, Quick = true, OutFolder = outFolder, Only = benches };
        using var log = new StringWriter();
        try
        {
            var report = await BenchProgram.RunAsync(options, log);

            Assert.Equal(benches, report.Results.Select(r => r.Bench));
            Assert.All(report.Results, r => Assert.NotEmpty(r.Figures));
            // Quick mode searches with CptKb and raw FTS5 only: no npm or apt at test time.
            var search = Assert.Single(report.Results, r => r.Bench == "search");
            Assert.Contains(search.Notes, n => n.Contains("lunr and ripgrep not run", StringComparison.Ordinal));
            // The exports step times the JSON beside the CSV and says how it shows the file is streamed.
            var exports = Assert.Single(report.Results, r => r.Bench == "exports");
            Assert.Contains(exports.Figures, f => f.Measure.StartsWith("JSON of the whole code list", StringComparison.Ordinal));
            Assert.Contains(exports.Notes, n => n.Contains("Control: the same route", StringComparison.Ordinal));
            // Both engines side by side, each imported and searched.
            var engines = Assert.Single(report.Results, r => r.Bench == "engines");
            Assert.Contains(engines.Figures, f => f.Measure == "300 docs, SQLite: import into a fresh store");
            Assert.Contains(engines.Figures, f => f.Measure == "300 docs, PostgreSQL: import into a fresh store");
            Assert.Contains(engines.Figures, f => f.Measure.StartsWith("300 docs, PostgreSQL: search", StringComparison.Ordinal));
            Assert.Equal(300, report.Corpus.Documents);
            var json = Assert.Single(Directory.GetFiles(outFolder, "results-300-*.json"));
            Assert.Contains("\"results\"", await File.ReadAllTextAsync(json));
            Assert.Single(Directory.GetFiles(outFolder, "results-300-*.md"));
        }
        finally
        {
            output.WriteLine(log.ToString());
            if (Directory.Exists(outFolder))
                Directory.Delete(outFolder, recursive: true);
        }
    }

    [Fact]
    public async Task The_load_test_runs_identical_rounds_and_reads_memory_after_each()
    {
        // A browser test: skipped only where Chromium is missing and the run does not demand it.
        if (!File.Exists("/usr/bin/chromium") && Environment.GetEnvironmentVariable("CPTKB_REQUIRE_BROWSER") != "1")
            return;
        var outFolder = Path.Combine(Path.GetTempPath(), "cptkb-load-smoke", Guid.NewGuid().ToString("N"));
        using var log = new StringWriter();
        try
        {
            var exitCode = await CptKb.Bench.Load.LoadTest.RunAsync(
                ["--docs", "60", "--circuits", "3", "--seconds", "4", "--readers", "2", "--rounds", "2", "--out", outFolder], log);

            var text = log.ToString();
            Assert.Equal(0, exitCode);
            Assert.Contains("round 1: nothing failed", text);
            Assert.Contains("round 2: nothing failed", text);
            Assert.Contains("circuit errors: 0 console/page errors, 0 pages showing the error bar", text);
            if (CptKb.Bench.Circuits.GcDump.Tool is not null)
            {
                Assert.Contains("3 live circuits", text);
                Assert.Contains("(flat, tolerance 10%)", text);
            }
        }
        finally
        {
            output.WriteLine(log.ToString());
            if (Directory.Exists(outFolder))
                Directory.Delete(outFolder, recursive: true);
        }
    }
}

/// <summary>The smoke run starts servers and a browser: it runs alone, not beside the other test classes.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BenchSmokeCollection
{
    public const string Name = "bench smoke";
}
