using CptKb.Core.Storage;

namespace CptKb.Core.Import;

internal static class ImportRunMapping
{
    public static ImportRunReport ToReport(this ImportRun run) => new(
        run.Id,
        run.SourceFolder,
        run.StartedAt,
        run.FinishedAt,
        run.Status,
        run.Error,
        run.ImportedCount,
        run.UpdatedCount,
        run.UnchangedCount,
        run.FailedCount,
        run.Files.Count(f => f.Status == ImportFileStatus.Skipped),
        [.. run.Files.OrderBy(f => f.Position).Select(f => new ImportFileReport(f.FileName, f.Status, f.Code, f.Messages))]);
}
