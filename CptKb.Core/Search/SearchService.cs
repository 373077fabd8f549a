using System.Text;
using CptKb.Core.Articles;
using CptKb.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CptKb.Core.Search;

/// <summary>
/// Searches the knowledge base: reads the query, asks the <see cref="ISearchIndex"/> for matching sections, groups them
/// by article (the article of a typed code first, then by best section score), pages, counts facets, builds snippets and
/// links, and suggests a spelling when the query finds little. Knows nothing of the database engine's search syntax.
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
        if (matches.Sections.Count == 0 && !matches.TimedOut && PartsAcrossSections(query) is { } wordQueries)
            (matches, parts) = await MatchAcrossSectionsAsync(wordQueries, budget, cancellationToken);
        var articles = await DirectoryAsync(matches, cancellationToken);
        var groups = Group(query, matches, articles);
        var ranked = Rank(query, groups);
        var (total, share) = Count(matches, groups, articles);
        var facets = Facets(share, articles, scale: share.Count == 0 ? 1 : (double)total / share.Count);

        var page = ranked.Skip(offset).Take(limit).ToList();
        var (results, snippetsTimedOut) = await PageAsync(query, page, parts, budget, cancellationToken);
        // A suggestion is only worth the time left: with none, a search that found little says it ran out of time instead.
        var didYouMean = total < FewResults && !budget.IsSpent ? await speller.SuggestAsync(query, cancellationToken) : null;
        return new SearchResults(query.Text, total, !matches.Complete, results, facets, didYouMean)
        {
            AcrossSections = parts is not null && total > 0,
            TimedOut = matches.TimedOut || snippetsTimedOut,
            HighlightWords = query.HighlightWords,
        };
    }

    /// <summary>
    /// For a query of several words or phrases that no single section holds together: one query per word (each keeping
    /// the exclusions), so an article that has them all in different sections is still found. Null for other queries:
    /// codes, ranges and fields already hold for every section of an article, or name one kind of section.
    /// </summary>
    private static List<SearchQuery>? PartsAcrossSections(SearchQuery query)
    {
        var positive = query.Terms.Where(t => !t.Excluded).ToList();
        if (positive.Count is < 2 or > MaxPartsAcrossSections || positive.Any(t => t is not (WordTerm or PhraseTerm))) return null;
        var excluded = query.Terms.Where(t => t.Excluded).ToList();
        return [.. positive.Select(term => query with { Terms = [term, .. excluded] })];
    }

    /// <summary>
    /// The sections of the articles that match every part somewhere, each section under the part it matched first (its
    /// snippet is cut for that part). When a part matched too many sections to read them all, only the articles every
    /// part was read up to are kept, and the result says it is a share, like a single query's.
    /// </summary>
    private async Task<(SectionMatches Matches, Dictionary<SectionKey, SearchQuery> Parts)> MatchAcrossSectionsAsync(
        List<SearchQuery> parts, SearchBudget budget, CancellationToken cancellationToken)
    {
        var found = new List<SectionMatches>(parts.Count);
        foreach (var part in parts)
        {
            var matches = await index.MatchAsync(part, RankedSections, budget, cancellationToken);
            // Out of time, the articles that hold every word cannot be told: none are claimed.
            if (matches.TimedOut) return (SectionMatches.None with { TimedOut = true }, []);
            if (matches.Sections.Count == 0) return (SectionMatches.None, []);
            found.Add(matches);
        }
        var shares = found.Where(m => !m.Complete).ToList();
        var readUpTo = shares.Count == 0 ? int.MaxValue : shares.Min(m => m.LastArticleId);
        HashSet<int>? inAll = null;
        foreach (var matches in found)
        {
            var ids = matches.Sections.Select(m => m.Key.ArticleId).Where(id => id <= readUpTo).ToHashSet();
            if (inAll is null) inAll = ids;
            else inAll.IntersectWith(ids);
        }
        var sections = new List<SectionMatch>();
        var partOf = new Dictionary<SectionKey, SearchQuery>();
        for (var i = 0; i < parts.Count; i++)
        {
            foreach (var match in found[i].Sections)
            {
                if (inAll!.Contains(match.Key.ArticleId) && partOf.TryAdd(match.Key, parts[i])) sections.Add(match);
            }
        }
        sections.Sort((a, b) => b.Score.CompareTo(a.Score));
        return (new SectionMatches(sections, shares.Count == 0, shares.Count == 0 ? 0 : readUpTo), partOf);
    }

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

    private sealed class ArticleGroup(int id, ArticleEntry entry)
    {
        public int Id { get; } = id;
        public ArticleEntry Entry { get; } = entry;
        public List<SectionMatch> Sections { get; } = [];
        public double Score => Sections.Count == 0 ? 0 : Sections.Max(s => s.Score);
    }

    private static List<ArticleGroup> Group(SearchQuery query, SectionMatches matches, ArticleDirectory articles)
    {
        // Range prefixes of lettered codes can match other kinds of code: keep the articles whose code is in every range asked for.
        var ranges = query.Terms.OfType<CodeRangeTerm>().Where(r => !r.Excluded).ToList();
        var groups = new Dictionary<int, ArticleGroup>();
        foreach (var match in matches.Sections)
        {
            if (!groups.TryGetValue(match.Key.ArticleId, out var group))
            {
                if (articles.Find(match.Key.ArticleId) is not { } entry || !ranges.All(r => r.Contains(entry.Code))) continue;
                groups[match.Key.ArticleId] = group = new ArticleGroup(match.Key.ArticleId, entry);
            }
            group.Sections.Add(match);
        }
        return [.. groups.Values];
    }

    private static List<ArticleGroup> Rank(SearchQuery query, List<ArticleGroup> groups)
    {
        var codes = query.Terms.OfType<CodeTerm>().Where(c => !c.Excluded).Select(c => c.Code).ToList();
        // A query of codes and fields only (209*, 20955-20970, payer:aetna) has no words to rank by: code order reads best.
        var byCode = !query.Terms.Any(t => !t.Excluded && t is WordTerm or PhraseTerm or CodeTerm);
        int Pin(ArticleGroup g) => codes.IndexOf(g.Entry.Code) is var at && at >= 0 ? at : int.MaxValue;
        var ordered = groups.OrderBy(Pin);
        ordered = byCode
            ? ordered.ThenBy(g => g.Entry.Code, StringComparer.Ordinal)
            : ordered.ThenByDescending(g => g.Score).ThenBy(g => g.Entry.Code, StringComparer.Ordinal);
        return [.. ordered];
    }

    /// <summary>
    /// The number of matching articles and the groups to count facets over: all of them, or when only a share of the
    /// matches was read, the articles that share covers, with the total scaled up from it.
    /// </summary>
    private static (int Total, List<ArticleGroup> Share) Count(SectionMatches matches, List<ArticleGroup> groups, ArticleDirectory articles)
    {
        if (matches.Complete) return (groups.Count, groups);
        var share = groups.Where(g => g.Id <= matches.LastArticleId).ToList();
        var covered = articles.CountUpTo(matches.LastArticleId);
        var estimate = covered == 0 ? groups.Count : (int)Math.Round((double)share.Count * articles.Count / covered);
        return (Math.Max(estimate, groups.Count), share);
    }

    private static SearchFacets Facets(List<ArticleGroup> groups, ArticleDirectory articles, double scale)
    {
        if (groups.Count == 0) return SearchFacets.None;
        // Counted in one pass with dictionaries: a common word brings thousands of articles, and LINQ's
        // Distinct/GroupBy over (value, article) pairs cost several milliseconds of each such search.
        var payers = new Counter(StringComparer.OrdinalIgnoreCase);
        var kinds = new Counter(StringComparer.Ordinal);
        var ranges = new Counter(StringComparer.Ordinal);
        var seenKinds = new HashSet<SectionKind>();
        foreach (var group in groups)
        {
            // The directory holds each payer of an article once, case aside.
            foreach (var payer in group.Entry.Payers) payers.Add(payer);
            seenKinds.Clear();
            foreach (var section in group.Sections)
            {
                if (seenKinds.Add(section.Key.Kind)) kinds.Add(KindName(section.Key.Kind));
            }
            ranges.Add(group.Entry.Range.Label);
        }
        return new SearchFacets(
            payers.Top(p => $"payer:\"{p}\"", scale),
            kinds.Top(name => KindFilters.GetValueOrDefault(name), scale),
            ranges.Top(label => CptRange.All.FirstOrDefault(r => r.Label == label)?.Query, scale));
    }

    /// <summary>Articles per facet value, each value under the spelling first met.</summary>
    private sealed class Counter(StringComparer comparer)
    {
        private readonly Dictionary<string, int> counts = new(comparer);

        public void Add(string value) => counts[value] = counts.GetValueOrDefault(value) + 1;

        public List<FacetCount> Top(Func<string, string?> filter, double scale) =>
        [
            .. counts
                .Select(c => new FacetCount(c.Key, (int)Math.Round(c.Value * scale), filter(c.Key)))
                .OrderByDescending(f => f.Count).ThenBy(f => f.Value, StringComparer.OrdinalIgnoreCase)
                .Take(FacetValues),
        ];
    }

    private static readonly Dictionary<string, string> KindFilters = new()
    {
        ["Summary"] = "section:\"summary\"",
        ["Billing code overview"] = "section:\"billing code overview\"",
        ["Clinical context"] = "section:\"clinical context\"",
        ["Coding specifications"] = "section:\"coding specifications\"",
        ["Payer coverage"] = "section:\"payer coverage\"",
        ["Payer"] = "section:\"payer coverage\"",
        ["Policy considerations"] = "section:\"policy\"",
        ["Sites of service"] = "section:\"sites of service\"",
        ["Data gaps"] = "section:\"data gaps\"",
    };

    private static readonly Dictionary<SectionKind, string> KindNames =
        Enum.GetValues<SectionKind>().ToDictionary(k => k, SpellKindName);

    /// <summary>"ClinicalContext" as "Clinical context".</summary>
    private static string KindName(SectionKind kind) => KindNames.TryGetValue(kind, out var name) ? name : SpellKindName(kind);

    private static string SpellKindName(SectionKind kind)
    {
        var name = kind.ToString();
        var sb = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && sb.Length > 0) sb.Append(' ').Append(char.ToLowerInvariant(c));
            else sb.Append(c);
        }
        return sb.ToString();
    }

    private async Task<(IReadOnlyList<ArticleResult> Articles, bool TimedOut)> PageAsync(
        SearchQuery query, List<ArticleGroup> page, Dictionary<SectionKey, SearchQuery>? parts, SearchBudget budget, CancellationToken cancellationToken)
    {
        // Snippets are cut from the articles' own text, read from their stored revisions (the index holds no text).
        var articles = await articleQueries.GetByIdsAsync([.. page.Select(g => g.Id)], cancellationToken);
        var terms = HighlightTerms.For(query);
        var results = new List<ArticleResult>(page.Count);
        var timedOut = false;
        foreach (var group in page)
        {
            if (!articles.TryGetValue(group.Id, out var article)) continue;
            var hits = new List<SearchHit>();
            foreach (var match in group.Sections.OrderByDescending(s => s.Score).ThenBy(s => s.Key.Position).Take(SectionsPerArticle))
            {
                if (match.Key.Position >= article.Sections.Count) continue;
                var section = article.Sections[match.Key.Position];
                // Out of time, the hit is shown without its snippet rather than not at all.
                timedOut |= budget.IsSpent;
                var snippet = budget.IsSpent ? TextSnippet.Empty : Snippet(article, section, match, parts, terms);
                hits.Add(new SearchHit(article.Code, article.Title, section.Path, section.Anchor, snippet, match.Score));
            }
            if (hits.Count == 0) continue;
            results.Add(new ArticleResult(article.Code, article.Title, group.Score, hits));
        }
        return (results, timedOut);
    }

    /// <summary>
    /// The section's text around its matches. A long section is indexed in stretches (<see cref="SectionChunks"/>): the
    /// snippet is cut from the stretch that matched, so the work stays bounded and the words shown are the words found.
    /// </summary>
    private static TextSnippet Snippet(
        Article article, Section section, SectionMatch match, Dictionary<SectionKey, SearchQuery>? parts, HighlightTerms terms)
    {
        // Sections found across an article are cut by the word each one matched, since none matches the whole query.
        var sectionTerms = parts is not null && parts.TryGetValue(match.Key, out var part) ? HighlightTerms.For(part) : terms;
        var text = SearchText.Of(article, section);
        if (match.Chunk > 0 && SectionChunks.Split(text, SectionChunks.MaxPieces) is var chunks && match.Chunk < chunks.Count)
            text = chunks[match.Chunk];
        return SnippetBuilder.Build(text, sectionTerms);
    }

    /// <summary>
    /// The article directory for the current index version; reloaded when the index changed in this process, or when a
    /// match names an article it does not know (another process imported), at most every few seconds.
    /// </summary>
    private async Task<ArticleDirectory> DirectoryAsync(SectionMatches matches, CancellationToken cancellationToken)
    {
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

    private static bool Stale(ArticleDirectory directory, SectionMatches matches) =>
        Environment.TickCount64 - directory.LoadedAt > DirectoryRetryMilliseconds
        && matches.Sections.Any(m => directory.Find(m.Key.ArticleId) is null);
}
