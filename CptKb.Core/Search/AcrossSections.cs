namespace CptKb.Core.Search;

/// <summary>
/// Words across sections: a query of several words or phrases that no single section holds together is asked again one
/// word at a time, and the articles that hold every word somewhere are kept.
/// </summary>
internal static class AcrossSections
{
    /// <summary>
    /// For a query of several words or phrases that no single section holds together: one query per word (each keeping
    /// the exclusions), so an article that has them all in different sections is still found. Null for other queries:
    /// codes, ranges and fields already hold for every section of an article, or name one kind of section.
    /// </summary>
    public static List<SearchQuery>? Parts(SearchQuery query)
    {
        var positive = query.Terms.Where(t => !t.Excluded).ToList();
        if (positive.Count is < 2 or > SearchService.MaxPartsAcrossSections || positive.Any(t => t is not (WordTerm or PhraseTerm))) return null;
        var excluded = query.Terms.Where(t => t.Excluded).ToList();
        return [.. positive.Select(term => query with { Terms = [term, .. excluded] })];
    }

    /// <summary>
    /// The sections of the articles that match every part somewhere, each section under the part it matched first (its
    /// snippet is cut for that part). When a part matched too many sections to read them all, only the articles every
    /// part was read up to are kept, and the result says it is a share, like a single query's.
    /// </summary>
    public static async Task<(SectionMatches Matches, Dictionary<SectionKey, SearchQuery> Parts)> MatchAsync(
        ISearchIndex index, List<SearchQuery> parts, SearchBudget budget, CancellationToken cancellationToken)
    {
        var found = new List<SectionMatches>(parts.Count);
        foreach (var part in parts)
        {
            var matches = await index.MatchAsync(part, SearchService.RankedSections, budget, cancellationToken);
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
}
