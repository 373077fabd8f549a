using System.Runtime.CompilerServices;
using CptKb.Core.Articles;
using CptKb.Core.Codes;
using CptKb.Core.Gaps;
using CptKb.Core.Payers;
using CptKb.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CptKb.Core.Exports;

/// <summary>
/// The whole of a list, filtered as its page filters it, row after row as the database reads them: an export of
/// 10,000 codes never holds more than one batch of them in memory.
/// </summary>
public sealed class ExportQueries(IDbContextFactory<KbDbContext> contexts, PayerQueries payers)
{
    /// <summary>Codes read per batch: their payers and modifiers are read for a batch at once, not per code.</summary>
    internal const int BatchSize = 500;

    /// <summary>Every code that passes the filters of <paramref name="request"/>, in its sort order (its page is ignored).</summary>
    public async IAsyncEnumerable<CodeExportRow> CodesAsync(CodeListRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // One snapshot for the list and every batch's payers and modifiers: a code an import changes or removes meanwhile
        // is exported as it was when the export began, never half old and half new.
        await using var snapshot = await ReadSnapshot.BeginAsync(db, cancellationToken);
        var articles = CodeQueries.Sorted(CodeQueries.Filter(db, request), request)
            .Select(a => new ExportedArticle(a.Id, a.Code, a.Title, a.SiteOfService, a.DataGapCount));

        // One reader streams the articles; between two of its rows the same connection reads each batch's payers and
        // modifiers, so neither a collection per article (a query per row) nor a split query (which buffers the whole
        // list) is needed. An engine that runs one statement at a time per connection (PostgreSQL) reads the list a
        // batch at a time instead, each batch from the same snapshot, so the batches still add up to one list.
        var batches = StoreEngine.Of(db.Database.GetDbConnection()).ReadsBesideAnOpenReader
            ? Batches(articles.AsAsyncEnumerable(), cancellationToken)
            : BatchPages(articles, cancellationToken);
        await foreach (var batch in batches)
        {
            foreach (var row in await CompleteAsync(db, batch, cancellationToken))
                yield return row;
        }
    }

    private sealed record ExportedArticle(int Id, string Code, string Title, string? Site, int Gaps);

    private async IAsyncEnumerable<List<ExportedArticle>> Batches(
        IAsyncEnumerable<ExportedArticle> articles, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var batch = new List<ExportedArticle>(CodeBatchSize);
        await foreach (var article in articles.WithCancellation(cancellationToken))
        {
            batch.Add(article);
            if (batch.Count < CodeBatchSize)
                continue;
            yield return batch;
            batch = new List<ExportedArticle>(CodeBatchSize);
        }
        yield return batch;
    }

