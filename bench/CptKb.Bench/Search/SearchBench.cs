namespace CptKb.Bench.Search;

/// <summary>Search latency; CptKb's search service and raw FTS5 join when the search branch lands.</summary>
internal static class SearchBench
{
    public static Task<BenchResult> RunAsync(BenchOptions options, TextWriter output) =>
        Task.FromResult(new BenchResult("search", [], ["not run yet: CptKb's search service is not in this build"], new { }));
}
