using CptKb.Core.Articles;
using CptKb.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CptKb.Core.Changes;

/// <summary>
/// Reads articles' histories and the change feed. The feed and the history lists come from the rows the importer
/// records; comparing two entries parses their stored texts again (kept parsed by <see cref="ParsedArticles"/>).
/// </summary>
public sealed class ChangeQueries(IDbContextFactory<KbDbContext> contexts, ParsedArticles parsed)
{
    /// <summary>Every entry of the article's history, newest first; empty when the code has none.</summary>
    public async Task<IReadOnlyList<RevisionInfo>> RevisionsAsync(string code, CancellationToken cancellationToken = default)
    {
        if (!CptCode.TryParse(code, out var wanted))
            return [];
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await (from r in db.ArticleRevisions.AsNoTracking()
                          where r.Code == wanted.Value
                          join s in db.SourceDocuments on r.SourceDocumentId equals s.Id
                          orderby r.Number descending
                          select new { r.Id, r.Number, r.RecordedAt, r.ImportRunId, s.FileName, s.Sha256, r.Event, r.ChangeCount })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var changes = (await db.ArticleChanges.AsNoTracking().Where(c => ids.Contains(c.RevisionId))
                .OrderBy(c => c.RevisionId).ThenBy(c => c.Position).ToListAsync(cancellationToken))
            .ToLookup(c => c.RevisionId);
        return [.. rows.Select(r => new RevisionInfo(r.Number, r.RecordedAt, r.ImportRunId, r.FileName, r.Sha256, KindOf(r.Event), r.ChangeCount,
            [.. changes[r.Id].Select(ToChange)]))];
    }

    /// <summary>The latest entry of the article's history, or null when it has none.</summary>
    public async Task<LatestRevision?> LatestAsync(string code, CancellationToken cancellationToken = default)
    {
        if (!CptCode.TryParse(code, out var wanted))
            return null;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ArticleRevisions.AsNoTracking().Where(r => r.Code == wanted.Value)
            .OrderByDescending(r => r.Number)
            .Select(r => new LatestRevision(r.Number, r.RecordedAt, r.ChangeCount))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Compares two entries of the article's history, whole. Without numbers, the latest with the one before it; with
    /// only <paramref name="to"/>, that one with the one before it. The older of the two is always the "from" side.
    /// </summary>
    public async Task<(ComparisonOutcome Outcome, RevisionComparison? Comparison)> CompareAsync(
        string code, int? from = null, int? to = null, CancellationToken cancellationToken = default)
    {
        if (!CptCode.TryParse(code, out var wanted))
            return (ComparisonOutcome.NoArticle, null);
        var revisions = await RevisionsAsync(wanted.Value, cancellationToken);
        if (revisions.Count == 0)
            return (ComparisonOutcome.NoArticle, null);
        var latest = revisions[0].Number;
        var toNumber = to ?? latest;
        var fromNumber = from ?? toNumber - 1;
        if (fromNumber > toNumber)
            (fromNumber, toNumber) = (toNumber, fromNumber);
        var toEntry = revisions.FirstOrDefault(r => r.Number == toNumber);
        var fromEntry = revisions.FirstOrDefault(r => r.Number == fromNumber);
        // Only the first entry is compared with nothing, and only when no "from" was asked for.
        if (toEntry is null || (fromEntry is null && (from is not null || fromNumber >= 1)))
            return (ComparisonOutcome.NoSuchRevision, null);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var numbers = new[] { fromNumber, toNumber };
        var sources = await (from r in db.ArticleRevisions.AsNoTracking()
                             where r.Code == wanted.Value && numbers.Contains(r.Number)
                             join s in db.SourceDocuments on r.SourceDocumentId equals s.Id
                             select new { r.Number, Source = s })
            .ToListAsync(cancellationToken);
        Article? Read(int number) => sources.FirstOrDefault(s => s.Number == number) is { } row ? parsed.Read(row.Source) : null;
        var after = Read(toNumber);
        if (after is null)
            return (ComparisonOutcome.NoSuchRevision, null);
        var before = fromEntry is null ? null : Read(fromNumber);
        var changes = new List<ArticleChange>();
        if (toEntry.Event is { } happened && fromEntry is not null)
            changes.Add(toEntry.Changes.FirstOrDefault(c => c.Kind == happened) ?? new ArticleChange(happened));
        if (fromEntry is not null && before is null)
            changes.AddRange(toEntry.Changes);
        else
            changes.AddRange(ArticleComparer.Compare(before, after));
        return (ComparisonOutcome.Compared, new RevisionComparison(wanted.Value, fromEntry, toEntry, before, after, changes, latest));
    }

    /// <summary>A page of the changes the filter lets through, newest first.</summary>
    public async Task<Paged<FeedChange>> FeedAsync(ChangeFilter filter, PageRequest page, CancellationToken cancellationToken = default)
    {
        page = page.Normalized();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var changes = Filtered(db.ArticleChanges.AsNoTracking(), filter);
        var total = await changes.CountAsync(cancellationToken);
        var rows = await (from c in changes
                          join r in db.ArticleRevisions on c.RevisionId equals r.Id
                          orderby c.ChangedAt descending, c.RevisionId descending, c.Position
                          select new { Change = c, r.Number })
            .Skip(page.Skip).Take(page.PageSize)
            .ToListAsync(cancellationToken);
        return new Paged<FeedChange>(
            [.. rows.Select(r => new FeedChange(r.Change.Id, r.Change.Code, r.Number, r.Change.ChangedAt, ToChange(r.Change)))],
            total, page.Page, page.PageSize);
    }

    /// <summary>The payers named by any change, for the feed's filter; in name order.</summary>
    public async Task<IReadOnlyList<string>> PayersAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var names = await db.ArticleChanges.AsNoTracking().Where(c => c.Payer != null).Select(c => c.Payer!).Distinct()
            .ToListAsync(cancellationToken);
        return [.. names.Order(StringComparer.OrdinalIgnoreCase)];
    }

