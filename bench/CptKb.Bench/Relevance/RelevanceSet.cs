using System.Text.Json;
using System.Text.Json.Serialization;
using CptKb.Bench.Harness;
using CptKb.Core.Search;

namespace CptKb.Bench.Relevance;

/// <summary>One judged query: what a reader typed and the article and section that answer it.</summary>
/// <param name="Query">As typed in the search box.</param>
/// <param name="Reader">Who would type it: coder, revenue-cycle manager or clinical lead.</param>
/// <param name="Code">The article that answers it.</param>
/// <param name="Anchor">The section of that article that answers it; the first section shown for the article should be it.</param>
internal sealed record JudgedQuery(string Query, string Reader, string Code, string Anchor);

/// <summary>How one judged query ranked.</summary>
/// <param name="Judged">The query.</param>
/// <param name="Rank">The 1-based place of the expected article among the results; 0 when not in the first <see cref="RelevanceSet.Depth"/>.</param>
/// <param name="FirstSection">The anchor of the first section shown for the expected article; null when not found.</param>
internal sealed record JudgedResult(JudgedQuery Judged, int Rank, string? FirstSection)
{
    /// <summary>Found with the expected section first.</summary>
    public bool Right => Rank > 0 && FirstSection == Judged.Anchor;

    /// <summary>1/rank when found with the expected section first, else 0.</summary>
    public double ReciprocalRank => Right ? 1.0 / Rank : 0;

    /// <summary>
    /// nDCG at 5 with one relevant article: gain 2 when its first section is the expected one, 1 for the right article
    /// on another section, discounted by log2(rank + 1); the ideal is gain 2 at rank 1.
    /// </summary>
    public double NdcgAt5 => Rank is < 1 or > 5 ? 0 : (Right ? 2.0 : 1.0) / Math.Log2(Rank + 1) / 2.0;
}

/// <summary>
/// The judged queries (<c>relevance-queries.json</c> beside this file: a data file any search engine can be checked
/// against) and how a search ranks them: mean reciprocal rank, counting an article only when its first section shown is
/// the expected one, and nDCG at 5.
/// </summary>
internal static class RelevanceSet
{
    /// <summary>How many articles down a query's expected article is looked for.</summary>
    public const int Depth = 10;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };

    /// <summary>The data file.</summary>
    public static string File => Path.Combine(RepoPaths.Root, "bench", "CptKb.Bench", "Relevance", "relevance-queries.json");

    /// <summary>The judged queries, in the file's order.</summary>
    public static IReadOnlyList<JudgedQuery> Load() =>
        JsonSerializer.Deserialize<QueryFile>(System.IO.File.ReadAllText(File), Json)?.Queries
        ?? throw new InvalidDataException($"{File} holds no queries.");

    /// <summary>Asks each query of the set and says where its expected article and section came.</summary>
    public static async Task<IReadOnlyList<JudgedResult>> RunAsync(SearchService search, IReadOnlyList<JudgedQuery> queries)
    {
        var results = new List<JudgedResult>(queries.Count);
        foreach (var judged in queries)
        {
            var found = await search.SearchAsync(judged.Query, new SearchOptions { Page = new(1, Depth) });
            var at = found.Articles.ToList().FindIndex(a => string.Equals(a.Code, judged.Code, StringComparison.OrdinalIgnoreCase));
            results.Add(new JudgedResult(judged, at + 1, at < 0 ? null : found.Articles[at].Sections[0].Anchor));
        }
        return results;
    }

    /// <summary>Mean reciprocal rank over the results.</summary>
    public static double Mrr(IReadOnlyList<JudgedResult> results) => results.Count == 0 ? 0 : results.Average(r => r.ReciprocalRank);

    /// <summary>Mean nDCG at 5 over the results.</summary>
    public static double Ndcg(IReadOnlyList<JudgedResult> results) => results.Count == 0 ? 0 : results.Average(r => r.NdcgAt5);

    private sealed record QueryFile([property: JsonPropertyName("queries")] IReadOnlyList<JudgedQuery> Queries);
}
