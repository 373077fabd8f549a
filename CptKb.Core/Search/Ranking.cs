namespace CptKb.Core.Search;

/// <summary>The matching sections of one article, and how well the article matches: as well as its best section.</summary>
internal sealed class ArticleGroup(int id, ArticleEntry entry)
{
    public int Id { get; } = id;
    public ArticleEntry Entry { get; } = entry;
    public List<SectionMatch> Sections { get; } = [];
    public double Score => Sections.Count == 0 ? 0 : Sections.Max(s => s.Score);
}

/// <summary>
/// Matches grouped by article and ranked: the article of a typed code first, then by best section score (a query of
/// codes and fields only, in code order); how many articles match, counted or estimated from a share.
/// </summary>
internal static class Ranking
{
    public static List<ArticleGroup> Group(SearchQuery query, SectionMatches matches, ArticleDirectory articles)
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

    public static List<ArticleGroup> Rank(SearchQuery query, List<ArticleGroup> groups)
    {
        var codes = query.Terms.OfType<CodeTerm>().Where(c => !c.Excluded).Select(c => c.Code).ToList();
        var prefixes = query.Terms.OfType<CodePrefixTerm>().Where(p => !p.Excluded && p.AlsoWord).Select(p => p.Prefix).ToList();
        // A query of codes and fields only (209*, 20955-20970, payer:aetna) has no words to rank by: code order reads best.
        var byCode = !query.Terms.Any(t => !t.Excluded && t is WordTerm or PhraseTerm or CodeTerm);
        // The typed codes' articles first, in the order typed; then the codes that start with typed digits (2096), in code
        // order; then the rest.
        int Pin(ArticleGroup g)
        {
            if (codes.IndexOf(g.Entry.Code) is var at && at >= 0) return at;
            return prefixes.Any(p => g.Entry.Code.StartsWith(p, StringComparison.Ordinal)) ? codes.Count : int.MaxValue;
        }
        var ordered = groups.OrderBy(Pin);
        ordered = byCode
            ? ordered.ThenBy(g => g.Entry.Code, StringComparer.Ordinal)
            : ordered.ThenBy(g => Pin(g) == codes.Count ? g.Entry.Code : "", StringComparer.Ordinal)
                .ThenByDescending(g => g.Score).ThenBy(g => g.Entry.Code, StringComparer.Ordinal);
        return [.. ordered];
    }

    /// <summary>
    /// The number of matching articles and the groups to count facets over: all of them, or when only a share of the
    /// matches was read, the articles that share covers, with the total scaled up from it.
    /// </summary>
    public static (int Total, List<ArticleGroup> Share) Count(SectionMatches matches, List<ArticleGroup> groups, ArticleDirectory articles)
    {
        if (matches.Complete) return (groups.Count, groups);
        var share = groups.Where(g => g.Id <= matches.LastArticleId).ToList();
        var covered = articles.CountUpTo(matches.LastArticleId);
        var estimate = covered == 0 ? groups.Count : (int)Math.Round((double)share.Count * articles.Count / covered);
        return (Math.Max(estimate, groups.Count), share);
    }
}
