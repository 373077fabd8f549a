using CptKb.Core.Articles;
using CptKb.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CptKb.Core.Payers;

/// <summary>
/// Reads payers across all articles: the payer list, one payer's sections, and the payer × code matrix.
/// Payer names match without regard to letter case.
/// </summary>
public sealed class PayerQueries(IDbContextFactory<KbDbContext> contexts, ArticleQueries articleQueries)
{
    /// <summary>Every payer named as a key payer or given a section, ordered by name.</summary>
    public async Task<IReadOnlyList<PayerSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var payers = await PayerDirectory.LoadAsync(db, cancellationToken);
        var sectionsByPayer = await PayerDirectory.SectionCountsAsync(db, cancellationToken);
        var gaps = await db.DataGaps.AsNoTracking()
            .Where(g => g.Payer != null)
            .GroupBy(g => g.Payer)
            .Select(g => new { Payer = g.Key, Gaps = g.Count() })
            .ToListAsync(cancellationToken);

        var gapsByPayer = gaps.GroupBy(g => g.Payer ?? "", StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Sum(x => x.Gaps), StringComparer.OrdinalIgnoreCase);

        return [.. payers
            .Select(p =>
            {
                var (sectionCount, missing) = sectionsByPayer.GetValueOrDefault(p.Name);
                return new PayerSummary(p.Name, p.ArticleCount, sectionCount, missing, gapsByPayer.GetValueOrDefault(p.Name));
            })
            .OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(p => p.Name, StringComparer.Ordinal)];
    }

    /// <summary>
    /// One payer's figures and, a page at a time, what every article naming it says about it, ordered by code.
    /// Null when no article names the payer.
    /// </summary>
    /// <param name="payer">The payer's name in any letter case.</param>
    /// <param name="page">Which page of codes to read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<PayerDetail?> GetAsync(string payer, PageRequest page, CancellationToken cancellationToken = default)
    {
        page = page.Normalized();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await PayerDirectory.FindAsync(db, payer, cancellationToken);
        if (found is null)
            return null;
        var spellings = found.Spellings;

        var payerSections = db.PayerSections.AsNoTracking().Where(s => spellings.Contains(s.Payer));
        var sectionCount = await payerSections.CountAsync(cancellationToken);
        var missingCount = await payerSections.CountAsync(s => s.DataMissing, cancellationToken);
        var gapCount = await db.DataGaps.AsNoTracking().CountAsync(g => g.Payer != null && spellings.Contains(g.Payer), cancellationToken);
        var summary = new PayerSummary(found.Name, found.ArticleCount, sectionCount, missingCount, gapCount);

        var ids = PayerDirectory.ArticleIds(db, spellings);
        var articles = await db.Articles.AsNoTracking()
            .Where(a => ids.Contains(a.Id))
            .InCodeOrder()
            .Skip(page.Skip).Take(page.PageSize)
            .Select(a => new { a.Id, a.Code, a.Title })
            .ToListAsync(cancellationToken);
        // The sections' facts and text are the articles' own: read whole from their stored revisions.
        var parsed = await articleQueries.GetByIdsAsync([.. articles.Select(a => a.Id)], cancellationToken);

        var entries = articles.Select(a =>
        {
            var article = parsed.GetValueOrDefault(a.Id);
            var section = article?.PayerSections.FirstOrDefault(p => spellings.Contains(p.Payer, StringComparer.OrdinalIgnoreCase));
            var text = section is not null && article!.SectionOf(section) is { } own ? article.TextOf(own) : null;
            return new PayerCodeEntry(a.Code, a.Title, section, section?.Stance ?? CoverageStance.NoSection, text);
        }).ToList();
        return new PayerDetail(summary, new Paged<PayerCodeEntry>(entries, found.ArticleCount, page.Page, page.PageSize));
    }

    /// <summary>
    /// A page of the payer × code matrix over the codes that pass <paramref name="filter"/>: one row per code, one
    /// column per payer of those codes, each cell the payer's stance. Only the page's rows are read.
    /// </summary>
    /// <param name="filter">The code range or prefix; <see cref="CodeFilter.None"/> for every code.</param>
    /// <param name="page">Which page of codes to read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<PayerMatrix> GetMatrixAsync(CodeFilter filter, PageRequest page, CancellationToken cancellationToken = default)
    {
        page = page.Normalized();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var payers = await PayerDirectory.LoadAsync(db, cancellationToken);
        var filtered = filter.Apply(db.Articles.AsNoTracking());
        var total = await filtered.CountAsync(cancellationToken);

        // Columns: every payer the filtered codes mention, so they stay put from page to page.
        var filteredIds = filtered.Select(a => a.Id);
        var mentions = await db.Payers.Where(p => filteredIds.Contains(p.ArticleId)).Select(p => new { p.ArticleId, p.Name })
            .Union(db.PayerSections.Where(s => filteredIds.Contains(s.ArticleId)).Select(s => new { s.ArticleId, Name = s.Payer }))
            .GroupBy(x => x.Name)
            .Select(g => new { Name = g.Key, Articles = g.Count() })
            .ToListAsync(cancellationToken);
        var displayName = PayerDirectory.ShownNames(payers);
        var columns = mentions
            .GroupBy(m => displayName.GetValueOrDefault(m.Name, m.Name), StringComparer.OrdinalIgnoreCase)
            .Select(g => (Name: g.Key, Articles: g.Sum(m => m.Articles)))
            .OrderByDescending(c => c.Articles).ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .Select(c => c.Name)
            .ToList();

        var articles = await filtered
            .InCodeOrder()
            .Skip(page.Skip).Take(page.PageSize)
            .Select(a => new { a.Id, a.Code, a.Title })
            .ToListAsync(cancellationToken);
        var ids = articles.Select(a => a.Id).ToList();
        var sections = (await db.PayerSections.AsNoTracking()
                .Where(p => ids.Contains(p.ArticleId))
                .OrderBy(p => p.ArticleId).ThenBy(p => p.Position)
                .Select(p => new { p.ArticleId, p.Payer, p.Anchor, p.Stance })
                .ToListAsync(cancellationToken))
            .GroupBy(p => (p.ArticleId, p.Payer), ArticlePayerComparer.Instance)
            // The first section wins when an article has two for one payer.
            .ToDictionary(g => g.Key, g => g.First(), ArticlePayerComparer.Instance);
        var keyPayers = (await db.Payers.AsNoTracking()
                .Where(p => ids.Contains(p.ArticleId))
                .Select(p => new { p.ArticleId, p.Name })
                .ToListAsync(cancellationToken))
            .Select(p => (p.ArticleId, p.Name))
            .ToHashSet(ArticlePayerComparer.Instance);

        var rows = articles.Select(a => new PayerMatrixRow(a.Code, a.Title, [.. columns.Select(payer =>
        {
            if (sections.TryGetValue((a.Id, payer), out var section))
                return new PayerMatrixCell(section.Stance, section.Anchor);
            return keyPayers.Contains((a.Id, payer)) ? new PayerMatrixCell(CoverageStance.NoSection, null) : null;
        })])).ToList();
        return new PayerMatrix(filter, columns, new Paged<PayerMatrixRow>(rows, total, page.Page, page.PageSize));
    }

    /// <summary>
    /// The payers' sections of the article with the code, aligned field by field (see <see cref="PayerComparison"/>).
    /// Null when no article has the code.
    /// </summary>
    /// <param name="code">The CPT code.</param>
    /// <param name="payers">The payers to compare; null for every payer of the article.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<PayerComparisonTable?> CompareAsync(string code, IReadOnlyList<string>? payers, CancellationToken cancellationToken = default) =>
        await articleQueries.GetAsync(code, cancellationToken) is { } document ? PayerComparison.Align(document.Article, payers) : null;

    private sealed class ArticlePayerComparer : IEqualityComparer<(int ArticleId, string Payer)>
    {
        public static ArticlePayerComparer Instance { get; } = new();

        public bool Equals((int ArticleId, string Payer) x, (int ArticleId, string Payer) y) =>
            x.ArticleId == y.ArticleId && string.Equals(x.Payer, y.Payer, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((int ArticleId, string Payer) obj) =>
            HashCode.Combine(obj.ArticleId, StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Payer));
    }
}
