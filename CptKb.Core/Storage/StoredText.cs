using System.IO.Compression;
using System.Text;

namespace CptKb.Core.Storage;

/// <summary>
/// How a revision's text is kept: UTF-8, Brotli-compressed. Publications are a few kilobytes of prose that Brotli's
/// built-in dictionary of common words suits; measured on the bench corpus it keeps about a third of the bytes, and
/// the text is then the only copy of the document's words in the database besides the search index.
/// </summary>
public static class StoredText
{
    // Quality 5 of 11: measured on the 10,000-document bench corpus, higher qualities gained a few percent at several
    // times the cost per document.
    private const int Quality = 5;
    private const int Window = 22;

    /// <summary>The text as stored.</summary>
    public static byte[] Compress(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(bytes.Length)];
        if (!BrotliEncoder.TryCompress(bytes, buffer, out var written, Quality, Window))
            throw new InvalidOperationException("The text could not be compressed.");
        return buffer[..written];
    }

    /// <summary>The text a stored value holds.</summary>
    /// <exception cref="InvalidDataException">The value is not text stored by <see cref="Compress"/>.</exception>
    public static string Decompress(byte[] stored)
    {
        using var input = new MemoryStream(stored, writable: false);
        using var brotli = new BrotliStream(input, CompressionMode.Decompress);
        using var reader = new StreamReader(brotli, Encoding.UTF8, detectEncodingFromByteOrderMarks: false);
        return reader.ReadToEnd();
    }

    /// <summary>The text of a revision, whether stored compressed or, before an upgrade, as plain text.</summary>
    public static string Of(SourceDocument revision) =>
        revision.Content is { } content ? Decompress(content) : revision.RawText ?? "";
}
