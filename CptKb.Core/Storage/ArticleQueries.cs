using Microsoft.EntityFrameworkCore;

namespace CptKb.Core.Storage;

/// <summary>One line of the article list.</summary>
/// <param name="Code">The CPT code.</param>
/// <param name="Title">The article's title.</param>
/// <param name="Payers">The key payers, in document order.</param>
/// <param name="ModifierCodes">The codes of the modifier table's rows that have one, in document order.</param>
/// <param name="DataGapCount">How many places say their data is missing.</param>
public sealed record ArticleListItem(
    string Code, string Title, IReadOnlyList<string> Payers, IReadOnlyList<string> ModifierCodes, int DataGapCount);

/// <summary>Reads stored articles for the API and the pages.</summary>
public sealed class ArticleQueries(IDbContextFactory<KbDbContext> contexts)
{
    /// <summary>
    /// A page of the stored articles, ordered by code (ordinal). A page past the last holds no items; its
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
            .OrderBy(a => a.Code)
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

    /// <summary>The article with the code (compared without surrounding blanks, upper-cased), or null when none is stored.</summary>
    public async Task<ArticleDocument?> GetAsync(string code, CancellationToken cancellationToken = default)
    {
        var wanted = code.Trim().ToUpperInvariant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.Articles.AsNoTracking()
            .Include(a => a.SourceDocument)
            .Include(a => a.Payers)
            .Include(a => a.Facts)
            .Include(a => a.Modifiers)
            .Include(a => a.PayerSections)
            .Include(a => a.Sections)
            .Include(a => a.DataGaps)
            .Include(a => a.Warnings)
            .AsSplitQuery()
            .SingleOrDefaultAsync(a => a.Code == wanted, cancellationToken);
        // SourceDocumentId is a required foreign key, so a stored article always has its source row.
        return stored?.SourceDocument is { } source ? new ArticleDocument(stored.ToArticle(), source.ToSource()) : null;
    }
}
