using CptKb.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CptKb.Core.Gaps;

/// <summary>Reads every data gap (<see cref="Articles.DataGapKind"/>) across the articles, and how complete the knowledge base is.</summary>
public sealed class GapQueries(IDbContextFactory<KbDbContext> contexts)
{
    private const string PathSeparator = " > ";

    /// <summary>A page of the data gaps that pass <paramref name="filter"/>, with the choices the filters offer.</summary>
    /// <param name="filter">Payer, top-level section and code range or prefix; each optional.</param>
    /// <param name="page">Which page of gaps to read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<GapList> ListAsync(GapFilter filter, PageRequest page, CancellationToken cancellationToken = default)
    {
        page = page.Normalized();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var payers = await PayerDirectory.LoadAsync(db, cancellationToken);
        var perSection = await GapsPerSectionAsync(db, cancellationToken);

        var gaps = Filter(db, payers, filter);
        var articles = (filter.Codes ?? CodeFilter.None).Apply(db.Articles.AsNoTracking());
        var rows = from g in gaps
                   join a in articles on g.ArticleId equals a.Id
                   select new { a.Code, a.CodeSortKey, a.Title, g.Position, g.SectionPath, g.Anchor, g.FactLabel, g.Payer, g.Kind };

        var total = await rows.CountAsync(cancellationToken);
        // Code order (CptCode.SortKey, then the code), and within a code, document order.
        var pageRows = await rows
            .OrderBy(r => r.CodeSortKey).ThenBy(r => r.Code).ThenBy(r => r.Position)
            .Skip(page.Skip).Take(page.PageSize)
            .ToListAsync(cancellationToken);
        var items = pageRows
            .Select(r => new GapRow(r.Code, r.Title, TopLevel(r.SectionPath), r.SectionPath, r.Anchor, r.FactLabel, r.Payer, r.Kind))
            .ToList();

        return new GapList(
            filter,
            new Paged<GapRow>(items, total, page.Page, page.PageSize),
            perSection.Sum(s => s.Gaps),
            [.. payers.Select(p => p.Name).Order(StringComparer.OrdinalIgnoreCase)],
            [.. perSection.Select(s => s.Section).Order(StringComparer.OrdinalIgnoreCase)]);
    }

    /// <summary>
    /// Per payer, the codes naming it and its data gaps (ordered by name); per top-level section heading, its data gaps
    /// (most first). Both count the same gaps as the list.
    /// </summary>
    public async Task<Completeness> GetCompletenessAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var payers = await PayerDirectory.LoadAsync(db, cancellationToken);
        var gaps = (await db.DataGaps.AsNoTracking()
                .Where(g => g.Payer != null)
                .GroupBy(g => g.Payer!)
                .Select(g => new { Payer = g.Key, Gaps = g.Count() })
                .ToListAsync(cancellationToken))
            .GroupBy(g => g.Payer, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Sum(x => x.Gaps), StringComparer.OrdinalIgnoreCase);
        var perPayer = payers
            .Select(p => new PayerGaps(p.Name, p.ArticleCount, gaps.GetValueOrDefault(p.Name)))
            .OrderBy(p => p.Payer, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new Completeness(perPayer, await GapsPerSectionAsync(db, cancellationToken));
    }

    /// <summary>The data gaps that pass the payer and section parts of <paramref name="filter"/> (the code part is the articles').</summary>
    internal static IQueryable<StoredDataGap> Filter(KbDbContext db, IReadOnlyList<PayerName> payers, GapFilter filter)
    {
        var gaps = db.DataGaps.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Payer))
        {
            IReadOnlyList<string> spellings = PayerDirectory.Find(payers, filter.Payer)?.Spellings ?? [];
            gaps = gaps.Where(g => g.Payer != null && spellings.Contains(g.Payer));
        }
        if (!string.IsNullOrWhiteSpace(filter.Section))
        {
            var section = filter.Section.Trim();
            var below = section + PathSeparator;
            gaps = gaps.Where(g => g.SectionPath == section || g.SectionPath.StartsWith(below));
        }
        return gaps;
    }

    /// <summary>The top-level heading of a section path.</summary>
    internal static string TopLevel(string sectionPath)
    {
        var end = sectionPath.IndexOf(PathSeparator, StringComparison.Ordinal);
        return end < 0 ? sectionPath : sectionPath[..end];
    }

    private static async Task<List<SectionGaps>> GapsPerSectionAsync(KbDbContext db, CancellationToken cancellationToken)
    {
        var perPath = await db.DataGaps.AsNoTracking()
            .GroupBy(g => g.SectionPath)
            .Select(g => new { Path = g.Key, Gaps = g.Count() })
            .ToListAsync(cancellationToken);
        return [.. perPath
            .GroupBy(p => TopLevel(p.Path), StringComparer.Ordinal)
            .Select(g => new SectionGaps(g.Key, g.Sum(p => p.Gaps)))
            .OrderByDescending(s => s.Gaps).ThenBy(s => s.Section, StringComparer.OrdinalIgnoreCase)];
    }

}
