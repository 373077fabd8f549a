using System.Text;
using CptKb.Core.Parsing;

namespace CptKb.Tests.Parsing;

/// <summary>Bytes to text: UTF-8 with or without BOM, UTF-16 with BOM, Windows-1252 fallback, and files that are not text.</summary>
public class DecodingTests
{
    private const string Doc = "CPT 20962: Graft – résumé\nText.\n";

    [Fact]
    public void Utf8_with_a_bom_reads_without_warnings()
    {
        var result = PublicationParser.Parse([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Doc)]);
        Assert.Equal("Graft – résumé", result.Article?.Title);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Utf16_with_a_bom_reads_as_text()
    {
        var result = PublicationParser.Parse([0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Doc)]);
        Assert.Equal("Graft – résumé", result.Article?.Title);
    }

    [Fact]
    public void Invalid_utf8_is_read_as_windows_1252_with_a_warning()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var result = PublicationParser.Parse(Encoding.GetEncoding(1252).GetBytes(Doc));
        Assert.Equal("Graft – résumé", result.Article?.Title);
        Assert.Equal("the file is not valid UTF-8; it was read as Windows-1252", Assert.Single(result.Warnings).Message);
        Assert.Same(result.Warnings, result.Article?.Warnings);
    }

    [Theory]
    [InlineData(new byte[0], "the file is empty")]
    [InlineData(new byte[] { 0x20, 0x0A, 0x09, 0x0A }, "the file holds only whitespace")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, "the file is a PNG image, not a text document")]
    [InlineData(new byte[] { 0x43, 0x50, 0x54, 0x00, 0x01, 0x02 }, "the file looks binary (it contains NUL bytes), not a text document")]
    public void Files_that_are_not_text_are_errors_with_a_plain_reason(byte[] bytes, string error)
    {
        var result = PublicationParser.Parse(bytes);
        Assert.Null(result.Article);
        Assert.Equal(error, result.Error);
    }
}
