using CptKb.Core.Articles;
using Microsoft.EntityFrameworkCore;

namespace CptKb.Core.Storage;

/// <summary>One line of the article list.</summary>
/// <param name="Code">The CPT code.</param>
/// <param name="Title">The article's title.</param>
/// <param name="Payers">The key payers, in document order.</param>
/// <param name="ModifierCodes">The codes of the modifier table's rows that have one, in document order.</param>
/// <param name="DataGapCount">Its data gaps (see <see cref="Articles.DataGapKind"/>).</param>
public sealed record ArticleListItem(
    string Code, string Title, IReadOnlyList<string> Payers, IReadOnlyList<string> ModifierCodes, int DataGapCount);

/// <summary>Reads stored articles whole: their current revision's text, parsed (see <see cref="ParsedArticles"/>).</summary>
public sealed class ArticleQueries(IDbContextFactory<KbDbContext> contexts, ParsedArticles parsed)
{
    /// <summary>
    /// A page of the stored articles, in code order. A page past the last holds no items; its
    /// <see cref="Paged{T}.PageCount"/> says how many pages there are.
    /// </summary>
    public async Task<Paged<ArticleListItem>> ListAsync(PageRequest page, CancellationToken cancellationToken = default)
    {
        page = page.Normalized();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var total = await db.Articles.CountAsync(cancellationToken);
        // Compared as long: a page number near int.MaxValue would overflow the rows to skip.
        if ((long)(page.Page - 1) * page.PageSize >= Math.Max(1, total))
            return new Paged<ArticleListItem>([], total, page.Page, page.PageSize);
        var rows = await db.Articles.AsNoTracking()
            .InCodeOrder()
            .Skip(page.Skip).Take(page.PageSize)
            .Select(a => new
            {
                a.Code,
                a.Title,
                a.DataGapCount,
                Payers = a.Payers.OrderBy(p => p.Position).Select(p => p.Name).ToList(),
                Modifiers = a.Modifiers.Where(m => m.Code != null).OrderBy(m => m.Position).Select(m => m.Code).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return new Paged<ArticleListItem>(
            [.. rows.Select(r => new ArticleListItem(r.Code, r.Title, r.Payers, [.. r.Modifiers.OfType<string>()], r.DataGapCount))],
            total, page.Page, page.PageSize);
    }

    /// <summary>
    /// The article with the code (compared without surrounding blanks, upper-cased), withdrawn or not
    /// (<see cref="ArticleDocument.WithdrawnAt"/> says which), or null when none is stored.
    /// </summary>
    public async Task<ArticleDocument?> GetAsync(string code, CancellationToken cancellationToken = default)
    {
        if (!CptCode.TryParse(code, out var wanted))
            return null;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await db.Articles.AsNoTracking().IgnoreQueryFilters()
            .Where(a => a.Code == wanted.Value)
            .Select(a => new { a.SourceDocument, a.WithdrawnAt })
            .SingleOrDefaultAsync(cancellationToken);
        return found?.SourceDocument is { } source && parsed.Read(source) is { } article
            ? new ArticleDocument(article, source.ToSource(), found.WithdrawnAt)
            : null;
    }

    /// <summary>
    /// The articles with these stored ids, parsed; ids no longer stored are left out. Revisions already parsed are not
    /// read from the database again.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, Article>> GetByIdsAsync(IReadOnlyCollection<int> articleIds, CancellationToken cancellationToken = default)
    {
        if (articleIds.Count == 0)
            return new Dictionary<int, Article>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var revisions = await db.Articles.AsNoTracking()
            .Where(a => articleIds.Contains(a.Id))
            .Select(a => new { a.Id, a.SourceDocumentId })
            .ToListAsync(cancellationToken);
        var result = new Dictionary<int, Article>(revisions.Count);
        List<int>? missing = null;
        foreach (var revision in revisions)
        {
            if (parsed.TryGetKept(revision.SourceDocumentId) is { } kept)
                result[revision.Id] = kept;
            else
                (missing ??= []).Add(revision.SourceDocumentId);
        }
        if (missing is null)
            return result;
        var sources = await db.SourceDocuments.AsNoTracking().Where(s => missing.Contains(s.Id)).ToListAsync(cancellationToken);
        var articleOf = revisions.ToDictionary(r => r.SourceDocumentId, r => r.Id);
        foreach (var source in sources)
        {
            if (parsed.Read(source) is { } article)
                result[articleOf[source.Id]] = article;
        }
        return result;
    }
}
