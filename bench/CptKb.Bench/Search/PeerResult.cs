namespace CptKb.Bench.Search;

/// <summary>One query's timings on one engine.</summary>
internal sealed record QueryTiming(string Kind, string Query, string Translated, int Hits, IReadOnlyList<double> Milliseconds, string? Error = null);

/// <summary>What one engine did with the whole query set.</summary>
internal sealed record EngineResult(string Engine, IReadOnlyList<QueryTiming> Queries, double? IndexSeconds = null, long? IndexBytes = null, string? Note = null)
{
    public double[] AllSamples() => [.. Queries.SelectMany(q => q.Milliseconds).Order()];
}