    private async IAsyncEnumerable<List<ExportedArticle>> BatchPages(
        IQueryable<ExportedArticle> articles, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var skip = 0; ; skip += CodeBatchSize)
        {
            var batch = await articles.Skip(skip).Take(CodeBatchSize).ToListAsync(cancellationToken);
            yield return batch;
            if (batch.Count < CodeBatchSize)
                yield break;
        }
    }

    /// <summary>Codes of the code list read per batch (<see cref="BatchSize"/>; fewer in tests, to cross batches with few codes).</summary>
    internal int CodeBatchSize { get; init; } = BatchSize;

    private static async Task<List<CodeExportRow>> CompleteAsync(KbDbContext db, List<ExportedArticle> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
            return [];
        var ids = batch.Select(a => a.Id).ToList();
        var payers = (await db.Payers.AsNoTracking().Where(p => ids.Contains(p.ArticleId))
                .Select(p => new { p.ArticleId, p.Position, p.Name }).ToListAsync(cancellationToken))
            .OrderBy(p => p.Position).ToLookup(p => p.ArticleId, p => p.Name);
        var modifiers = (await db.Modifiers.AsNoTracking().Where(m => ids.Contains(m.ArticleId) && m.Code != null)
                .Select(m => new { m.ArticleId, m.Position, m.Code }).ToListAsync(cancellationToken))
            .OrderBy(m => m.Position).ToLookup(m => m.ArticleId, m => m.Code!);
        return [.. batch.Select(a => new CodeExportRow(a.Code, a.Title, CptRange.Of(a.Code).Label,
            [.. payers[a.Id]], a.Site, [.. modifiers[a.Id]], a.Gaps))];
    }

    /// <summary>Every data gap that passes <paramref name="filter"/>, in code order and, within a code, document order.</summary>
    public async IAsyncEnumerable<GapExportRow> GapsAsync(GapFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // The payer names the filter matches and the gaps themselves, read from one state of the store.
        await using var snapshot = await ReadSnapshot.BeginAsync(db, cancellationToken);
        var payers = await PayerDirectory.LoadAsync(db, cancellationToken);
        var articles = (filter.Codes ?? CodeFilter.None).Apply(db.Articles.AsNoTracking());
        var rows = from g in GapQueries.Filter(db, payers, filter)
                   join a in articles on g.ArticleId equals a.Id
                   orderby a.CodeSortKey, a.Code, g.Position
                   select new GapExportRow(a.Code, a.Title, g.SectionPath, g.FactLabel, g.Payer, g.Kind);
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
            yield return row;
    }

    /// <summary>
    /// Every modifier table row that lists <paramref name="modifier"/> (any letter case), in code order; nothing when no
    /// table lists it (<see cref="Modifiers.ModifierQueries.GetAsync"/> says whether one does).
    /// </summary>
    public async IAsyncEnumerable<ModifierExportRow> ModifierAsync(string modifier, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var wanted = modifier.Trim().ToUpperInvariant();
        if (wanted.Length == 0)
            yield break;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = from m in db.Modifiers.AsNoTracking()
                   where m.Code != null && m.Code.ToUpper() == wanted
                   join a in db.Articles.AsNoTracking() on m.ArticleId equals a.Id
                   orderby a.CodeSortKey, a.Code, m.Position
                   select new ModifierExportRow(a.Code, a.Title, m.Description, m.WhenToUse);
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
            yield return row;
    }

    /// <summary>
    /// The payer × code matrix over every code that passes the filters of <paramref name="request"/> (its page is
    /// ignored): its columns, exactly as the matrix page shows them for the same request, and its rows in code order,
    /// read a batch of codes at a time. Null rows are never returned; <see cref="MatrixExport.UnknownPayers"/> names
    /// what no code names.
    /// </summary>
    public async Task<MatrixExport> MatrixAsync(MatrixRequest request, CancellationToken cancellationToken = default)
    {
        var first = await payers.GetMatrixAsync(request with { Page = new PageRequest(1, MatrixRequest.MaxPageSize) }, cancellationToken);
        return new MatrixExport(first.Payers, first.UnknownPayers, MatrixRowsAsync(first, cancellationToken));
    }

    private async IAsyncEnumerable<PayerMatrixRow> MatrixRowsAsync(PayerMatrix first, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Later batches ask for the first batch's columns by name, so a payer first named by a code imported meanwhile
        // does not shift them.
        var request = first.Request with { Payers = first.Payers, AllPayers = false };
        var page = first;
        while (true)
        {
            foreach (var row in page.Rows.Items)
                yield return row;
            if (page.Rows.Page >= page.Rows.PageCount)
                yield break;
            page = await payers.GetMatrixAsync(request with { Page = new PageRequest(page.Rows.Page + 1, MatrixRequest.MaxPageSize) }, cancellationToken);
            // A payer whose last code went meanwhile is no column any more: its cells stay empty.
            if (!page.Payers.SequenceEqual(first.Payers, StringComparer.Ordinal))
                page = page with { Rows = page.Rows with { Items = [.. page.Rows.Items.Select(r => Realigned(r, page.Payers, first.Payers))] } };
        }
    }

    private static PayerMatrixRow Realigned(PayerMatrixRow row, IReadOnlyList<string> from, IReadOnlyList<string> to) =>
        row with { Cells = [.. to.Select(payer => from.ToList().IndexOf(payer) is var i and >= 0 ? row.Cells[i] : null)] };
}
