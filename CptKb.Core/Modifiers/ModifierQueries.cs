using CptKb.Core.Articles;
using CptKb.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CptKb.Core.Modifiers;

/// <summary>
/// Reads modifiers across every article's modifier table. Modifier codes are matched upper-cased; they are
/// ASCII letters and digits, so SQL's <c>upper()</c> folds them as .NET does.
/// </summary>
public sealed class ModifierQueries(IDbContextFactory<KbDbContext> contexts)
{
    /// <summary>The anchor the parser gives the section that holds the modifier table, used when an article has none.</summary>
    private const string DefaultTableAnchor = "coding-specifications";

    /// <summary>Every modifier some table lists, ordered by code (digits before letters). Rows without a code are left out.</summary>
    public async Task<IReadOnlyList<ModifierSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var counts = await db.Modifiers.AsNoTracking()
            .Where(m => m.Code != null)
            .GroupBy(m => m.Code!.ToUpper())
            .Select(g => new { Code = g.Key, Articles = g.Select(m => m.ArticleId).Distinct().Count() })
            .ToListAsync(cancellationToken);
        var descriptions = await DescriptionsAsync(db, code: null, cancellationToken);
        return [.. counts
            .Select(c => new ModifierSummary(c.Code, descriptions[c.Code].ToList(), c.Articles))
            .OrderBy(m => m.Code, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The modifier with its descriptions and, a page at a time, every table row that lists it, ordered by code.
    /// Null when no table lists it.
    /// </summary>
    /// <param name="modifier">The modifier in any letter case, e.g. <c>tc</c>.</param>
    /// <param name="page">Which page of rows to read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<ModifierDetail?> GetAsync(string modifier, PageRequest page, CancellationToken cancellationToken = default)
    {
        page = page.Normalized();
        var wanted = modifier.Trim().ToUpperInvariant();
        if (wanted.Length == 0)
            return null;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = db.Modifiers.AsNoTracking().Where(m => m.Code != null && m.Code.ToUpper() == wanted);
        var total = await rows.CountAsync(cancellationToken);
        if (total == 0)
            return null;
        var articleCount = await rows.Select(m => m.ArticleId).Distinct().CountAsync(cancellationToken);
        var descriptions = await DescriptionsAsync(db, wanted, cancellationToken);

        var usages = await (
                from m in rows
                join a in db.Articles on m.ArticleId equals a.Id
                // Code order (CptCode.SortKey, then the code).
                orderby a.CodeSortKey, a.Code, m.Position
                select new ModifierUsage(a.Code, a.Title, m.Description, m.WhenToUse, a.ModifierTableAnchor ?? DefaultTableAnchor))
            .Skip(page.Skip).Take(page.PageSize)
            .ToListAsync(cancellationToken);
        var summary = new ModifierSummary(wanted, [.. descriptions[wanted]], articleCount);
        return new ModifierDetail(summary, new Paged<ModifierUsage>(usages, total, page.Page, page.PageSize));
    }

    // Distinct descriptions per upper-cased modifier code, most used first; blank cells are left out.
    private static async Task<ILookup<string, string>> DescriptionsAsync(KbDbContext db, string? code, CancellationToken cancellationToken)
    {
        var rows = db.Modifiers.AsNoTracking().Where(m => m.Code != null && m.Description != null && m.Description != "");
        if (code is not null)
            rows = rows.Where(m => m.Code!.ToUpper() == code);
        var pairs = await rows
            .GroupBy(m => new { Code = m.Code!.ToUpper(), m.Description })
            .Select(g => new { g.Key.Code, g.Key.Description, Uses = g.Count() })
            .ToListAsync(cancellationToken);
        return pairs
            .GroupBy(p => (p.Code, Description: p.Description!.Trim()), new CodeAndTextComparer())
            .Select(g => (g.Key.Code, g.Key.Description, Uses: g.Sum(p => p.Uses)))
            .OrderByDescending(p => p.Uses).ThenBy(p => p.Description, StringComparer.OrdinalIgnoreCase)
            .ToLookup(p => p.Code, p => p.Description, StringComparer.Ordinal);
    }

    // Descriptions that differ only in case or surrounding blanks are one description.
    private sealed class CodeAndTextComparer : IEqualityComparer<(string Code, string Description)>
    {
        public bool Equals((string Code, string Description) x, (string Code, string Description) y) =>
            x.Code == y.Code && string.Equals(x.Description, y.Description, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((string Code, string Description) obj) =>
            HashCode.Combine(obj.Code, StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Description));
    }
}
