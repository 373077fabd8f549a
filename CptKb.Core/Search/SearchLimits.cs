namespace CptKb.Core.Search;

/// <summary>What one search may cost, and how many run at once, so that no query and no burst of them holds the database.</summary>
public sealed record SearchLimits
{
    /// <summary>The time budget when none is set.</summary>
    public static readonly TimeSpan DefaultTimeBudget = TimeSpan.FromMilliseconds(700);

    /// <summary>
    /// After this long a search stops reading matches and making snippets and answers with what it has, saying so
    /// (<see cref="SearchResults.TimedOut"/>). Waiting for a turn (<see cref="MaxConcurrentSearches"/>) counts.
    /// </summary>
    public TimeSpan TimeBudget { get; init; } = DefaultTimeBudget;

    /// <summary>Searches that read the database at once; others wait their turn within their time budget. One per core by default.</summary>
    public int MaxConcurrentSearches { get; init; } = Math.Max(1, Environment.ProcessorCount);
}
