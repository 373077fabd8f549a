using System.Text.Json.Serialization;
using CptKb.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CptKb.Core.Import;

/// <summary>An import run's figures, without its file list.</summary>
/// <param name="RunId">The stored run's id.</param>
/// <param name="SourceFolder">The folder that was imported, as a full path.</param>
/// <param name="StartedAt">When the run started.</param>
/// <param name="FinishedAt">When it ended; null while it runs.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Error">Why it failed, when it did.</param>
/// <param name="Imported">Files whose article was new.</param>
/// <param name="Updated">Files whose article replaced a stored one.</param>
/// <param name="Unchanged">Files not parsed again because their bytes had not changed.</param>
/// <param name="Failed">Files that gave no article.</param>
/// <param name="Skipped">Links and folders that were not read.</param>
/// <param name="FileCount">Files the run looked at, and links and folders it did not read.</param>
public sealed record ImportRunSummary(
    int RunId,
    string SourceFolder,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    ImportRunStatus Status,
    string? Error,
    int Imported,
    int Updated,
    int Unchanged,
    int Failed,
    int Skipped,
    int FileCount)
{
    /// <summary>How long the run took; null while it runs.</summary>
    [JsonIgnore]
    public TimeSpan? Duration => FinishedAt - StartedAt;

    /// <summary>Articles withdrawn because their file is gone.</summary>
    public int Withdrawn { get; init; }

    /// <summary>Withdrawn articles made current again by their file.</summary>
    public int Restored { get; init; }
}

/// <summary>An import run and one page of its file results, failed files first.</summary>
/// <param name="Run">The run's figures.</param>
/// <param name="FailedOnly">Whether the files were narrowed to failed ones.</param>
/// <param name="Files">The page of file results: failed files first, then withdrawn and restored ones, then in file-name order.</param>
public sealed record ImportRunOverview(ImportRunSummary Run, bool FailedOnly, Paged<ImportFileReport> Files);

/// <summary>Reads an import run's file results a page at a time, so a run over 10,000 files is not read whole.</summary>
public sealed class ImportFileQueries(IDbContextFactory<KbDbContext> contexts)
{
    /// <summary>The most recently started run with one page of its files, or null when there has been no run.</summary>
    /// <param name="failedOnly">Only failed files.</param>
    /// <param name="page">Which page of files to read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<ImportRunOverview?> GetLatestAsync(bool failedOnly, PageRequest page, CancellationToken cancellationToken = default)
    {
        page = page.Normalized();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.ImportRuns.AsNoTracking()
            .OrderByDescending(r => r.Id)
            .Select(r => new ImportRunSummary(r.Id, r.SourceFolder, r.StartedAt, r.FinishedAt, r.Status, r.Error,
                r.ImportedCount, r.UpdatedCount, r.UnchangedCount, r.FailedCount,
                r.Files.Count(f => f.Status == ImportFileStatus.Skipped), r.Files.Count)
            {
                Withdrawn = r.Files.Count(f => f.Status == ImportFileStatus.Withdrawn),
                Restored = r.Files.Count(f => f.Status == ImportFileStatus.Restored),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (run is null)
            return null;

        var files = db.ImportRunFiles.AsNoTracking().Where(f => f.ImportRunId == run.RunId);
        if (failedOnly)
            files = files.Where(f => f.Status == ImportFileStatus.Failed);
        var total = await files.CountAsync(cancellationToken);
        var rows = await files
            .OrderBy(f => f.Status == ImportFileStatus.Failed ? 0
                : f.Status == ImportFileStatus.Withdrawn || f.Status == ImportFileStatus.Restored ? 1 : 2)
            .ThenBy(f => f.Position)
            .Skip(page.Skip).Take(page.PageSize)
            .ToListAsync(cancellationToken);
        var reports = rows.Select(f => new ImportFileReport(f.FileName, f.Status, f.Code, f.Messages)).ToList();
        return new ImportRunOverview(run, failedOnly, new Paged<ImportFileReport>(reports, total, page.Page, page.PageSize));
    }
}
