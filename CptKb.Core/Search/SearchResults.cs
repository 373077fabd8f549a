using CptKb.Core.Storage;

namespace CptKb.Core.Search;

/// <summary>How a search is narrowed and paged.</summary>
public sealed record SearchOptions
{
    /// <summary>The most articles a page can hold.</summary>
    public const int MaxPageSize = 100;

    /// <summary>Articles per page when not said.</summary>
    public const int DefaultPageSize = 20;

    /// <summary>Results are read no further than this many articles down: results that far down are not browsed.</summary>
    public const int MaxDepth = 10_000;

    /// <summary>Only sections about this payer, as if <c>payer:"…"</c> were typed; null or blank for all.</summary>
    public string? Payer { get; init; }

    /// <summary>Which page of articles; its size is brought into 1…<see cref="MaxPageSize"/>.</summary>
    public PageRequest Page { get; init; } = new(1, DefaultPageSize);
}

/// <summary>What a search found: a page of articles, each with its best sections, and counts over all of them.</summary>
/// <param name="Query">The query as read (cut to <see cref="SearchQuery.MaxLength"/> characters).</param>
/// <param name="Total">How many articles match.</param>
/// <param name="TotalIsEstimate">True when so many sections match that <see cref="Total"/> and the facets are scaled up from a share of them.</param>
/// <param name="Articles">The page of articles, best first, each with up to three sections.</param>
/// <param name="Facets">Counts of the matching articles by payer, section kind and code range.</param>
/// <param name="DidYouMean">The query with misspelled words replaced by the closest words the index holds, when the query finds little; else null.</param>
public sealed record SearchResults(
    string Query, int Total, bool TotalIsEstimate, IReadOnlyList<ArticleResult> Articles, SearchFacets Facets, string? DidYouMean)
{
    /// <summary>
    /// True when no single section holds every word of the query and these articles hold them across their sections
    /// (each shown section then matches some of the words).
    /// </summary>
    public bool AcrossSections { get; init; }

    /// <summary>The words a reader who opens a hit should see highlighted: the query's words, lower-cased.</summary>
    public IReadOnlyList<string> HighlightWords { get; init; } = [];

    /// <summary>
    /// True when the search ran out of its time budget (<see cref="SearchLimits.TimeBudget"/>) and answers with what it
    /// found in time: fewer articles than match, an unranked share of them, or sections without a snippet.
    /// </summary>
    public bool TimedOut { get; init; }

    /// <summary>The stored code the query is, when it is nothing but one code that is stored: a reader can go to its article at once.</summary>
    public string? ExactCode { get; init; }

    /// <summary>The code the query is, when it is nothing but one code and no article for it is stored; else null.</summary>
    public string? UnknownCode { get; init; }

    /// <summary>The sections of <see cref="Articles"/>, article by article.</summary>
    public IReadOnlyList<SearchHit> Hits { get; } = [.. Articles.SelectMany(a => a.Sections)];

    /// <summary>No match.</summary>
    public static SearchResults Empty(string query, string? didYouMean = null) => new(query, 0, false, [], SearchFacets.None, didYouMean);
}

/// <summary>A matching article.</summary>
/// <param name="Code">The CPT code.</param>
/// <param name="Title">The article's title (plain text).</param>
/// <param name="Score">Its best section's score; higher is better, comparable within one result only.</param>
/// <param name="Sections">Its best-matching sections, best first (at most three).</param>
public sealed record ArticleResult(string Code, string Title, double Score, IReadOnlyList<SearchHit> Sections);

/// <summary>A matching section.</summary>
/// <param name="Code">The article's CPT code.</param>
/// <param name="Title">The article's title (plain text).</param>
/// <param name="Section">The section's heading path (plain text).</param>
/// <param name="Anchor">The section's URL fragment.</param>
/// <param name="Snippet">Plain text: the section's text around the matches, with the ranges of the matched words.</param>
/// <param name="Score">Higher is better; comparable within one result only.</param>
public sealed record SearchHit(string Code, string Title, string Section, string Anchor, TextSnippet Snippet, double Score);

/// <summary>Counts of the matching articles.</summary>
/// <param name="Payers">By payer (key payers and payer subsections), most first.</param>
/// <param name="SectionKinds">By the kind of section that matched, most first.</param>
/// <param name="CodeRanges">By CPT code range (see <see cref="Articles.CptRange"/>), most first.</param>
public sealed record SearchFacets(IReadOnlyList<FacetCount> Payers, IReadOnlyList<FacetCount> SectionKinds, IReadOnlyList<FacetCount> CodeRanges)
{
    /// <summary>No counts.</summary>
    public static SearchFacets None { get; } = new([], [], []);
}

/// <summary>How many matching articles have a value.</summary>
/// <param name="Value">The value, e.g. "Aetna", "Clinical context", "Musculoskeletal System".</param>
/// <param name="Count">How many matching articles have it.</param>
/// <param name="Filter">What to add to the query to keep only those articles, e.g. <c>payer:"Aetna"</c>; null when nothing can.</param>
public sealed record FacetCount(string Value, int Count, string? Filter);
