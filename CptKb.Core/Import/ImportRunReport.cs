using CptKb.Core.Storage;

namespace CptKb.Core.Import;

/// <summary>The outcome of one import run.</summary>
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
/// <param name="Skipped">Links and folders that were not read (<see cref="ImportFileStatus.Skipped"/>).</param>
/// <param name="Files">One result per file, and per link or folder not read, in ordinal order of path. Empty for a failed run.</param>
public sealed record ImportRunReport(
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
    IReadOnlyList<ImportFileReport> Files)
{
    /// <summary>Articles withdrawn because their file is gone (<see cref="ImportFileStatus.Withdrawn"/>).</summary>
    public int Withdrawn => Files.Count(f => f.Status == ImportFileStatus.Withdrawn);

    /// <summary>Withdrawn articles made current again by their file (<see cref="ImportFileStatus.Restored"/>).</summary>
    public int Restored => Files.Count(f => f.Status == ImportFileStatus.Restored);

    /// <summary>
    /// The node whose import this run waited for before it started (on PostgreSQL, several nodes sharing the database),
    /// in plain words; null when it did not wait. Known to the run that waited, not kept in the run history.
    /// </summary>
    public string? WaitedFor { get; init; }
}

/// <summary>What happened to one file in an import run.</summary>
/// <param name="FileName">The path relative to the import folder, with '/' separators.</param>
/// <param name="Status">What happened to it.</param>
/// <param name="Code">The CPT code it holds, when known.</param>
/// <param name="Messages">Warnings and errors, in plain sentences.</param>
public sealed record ImportFileReport(string FileName, ImportFileStatus Status, string? Code, IReadOnlyList<string> Messages);

/// <summary>How far an import run has got.</summary>
/// <param name="Done">Files finished so far.</param>
/// <param name="Total">Files in the run.</param>
/// <param name="CurrentFile">The file just finished, relative to the import folder.</param>
public sealed record ImportProgress(int Done, int Total, string? CurrentFile)
{
    /// <summary>
    /// Set (with nothing done yet) when the run waits for another node's import to finish: which node holds the
    /// database's import lock, in plain words.
    /// </summary>
    public string? WaitingFor { get; init; }
}