    private static IQueryable<StoredChange> Filtered(IQueryable<StoredChange> changes, ChangeFilter filter)
    {
        if (!string.IsNullOrWhiteSpace(filter.Payer))
        {
            var payer = filter.Payer.Trim().ToLower();
            changes = changes.Where(c => c.Payer != null && c.Payer.ToLower() == payer);
        }
        if (filter.Kinds is { Count: > 0 } kinds)
        {
            var names = kinds.Select(k => k.ToString()).ToList();
            changes = changes.Where(c => names.Contains(c.Kind));
        }
        if (CptRange.ByKey(filter.RangeKey) is { } range)
        {
            if (range.SortKeys is var (first, last))
                changes = changes.Where(c => c.CodeSortKey >= first && c.CodeSortKey <= last);
            else
                foreach (var (from, to) in CptRange.All.Select(r => r.SortKeys).OfType<(int First, int Last)>())
                    changes = changes.Where(c => c.CodeSortKey < from || c.CodeSortKey > to);
        }
        if (filter.Code is { } code && CptCode.TryParse(code, out var wanted))
            changes = changes.Where(c => c.Code == wanted.Value);
        if (filter.Since is { } since)
            changes = changes.Where(c => c.ChangedAt >= since);
        if (filter.Until is { } until)
            changes = changes.Where(c => c.ChangedAt < until);
        return changes;
    }

    private static ChangeKind? KindOf(string? name) => Enum.TryParse<ChangeKind>(name, out var kind) ? kind : null;

    private static ArticleChange ToChange(StoredChange c) => new(
        KindOf(c.Kind) ?? ChangeKind.SectionTextChanged, c.Section, c.Payer, c.Label, c.Before, c.After,
        Enum.TryParse<ModifierCell>(c.Cell, out var cell) ? cell : null, c.SectionAnchor);
}
