using CptKb.Core.Articles;
using CptKb.Core.Storage;

namespace CptKb.Core.Search;

/// <summary>
/// One page of results: each article read whole from its stored revision, its best sections, and a snippet of each cut
/// from the section's own text (the index holds no text).
/// </summary>
internal static class ResultsPage
{
    public static async Task<(IReadOnlyList<ArticleResult> Articles, bool TimedOut)> ReadAsync(
        ArticleQueries articleQueries, SearchQuery query, List<ArticleGroup> page, Dictionary<SectionKey, SearchQuery>? parts, SearchBudget budget, CancellationToken cancellationToken)
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
            foreach (var (match, text) in BestSections.Order(article, group.Sections, query, terms).Take(SearchService.SectionsPerArticle))
            {
                var section = article.Sections[match.Key.Position];
                // Out of time, the hit is shown without its snippet rather than not at all.
                timedOut |= budget.IsSpent;
                var snippet = budget.IsSpent ? TextSnippet.Empty : Snippet(text, match, parts, terms);
                hits.Add(new SearchHit(article.Code, article.Title, section.Path, section.Anchor, snippet, match.Score));
            }
            if (hits.Count == 0) continue;
            results.Add(new ArticleResult(article.Code, article.Title, group.Score, hits));
        }
        return (results, timedOut);
    }

    /// <summary>
    /// The section's search text around its matches. A long section is indexed in stretches (<see cref="SectionChunks"/>): the
    /// snippet is cut from the stretch that matched, so the work stays bounded and the words shown are the words found.
    /// </summary>
    private static TextSnippet Snippet(string text, SectionMatch match, Dictionary<SectionKey, SearchQuery>? parts, HighlightTerms terms)
    {
        // Sections found across an article are cut by the word each one matched, since none matches the whole query.
        var sectionTerms = parts is not null && parts.TryGetValue(match.Key, out var part) ? HighlightTerms.For(part) : terms;
        if (match.Chunk > 0 && SectionChunks.Split(text, SectionChunks.MaxPieces) is var chunks && match.Chunk < chunks.Count)
            text = chunks[match.Chunk];
        return SnippetBuilder.Build(text, sectionTerms);
    }
}
