namespace CptKb.Core.Storage;

/// <summary>
/// One revision of an imported file. A file whose bytes change gets a new row with the next revision;
/// older rows, and their text, are kept.
/// </summary>
public sealed class SourceDocument
{
    /// <summary>Row id.</summary>
    public int Id { get; set; }

    /// <summary>The path relative to the import folder, with '/' separators.</summary>
    public required string FileName { get; set; }

    /// <summary>1 for the first import of the file, then one more for each change.</summary>
    public int Revision { get; set; }

    /// <summary>The file's text as decoded at import.</summary>
    public required string RawText { get; set; }

    /// <summary>SHA-256 of the file's bytes, lowercase hex.</summary>
    public required string Sha256 { get; set; }

    /// <summary>When this revision was stored.</summary>
    public DateTimeOffset ImportedAt { get; set; }

    /// <summary>The import run that stored this revision.</summary>
    public int? ImportRunId { get; set; }
}
