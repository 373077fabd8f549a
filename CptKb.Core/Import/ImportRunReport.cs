namespace CptKb.Core.Import;

/// <summary>How an import run ended.</summary>
public enum ImportRunStatus
{
    /// <summary>The run has not finished (or the application stopped during it).</summary>
    Running,
    /// <summary>Every file was looked at and the changes were saved; single files may still have failed.</summary>
    Succeeded,
    /// <summary>The run stopped; nothing it changed was saved.</summary>
    Failed,
}

/// <summary>What happened to one file in an import run.</summary>
public enum ImportFileStatus
{
    /// <summary>The file's code was new; its article was stored.</summary>
    Imported,
    /// <summary>The file's code was already stored; its article was replaced.</summary>
    Updated,
    /// <summary>The file's bytes were the same as last time; it was not read again.</summary>
    Unchanged,
    /// <summary>The file gave no article; the messages say why.</summary>
    Failed,
    /// <summary>
    /// Not read: a link to a folder already read or to a folder holding the import folder, a dangling link, or a
    /// folder deeper than the walk goes (see <see cref="FolderWalk"/>); the message says which. Its path is the link's
    /// or the folder's.
    /// </summary>
    Skipped,
}

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
    IReadOnlyList<ImportFileReport> Files);

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
public sealed record ImportProgress(int Done, int Total, string? CurrentFile);
