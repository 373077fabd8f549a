using System.Globalization;
using CptKb.Bench.Search;
using CptKb.Core.Import;
using CptKb.Core.Search;
using CptKb.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CptKb.Bench.Relevance;

/// <summary>
/// <c>--only relevance</c>: imports <see cref="RelevanceCorpus"/> with CptKb's importer into a fresh database, asks every
/// judged query of <see cref="RelevanceSet"/> and prints MRR and nDCG at 5, and each query that missed. A measure of
/// ranking, not of time: the same on any machine, so a ranking change shows as a change of these figures.
/// </summary>
internal static class RelevanceBench
{
    public static async Task<BenchResult> RunAsync(BenchOptions options, TextWriter output)
    {
        var folder = Path.Combine(options.OutFolder, "tmp", "relevance");
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        var files = RelevanceCorpus.Write(Path.Combine(folder, "corpus"));
        var path = Path.Combine(folder, "relevance.db");
        IReadOnlyList<JudgedResult> results;
        await using (var services = SearchDatabase.Services(path))
        {
            await services.GetRequiredService<KbDatabase>().InitializeAsync();
            var report = await services.GetRequiredService<Importer>().ImportFolderAsync(Path.Combine(folder, "corpus"));
            if (report.Failed != 0)
                throw new InvalidOperationException($"relevance bench import: {report.Failed} files failed");
            results = await RelevanceSet.RunAsync(services.GetRequiredService<SearchService>(), RelevanceSet.Load());
        }
        SqliteConnection.ClearAllPools();

        var (mrr, ndcg) = (RelevanceSet.Mrr(results), RelevanceSet.Ndcg(results));
        var misses = results.Where(r => !r.Right || r.Rank != 1).ToList();
        foreach (var miss in misses)
        {
            output.WriteLine(miss.Rank == 0
                ? $"  miss: \"{miss.Judged.Query}\" ({miss.Judged.Reader}): {miss.Judged.Code} not in the first {RelevanceSet.Depth}"
                : $"  miss: \"{miss.Judged.Query}\" ({miss.Judged.Reader}): {miss.Judged.Code} at {miss.Rank}, first section {miss.FirstSection} (expected {miss.Judged.Anchor})");
        }
        string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
        return new BenchResult("relevance",
            [
                new Figure("relevance", $"MRR over {results.Count} judged queries", F(mrr), Target: ">= 0.9", Met: mrr >= 0.9),
                new Figure("relevance", "nDCG@5", F(ndcg)),
            ],
            [$"{files} publications: the seed, the test fixtures, the written relevance publications and generated distractors; {misses.Count} queries not answered first with the expected section"],
            new { mrr, ndcg, queries = results.Select(r => new { r.Judged.Query, r.Judged.Code, r.Judged.Anchor, r.Rank, r.FirstSection }) });
    }
}
