using CptKb.Core.Import;
using CptKb.Core.Search;
using CptKb.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CptKb.Core.Samples;

/// <summary>
/// The generated sample's articles in the store: those whose text carries <see cref="Parsing.SampleMark"/>
/// (<see cref="StoredArticle.IsSample"/>). Nothing here touches an article read from a real publication.
/// </summary>
public sealed class SampleArticles(IDbContextFactory<KbDbContext> contexts, ISearchIndex searchIndex, Importer importer)
{
    /// <summary>How many generated sample articles are stored.</summary>
    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Articles.CountAsync(a => a.IsSample, cancellationToken);
    }

    /// <summary>The codes of the stored articles that are not generated samples: a sample must never replace one of them.</summary>
    public async Task<IReadOnlySet<string>> RealCodesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await db.Articles.IgnoreQueryFilters().Where(a => !a.IsSample).Select(a => a.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Removes the generated sample articles, with their search index rows and every stored revision of their files, in
    /// one transaction; articles in <paramref name="keep"/> (by code) stay. Returns the number of articles removed.
    /// </summary>
    /// <param name="keep">Codes of sample articles to keep; null removes them all.</param>
    /// <param name="cancellationToken">Stops before anything is committed.</param>
    public Task<int> RemoveAsync(IReadOnlySet<string>? keep = null, CancellationToken cancellationToken = default) =>
        // One writer at a time, as for an import or a rebuild.
        importer.ExclusivelyAsync(() => RemoveNowAsync(keep, cancellationToken), cancellationToken);

    private async Task<int> RemoveNowAsync(IReadOnlySet<string>? keep, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Withdrawn sample articles go too: the query filter that hides them from lists must not keep them here.
        var samples = (await db.Articles.AsNoTracking().IgnoreQueryFilters().Where(a => a.IsSample)
                .Select(a => new { a.Id, a.Code, FileName = a.SourceDocument!.FileName })
                .ToListAsync(cancellationToken))
            .Where(a => keep is null || !keep.Contains(a.Code))
            .ToList();
        if (samples.Count == 0)
            return 0;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        using (var rows = new ImportRowWriter(db, transaction.GetDbTransaction(), searchIndex))
        {
            foreach (var sample in samples)
                rows.Delete(sample.Id);
        }
        // The files' revisions go too, unless an article still reads from one of them.
        foreach (var names in samples.Select(s => s.FileName).Distinct(StringComparer.Ordinal).Chunk(500))
        {
            await db.SourceDocuments
                .Where(s => names.Contains(s.FileName) && !db.Articles.IgnoreQueryFilters().Any(a => a.SourceDocumentId == s.Id))
                .ExecuteDeleteAsync(cancellationToken);
        }
        await ContentGeneration.ChangeAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        searchIndex.MarkChanged();
        return samples.Count;
    }
}
