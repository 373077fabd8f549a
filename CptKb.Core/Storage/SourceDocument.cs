namespace CptKb.Core.Storage;

/// <summary>
/// One revision of an imported file: its text, stored once and compressed (<see cref="StoredText"/>). A file whose bytes
/// change gets a new row with the next revision; older rows, and their text, are kept. Everything else about an article
/// is read from its latest revision's text.
/// </summary>
public sealed class SourceDocument
{
    /// <summary>Row id.</summary>
    public int Id { get; set; }

    /// <summary>The path relative to the import folder, with '/' separators.</summary>
    public required string FileName { get; set; }

    /// <summary>1 for the first import of the file, then one more for each change.</summary>
    public int Revision { get; set; }

    /// <summary>The file's text as decoded at import (no byte order mark, "\n" line ends), compressed by <see cref="StoredText"/>.</summary>
    public byte[]? Content { get; set; }

    /// <summary>
    /// The text of a revision stored before texts were compressed; moved into <see cref="Content"/> (and cleared) when the
    /// database is upgraded. Null for every revision stored since.
    /// </summary>
    public string? RawText { get; set; }

    /// <summary>What decoding the file's bytes noticed (e.g. it was read as Windows-1252), said again whenever it is read.</summary>
    public string? DecodingNote { get; set; }

    /// <summary>SHA-256 of the file's bytes, lowercase hex.</summary>
    public required string Sha256 { get; set; }

    /// <summary>When this revision was stored.</summary>
    public DateTimeOffset ImportedAt { get; set; }

    /// <summary>The import run that stored this revision.</summary>
    public int? ImportRunId { get; set; }
}
