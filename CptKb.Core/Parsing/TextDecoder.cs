using System.Text;
using CptKb.Core.Articles;

namespace CptKb.Core.Parsing;

/// <summary>Turns a file's bytes into text, or says plainly why they are not a text document.</summary>
public static class TextDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Encoding Windows1252 = CreateWindows1252();

    private static Encoding CreateWindows1252()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }

    private static readonly (byte[] Magic, string What)[] KnownBinaries =
    [
        ([0x89, 0x50, 0x4E, 0x47], "a PNG image"),
        ([0xFF, 0xD8, 0xFF], "a JPEG image"),
        ([0x47, 0x49, 0x46, 0x38], "a GIF image"),
        ([0x25, 0x50, 0x44, 0x46], "a PDF document"),
        ([0x50, 0x4B, 0x03, 0x04], "a ZIP archive (such as a .docx or .xlsx file)"),
        ([0x1F, 0x8B], "a gzip archive"),
        ([0xD0, 0xCF, 0x11, 0xE0], "a legacy Office document"),
        ([0x7F, 0x45, 0x4C, 0x46], "an executable"),
    ];

    /// <summary>Decodes UTF-8 (with or without BOM), UTF-16 with BOM, or else Windows-1252 with a warning.</summary>
    public static DecodedText Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
            return DecodedText.Failed("the file is empty");

        foreach (var (magic, what) in KnownBinaries)
        {
            if (bytes.StartsWith(magic))
                return DecodedText.Failed($"the file is {what}, not a text document");
        }

        string text;
        var warnings = new List<ParseWarning>();
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            text = Encoding.Unicode.GetString(bytes[2..]);
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            text = Encoding.BigEndianUnicode.GetString(bytes[2..]);
        else
        {
            if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
                bytes = bytes[3..];
            if (bytes.Contains((byte)0))
                return DecodedText.Failed("the file looks binary (it contains NUL bytes), not a text document");
            try
            {
                text = StrictUtf8.GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                text = Windows1252.GetString(bytes);
                warnings.Add(new ParseWarning("the file is not valid UTF-8; it was read as Windows-1252", Kind: ParseWarningKind.EncodingFallback));
            }
        }

        if (string.IsNullOrWhiteSpace(text))
            return DecodedText.Failed("the file holds only whitespace");
        if (LooksBinary(text))
            return DecodedText.Failed("the file looks binary (mostly control characters), not a text document");
        return new DecodedText(text, null, warnings);
    }

    private static bool LooksBinary(string text)
    {
        // Sample the start: a text document has almost no control characters other than line breaks and tabs.
        var sample = text.AsSpan(0, Math.Min(text.Length, 8192));
        var control = 0;
        foreach (var c in sample)
        {
            if (c == '\0' || (char.IsControl(c) && c is not ('\n' or '\r' or '\t' or '\f')))
                control++;
        }
        return control > sample.Length / 10;
    }
}

/// <summary>The text of a file, or why it has none.</summary>
/// <param name="Text">The decoded text; null when <paramref name="Error"/> is set.</param>
/// <param name="Error">Why the bytes are not a text document.</param>
/// <param name="Warnings">What decoding noticed, such as a fallback to Windows-1252.</param>
public sealed record DecodedText(string? Text, string? Error, IReadOnlyList<ParseWarning> Warnings)
{
    internal static DecodedText Failed(string error) => new(null, error, []);
}
