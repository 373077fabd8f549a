using CptKb.Core.Articles;

namespace CptKb.Core.Parsing;

/// <summary>Reads a publication's text into an <see cref="Article"/>. Never throws on any input.</summary>
public static class PublicationParser
{
    /// <summary>Decodes raw file bytes (UTF-8, UTF-16 with BOM, else Windows-1252) and parses them.</summary>
    public static ParseResult Parse(ReadOnlySpan<byte> bytes) => throw new NotImplementedException();

    /// <summary>Parses document text.</summary>
    public static ParseResult Parse(string text) => throw new NotImplementedException();
}
