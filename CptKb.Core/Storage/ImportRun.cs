namespace CptKb.Core.Storage;

/// <summary>One run of the importer over a folder, as stored.</summary>
public sealed class ImportRun
{
    /// <summary>Row id.</summary>
    public int Id { get; set; }

    /// <summary>The folder that was imported, as a full path.</summary>
    public required string SourceFolder { get; set; }

    /// <summary>When the run started.</summary>
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>When the run ended; null while it runs.</summary>
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>How the run ended.</summary>
    public ImportRunStatus Status { get; set; }

    /// <summary>Why the run failed, when it did.</summary>
    public string? Error { get; set; }

    /// <summary>Files whose article was new.</summary>
    public int ImportedCount { get; set; }

    /// <summary>Files whose article replaced a stored one.</summary>
    public int UpdatedCount { get; set; }

    /// <summary>Files not parsed again because their bytes had not changed.</summary>
    public int UnchangedCount { get; set; }

    /// <summary>Files that gave no article.</summary>
    public int FailedCount { get; set; }

    /// <summary>One result per file, in file-name order.</summary>
    public List<ImportRunFile> Files { get; set; } = [];
}

/// <summary>What happened to one file in an import run.</summary>
public sealed class ImportRunFile
{
    /// <summary>The run.</summary>
    public int ImportRunId { get; set; }

    /// <summary>0-based place in the run's file list.</summary>
    public int Position { get; set; }

    /// <summary>The path relative to the import folder, with '/' separators.</summary>
    public required string FileName { get; set; }

    /// <summary>What happened to the file.</summary>
    public ImportFileStatus Status { get; set; }

    /// <summary>The CPT code the file holds, when known.</summary>
    public string? Code { get; set; }

    /// <summary>Warnings and errors, in plain sentences.</summary>
    public List<string> Messages { get; set; } = [];
}

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
    /// folder deeper than the walk goes (see <c>FolderWalk</c> in Import); the message says which. Its path is the link's
    /// or the folder's.
    /// </summary>
    Skipped,
    /// <summary>
    /// The file is gone and no other file holds its code: its article was withdrawn (kept, with its revisions, but left
    /// out of lists and search). The path is the one its current revision was read from.
    /// </summary>
    Withdrawn,
    /// <summary>The file holds the code of a withdrawn article, which is current again (read from this file).</summary>
    Restored,
}
