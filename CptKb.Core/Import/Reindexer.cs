using CptKb.Core.Search;
using CptKb.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace CptKb.Core.Import;

/// <summary>
/// Writes everything the knowledge base derives from its stored texts again: each article's rows and its search index
/// rows, read from its current revision with today's parser, and every article's history with its changes. The stored revisions are the source; nothing else is read.
/// Runs by itself when the database was written by an older version (see <see cref="StoreInfo.CurrentDerivedVersion"/>), and on demand
/// (the <c>reindex</c> command). All or nothing, in one transaction.
/// </summary>
public sealed class Reindexer(
    IDbContextFactory<KbDbContext> contexts, ISearchIndex searchIndex, Importer importer, ILogger<Reindexer> logger)
{
    private const string DerivedVersion = StoreInfo.CurrentDerivedVersion;
    private const string DerivedVersionKey = StoreInfo.DerivedVersionKey;

    /// <summary>
    /// Rebuilds the derived rows when the database was written by another version, or still holds revisions stored before
    /// texts were compressed. Call once at start-up, after the migrations. Returns the number of articles rebuilt, or null
    /// when nothing had to be done.
    /// </summary>
    public async Task<int?> EnsureCurrentAsync(CancellationToken cancellationToken = default)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var version = await db.StoreInfo.AsNoTracking().Where(i => i.Key == DerivedVersionKey).Select(i => i.Value).FirstOrDefaultAsync(cancellationToken);
            var legacy = await db.SourceDocuments.AnyAsync(s => s.Content == null, cancellationToken);
            var empty = !await db.Articles.IgnoreQueryFilters().AnyAsync(cancellationToken);
            if (version == DerivedVersion && !legacy)
                return null;
            if (empty && !legacy)
            {
                await SetVersionAsync(db, cancellationToken);
                return null;
            }
        }
        return await importer.ExclusivelyAsync(async () =>
        {
            // Another node sharing the database may have rebuilt them while this one waited for the import lock.
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                var version = await db.StoreInfo.AsNoTracking().Where(i => i.Key == DerivedVersionKey).Select(i => i.Value).FirstOrDefaultAsync(cancellationToken);
                if (version == DerivedVersion && !await db.SourceDocuments.AnyAsync(s => s.Content == null, cancellationToken))
                    return (int?)null;
            }
            logger.LogInformation("The stored articles were written by another version; rebuilding them from their stored revisions");
            return await RebuildNowAsync(cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Rebuilds every article's rows and the whole search index from the stored revisions; returns the number of articles.</summary>
    public Task<int> RebuildAsync(CancellationToken cancellationToken = default) =>
        // One writer at a time: an import and a rebuild both replace articles.
        importer.ExclusivelyAsync(() => RebuildNowAsync(cancellationToken), cancellationToken);

    private async Task<int> RebuildNowAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var sqlite = transaction.GetDbTransaction();
        await CompressLegacyTextsAsync(db, cancellationToken);

        // Withdrawn articles too: their own row is derived like any other, and they stay withdrawn.
        var articles = await db.Articles.AsNoTracking().IgnoreQueryFilters().OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.SourceDocumentId, a.WithdrawnAt, a.WithdrawnInRunId }).ToListAsync(cancellationToken);
        var rebuilt = 0;
        using (var rows = new ImportRowWriter(db, sqlite, searchIndex))
        {
            rows.ClearIndex();
            foreach (var batch in articles.Chunk(500))
            {
                var ids = batch.Select(a => a.SourceDocumentId).ToList();
                var sources = await db.SourceDocuments.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
                foreach (var entry in batch)
                {
                    if (!sources.TryGetValue(entry.SourceDocumentId, out var source) || ParsedArticles.Parse(source) is not { } article)
                    {
                        // The revision no longer reads as an article: its old rows stay, unsearched, rather than be lost.
                        logger.LogWarning("The stored revision {Revision} of article {Id} no longer reads as an article; its rows were kept", entry.SourceDocumentId, entry.Id);
                        continue;
                    }
                    var row = article.ToStored();
                    row.Id = entry.Id;
                    row.SourceDocumentId = entry.SourceDocumentId;
                    rows.Delete(entry.Id);
                    if (entry.WithdrawnAt is { } withdrawnAt)
                    {
                        // Without parts or index rows, as the withdrawal left it.
                        rows.Insert(row, []);
                        rows.Withdraw(entry.Id, withdrawnAt, entry.WithdrawnInRunId);
                    }
                    else
                    {
                        rows.Insert(row, [.. IndexedSection.From(entry.Id, article)]);
                    }
                    rebuilt++;
                }
            }
        }
        await HistoryRebuild.RunAsync(db, sqlite, cancellationToken);
        await SetVersionAsync(db, cancellationToken);
        await ContentGeneration.ChangeAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        searchIndex.MarkChanged();
        await Importer.UpkeepAsync(db, rebuilt, logger, cancellationToken);
        return rebuilt;
    }

    // Revisions stored before texts were compressed hold them in RawText: move each into Content.
    private static async Task CompressLegacyTextsAsync(KbDbContext db, CancellationToken cancellationToken)
    {
        while (true)
        {
            var legacy = await db.SourceDocuments.Where(s => s.Content == null).OrderBy(s => s.Id).Take(500)
                .Select(s => new { s.Id, s.RawText }).ToListAsync(cancellationToken);
            if (legacy.Count == 0)
                return;
            foreach (var revision in legacy)
            {
                var content = StoredText.Compress(Parsing.PublicationParser.Normalize(revision.RawText ?? ""));
                await db.SourceDocuments.Where(s => s.Id == revision.Id)
                    .ExecuteUpdateAsync(set => set.SetProperty(s => s.Content, content).SetProperty(s => s.RawText, (string?)null), cancellationToken);
            }
        }
    }

    private static async Task SetVersionAsync(KbDbContext db, CancellationToken cancellationToken)
    {
        var updated = await db.StoreInfo.Where(i => i.Key == DerivedVersionKey)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.Value, DerivedVersion), cancellationToken);
        if (updated == 0)
        {
            db.StoreInfo.Add(new StoreInfo { Key = DerivedVersionKey, Value = DerivedVersion });
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
