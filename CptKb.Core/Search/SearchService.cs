using CptKb.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CptKb.Core.Search;

/// <summary>
/// Searches the knowledge base, step by step: reads the query (<see cref="SearchQuery"/>), asks the
/// <see cref="ISearchIndex"/> for matching sections (again word by word, <see cref="AcrossSections"/>, when no section
/// holds them all), groups and ranks them by article (<see cref="Ranking"/>), counts facets (<see cref="FacetCounting"/>),
/// reads the page with its snippets (<see cref="ResultsPage"/>) and suggests a spelling when the query finds little.
/// Knows nothing of the database engine's search syntax.
/// Each search has a time budget and waits for a turn among a few at once (see <see cref="SearchLimits"/>).
/// </summary>
public sealed class SearchService(
    ISearchIndex index, IDbContextFactory<KbDbContext> contexts, ArticleQueries articleQueries, SearchLimits limits, TimeProvider clock)
{
    /// <summary>Up to this many matching sections are all ranked; past it, a share of this size is read (see <see cref="ISearchIndex.MatchAsync"/>).</summary>
    public const int RankedSections = 2000;

    /// <summary>Sections shown per article.</summary>
    public const int SectionsPerArticle = 3;

    /// <summary>Facet values shown per facet.</summary>
    public const int FacetValues = 20;

    /// <summary>Fewer matching articles than this, and the query gets a spelling suggestion when one of its words is unknown.</summary>
    public const int FewResults = 3;

    /// <summary>The most words a query may have to be looked for across an article's sections (one index query each).</summary>
    public const int MaxPartsAcrossSections = 6;

    // After a match names an article the directory does not know (an import by another process), reload at most this often.
    private const long DirectoryRetryMilliseconds = 2_000;

    private readonly SpellingSuggester speller = new(index, articleQueries);
    private readonly SemaphoreSlim loading = new(1, 1);
    private readonly SemaphoreSlim turns = new(Math.Max(1, limits.MaxConcurrentSearches));
    private volatile ArticleDirectory? directory;
    private string? seenGeneration;

    /// <summary>
    /// Searches. Never throws on any <paramref name="text"/>: what is not query syntax is read as words (see
    /// <see cref="SearchQuery"/>); text over <see cref="SearchQuery.MaxLength"/> characters is cut. Past the time budget
    /// it answers with what it found so far (<see cref="SearchResults.TimedOut"/>).
    /// </summary>
    /// <param name="text">What the user typed; null counts as blank.</param>
    /// <param name="options">Payer filter and paging; null for the defaults.</param>
    /// <param name="cancellationToken">Stops the search, and the database statement it runs.</param>
    public async Task<SearchResults> SearchAsync(string? text, SearchOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SearchOptions();
        var query = SearchQuery.Parse(text);
        if (FilterByPayer(options.Payer) is { } payer) query = query.With(payer);
        if (query.IsEmpty) return SearchResults.Empty(query.Text);

        using var time = new CancellationTokenSource(limits.TimeBudget, clock);
        var budget = new SearchBudget(time.Token);
        if (!await TakeTurnAsync(budget, cancellationToken)) return SearchResults.Empty(query.Text) with { TimedOut = true };
        try
        {
            return await SearchAsync(query, options, budget, cancellationToken);
        }
        finally
        {
            turns.Release();
        }
    }

    /// <summary>Waits for one of the turns; false when the budget ran out first.</summary>
    private async Task<bool> TakeTurnAsync(SearchBudget budget, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (turns.Wait(0)) return true;
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Spent);
        try
        {
            await turns.WaitAsync(either.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task<SearchResults> SearchAsync(SearchQuery query, SearchOptions options, SearchBudget budget, CancellationToken cancellationToken)
    {
        var request = options.Page.Normalized(SearchOptions.MaxPageSize);
        var (limit, offset) = (request.PageSize, Math.Min(request.Skip, SearchOptions.MaxDepth));

        var matches = await index.MatchAsync(query, RankedSections, budget, cancellationToken);
        Dictionary<SectionKey, SearchQuery>? parts = null;
        if (matches.Sections.Count == 0 && !matches.TimedOut && AcrossSections.Parts(query) is { } wordQueries)
            (matches, parts) = await AcrossSections.MatchAsync(index, wordQueries, budget, cancellationToken);
        var articles = await DirectoryAsync(matches, cancellationToken);
        var exactCode = query.SingleCode is { } single ? articles.StoredCode(single) : null;
        var groups = Ranking.Group(query, matches, articles);
        var ranked = Ranking.Rank(query, groups);
        var (total, share) = Ranking.Count(matches, groups, articles);
        var facets = FacetCounting.Count(share, articles, scale: share.Count == 0 ? 1 : (double)total / share.Count);

        var page = ranked.Skip(offset).Take(limit).ToList();
        var (results, snippetsTimedOut) = await ResultsPage.ReadAsync(articleQueries, query, page, parts, budget, cancellationToken);
        // A suggestion is only worth the time left: with none, a search that found little says it ran out of time instead.
        var didYouMean = total < FewResults && !budget.IsSpent ? await speller.SuggestAsync(query, cancellationToken) : null;
        return new SearchResults(query.Text, total, !matches.Complete, results, facets, didYouMean)
        {
            AcrossSections = parts is not null && total > 0,
            TimedOut = matches.TimedOut || snippetsTimedOut,
            HighlightWords = query.HighlightWords,
            ExactCode = exactCode,
            UnknownCode = query.SingleCode is { } code && exactCode is null ? code : null,
        };
    }

    /// <summary>
    /// The stored code that <paramref name="text"/> is, when it is nothing but one code with an article (<c>20962</c>,
    /// <c>0042t</c>); else null. Answered from memory, without searching: what Enter in a search box opens.
    /// </summary>
    public async Task<string?> ExactCodeAsync(string? text, CancellationToken cancellationToken = default) =>
        SearchQuery.Parse(text).SingleCode is { } code ? (await DirectoryAsync(SectionMatches.None, cancellationToken)).StoredCode(code) : null;

    /// <summary>Loads what searches keep in memory (article codes and payers, the vocabulary), so the first search does not wait for it.</summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken = default)
    {
        await DirectoryAsync(SectionMatches.None, cancellationToken);
        await speller.WarmUpAsync(cancellationToken);
    }

    private static FieldTerm? FilterByPayer(string? payer)
    {
        if (string.IsNullOrWhiteSpace(payer)) return null;
        var value = string.Join(' ', SearchQuery.Cut(payer).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return SearchQuery.Words(value).Count > 0 ? new FieldTerm(SearchField.Payer, value) : null;
    }

    /// <summary>
    /// The article directory for the current index version; reloaded when the index changed in this process, or when a
    /// match names an article it does not know (another process imported), at most every few seconds.
    /// </summary>
    private async Task<ArticleDirectory> DirectoryAsync(SectionMatches matches, CancellationToken cancellationToken)
    {
        await NoticeChangesElsewhereAsync(cancellationToken);
        if (directory is { } current && current.Version == index.Version && !Stale(current, matches)) return current;
        await loading.WaitAsync(cancellationToken);
        try
        {
            if (directory is { } loaded && loaded.Version == index.Version && !Stale(loaded, matches)) return loaded;
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            directory = await ArticleDirectory.LoadAsync(db, index.Version, cancellationToken);
            return directory;
        }
        finally
        {
            loading.Release();
        }
    }

    /// <summary>
    /// Marks the index changed when the stored articles' <see cref="ContentGeneration"/> is not the one last seen: another
    /// process sharing the database (another node, an <c>import</c> command) changed them. The directory and the
    /// vocabulary are then read again. One primary-key read per search.
    /// </summary>
    private async Task NoticeChangesElsewhereAsync(CancellationToken cancellationToken)
    {
        string? generation;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            generation = await ContentGeneration.ReadAsync(db, cancellationToken);
        if (Interlocked.Exchange(ref seenGeneration, generation) != generation)
            index.MarkChanged();
    }

    private static bool Stale(ArticleDirectory directory, SectionMatches matches) =>
        Environment.TickCount64 - directory.LoadedAt > DirectoryRetryMilliseconds
        && matches.Sections.Any(m => directory.Find(m.Key.ArticleId) is null);
}
