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
    /// A page of the payer × code matrix: one row per code that passes the request's filters, one column per chosen payer
    /// (by default the <see cref="MatrixRequest.DefaultPayerCount"/> payers that the most codes name), each cell the
    /// payer's stance. Only the page's rows are read, and their cells in one query.
    /// </summary>
    /// <param name="request">The columns, the filters and the page.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<PayerMatrix> GetMatrixAsync(MatrixRequest request, CancellationToken cancellationToken = default)
    {
        var page = request.Page.Normalized(MatrixRequest.MaxPageSize);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var payers = (await PayerDirectory.LoadAsync(db, cancellationToken))
            .OrderByDescending(p => p.ArticleCount).ThenBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
        var choices = payers.Select(p => new MatrixPayer(p.Name, p.ArticleCount)).ToList();

        var unknown = new List<string>();
        List<PayerName> columns;
        if (request.AllPayers)
            columns = payers;
        else if (request.Payers is { Count: > 0 } wanted)
        {
            var chosen = new HashSet<PayerName>();
            foreach (var name in wanted.Where(n => !string.IsNullOrWhiteSpace(n)))
            {
                if (PayerDirectory.Find(payers, name) is { } found)
                    chosen.Add(found);
                else if (!unknown.Contains(name.Trim(), StringComparer.OrdinalIgnoreCase))
                    unknown.Add(name.Trim());
            }
            columns = [.. payers.Where(chosen.Contains)];
        }
        else
            columns = [.. payers.Take(MatrixRequest.DefaultPayerCount)];

        var filtered = request.Codes.Apply(db.Articles.AsNoTracking());
        if (!string.IsNullOrWhiteSpace(request.SectionFor))
        {
            if (PayerDirectory.Find(payers, request.SectionFor) is { } sectionFor)
            {
                var spellingsOf = sectionFor.Spellings;
                filtered = filtered.Where(a => db.PayerSections.Any(s => s.ArticleId == a.Id && spellingsOf.Contains(s.Payer)));
            }
            else
            {
                if (!unknown.Contains(request.SectionFor.Trim(), StringComparer.OrdinalIgnoreCase))
                    unknown.Add(request.SectionFor.Trim());
                filtered = filtered.Where(a => false);
            }
        }
        var total = await filtered.CountAsync(cancellationToken);
        var articles = await filtered
            .InCodeOrder()
            .Skip(page.Skip).Take(page.PageSize)
            .Select(a => new { a.Id, a.Code, a.Title })
            .ToListAsync(cancellationToken);

        var rows = await CellsAsync(db, [.. articles.Select(a => (a.Id, a.Code, a.Title))], columns, cancellationToken);
        return new PayerMatrix(request with { Page = page }, choices, [.. columns.Select(c => c.Name)], unknown,
            new Paged<PayerMatrixRow>(rows, total, page.Page, page.PageSize));
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

    // One query for every cell of the page: the chosen payers' sections of its codes and the codes naming them as key
    // payers, so a cell is a look-up, whatever the number of rows and columns.
    private static async Task<List<PayerMatrixRow>> CellsAsync(
        KbDbContext db, List<(int Id, string Code, string Title)> articles, List<PayerName> columns, CancellationToken cancellationToken)
    {
        if (articles.Count == 0)
            return [];
        if (columns.Count == 0)
            return [.. articles.Select(a => new PayerMatrixRow(a.Code, a.Title, []))];
        var ids = articles.Select(a => a.Id).ToList();
        var spellings = columns.SelectMany(c => c.Spellings).ToList();
        var column = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
            foreach (var spelling in columns[i].Spellings)
                column[spelling] = i;

        // Two reads rather than one UNION: the stance is stored as text, and a constant stance in a UNION's second half
        // is sent as a number that PostgreSQL will not match with it.
        var sections = await db.PayerSections.AsNoTracking()
            .Where(s => ids.Contains(s.ArticleId) && spellings.Contains(s.Payer))
            .Select(s => new { s.ArticleId, Payer = s.Payer, Anchor = (string?)s.Anchor, IsSection = true, s.Stance, s.Position })
            .ToListAsync(cancellationToken);
        var keyPayers = await db.Payers.AsNoTracking()
            .Where(p => ids.Contains(p.ArticleId) && spellings.Contains(p.Name))
            .Select(p => new { p.ArticleId, Payer = p.Name, p.Position })
            .ToListAsync(cancellationToken);
        var mentions = sections.Concat(keyPayers.Select(p =>
            new { p.ArticleId, p.Payer, Anchor = (string?)null, IsSection = false, Stance = CoverageStance.NoSection, p.Position }));

        var cells = articles.ToDictionary(a => a.Id, _ => new PayerMatrixCell?[columns.Count]);
        // Sections first, in document order: the first section wins when an article has two for one payer, and a
        // section always wins over the key payer's name.
        foreach (var mention in mentions.OrderByDescending(m => m.IsSection).ThenBy(m => m.Position))
        {
            var row = cells[mention.ArticleId];
            var i = column[mention.Payer];
            row[i] ??= new PayerMatrixCell(mention.IsSection ? mention.Stance : CoverageStance.NoSection, mention.Anchor);
        }
        return [.. articles.Select(a => new PayerMatrixRow(a.Code, a.Title, cells[a.Id]))];
    }
}
