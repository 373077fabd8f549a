using CptKb.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CptKb.Core.Import;

/// <summary>Reads import runs and their per-file results.</summary>
public sealed class ImportRunQueries(IDbContextFactory<KbDbContext> contexts)
{
    /// <summary>The most recently started run with its file results, or null when there has been none.</summary>
    public async Task<ImportRunReport?> GetLatestAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.ImportRuns.AsNoTracking().Include(r => r.Files)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        return run?.ToReport();
    }

    /// <summary>The run with the id, with its file results, or null when unknown.</summary>
    public async Task<ImportRunReport?> GetAsync(int runId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.ImportRuns.AsNoTracking().Include(r => r.Files)
            .SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
        return run?.ToReport();
    }
}
