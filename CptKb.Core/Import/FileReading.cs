using System.Security;
using System.Security.Cryptography;
using CptKb.Core.Articles;
using CptKb.Core.Parsing;
using CptKb.Core.Search;
using CptKb.Core.Storage;

namespace CptKb.Core.Import;

/// <summary>
/// The importer's reading of one file, done in parallel ahead of the writer: its bytes and checksum, and unless they are
/// the stored ones, its text decoded, parsed and turned into what the writer stores (rows, index rows, compressed text).
/// </summary>
internal static class FileReading
{
    /// <summary>The message of a file that changed while it was read.</summary>
    public const string WrittenWhileRead =
        "the file was being written while it was read; it was left as stored and is read again by the next import";

    public static async Task<FileWork> ReadAsync(string root, string fileName, StoredContent stored, CancellationToken cancellationToken)
    {
        var path = Path.Combine(root, fileName);
        byte[] bytes;
        try
        {
            var before = new FileInfo(path);
            if (before.Length > Importer.MaxFileBytes)
            {
                return FileWork.Failed(fileName, $"the file is larger than {Importer.MaxFileBytes / (1024 * 1024)} MB; publications are a few kilobytes");
            }
            bytes = await File.ReadAllBytesAsync(path, cancellationToken);
            // A file written to while it was read may have been read half old, half new: none of it becomes a revision.
            // The stored revision stays; the write's end brings the file to the next import.
            var after = new FileInfo(path);
            if (bytes.LongLength != before.Length || after.Length != before.Length || after.LastWriteTimeUtc != before.LastWriteTimeUtc)
            {
                return FileWork.Failed(fileName, WrittenWhileRead);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SecurityException)
        {
            return FileWork.Failed(fileName, $"the file cannot be read: {ex.Message}");
        }

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (stored.UnchangedCode(fileName, sha256) is { } code)
        {
            return new FileWork(fileName, sha256) { Code = code, Unchanged = true };
        }

        var decoded = TextDecoder.Decode(bytes);
        var result = PublicationParser.Parse(decoded);
        var warnings = result.Warnings.Select(Describe).ToList();
        if (result.Article is not { } article || decoded.Text is not { } text)
        {
            return FileWork.Failed(fileName, result.Error ?? "the file is not a publication", warnings);
        }
        // The text is stored once, as the parser reads it; the article's rows and index rows are worked out here, in
        // parallel, so the one writer only writes.
        return new FileWork(fileName, sha256)
        {
            Code = article.Code,
            Row = article.ToStored(),
            Article = article,
            Index = [.. IndexedSection.From(0, article)],
            Content = StoredText.Compress(PublicationParser.Normalize(text)),
            DecodingNote = decoded.Warnings.FirstOrDefault()?.Message,
            Messages = warnings,
        };
    }

    private static string Describe(ParseWarning warning) =>
        warning.Line is { } line ? $"line {line}: {warning.Message}" : warning.Message;
}

/// <summary>One file after reading: unchanged, failed, or parsed into an article.</summary>
internal sealed record FileWork(string FileName, string? Sha256)
{
    public string? Code { get; init; }
    public bool Unchanged { get; init; }
    public StoredArticle? Row { get; init; }
    public Article? Article { get; init; }
    public IReadOnlyList<IndexedSection> Index { get; init; } = [];
    public byte[]? Content { get; init; }
    public string? DecodingNote { get; init; }
    public string? Error { get; init; }
    public List<string> Messages { get; init; } = [];

    public static FileWork Failed(string fileName, string error, List<string>? warnings = null) =>
        new(fileName, null) { Error = error, Messages = warnings ?? [] };
}
