using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace CptKb.Tests.TestSupport;

/// <summary>
/// The text of each page of a PDF as Chromium prints it: page contents compressed with Flate, text drawn as two-byte
/// glyph ids in hex strings, turned back into characters by each font's ToUnicode map. Enough to read what a printed
/// page says (words may come out with extra blanks between runs); not a general PDF reader.
/// </summary>
public static partial class PdfText
{
    /// <summary>Each page's text, in page order.</summary>
    public static IReadOnlyList<string> Pages(byte[] pdf)
    {
        var file = Encoding.Latin1.GetString(pdf);
        var objects = new Dictionary<int, string>();
        foreach (Match m in ObjectPattern().Matches(file))
            objects[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)] = m.Groups[2].Value;

        var unicodeMaps = new Dictionary<int, Dictionary<int, string>>();
        var root = objects.FirstOrDefault(o => PagesPattern().IsMatch(o.Value) && !ParentPattern().IsMatch(o.Value));
        var pages = new List<string>();
        Walk(root.Key);
        return pages;

        void Walk(int id)
        {
            var body = objects[id];
            if (PagesPattern().IsMatch(body))
            {
                var kids = KidsPattern().Match(body);
                foreach (Match kid in ReferencePattern().Matches(kids.Groups[1].Value))
                    Walk(int.Parse(kid.Groups[1].Value, CultureInfo.InvariantCulture));
                return;
            }
            pages.Add(PageText(body));
        }

        string PageText(string page)
        {
            var fonts = Fonts(page);
            var contents = ContentsPattern().Match(page);
            var streams = contents.Success ? ReferencePattern().Matches(contents.Groups[1].Value).Select(r => Stream(objects[int.Parse(r.Groups[1].Value, CultureInfo.InvariantCulture)])) : [];
            var text = new StringBuilder();
            foreach (var stream in streams)
            {
                Dictionary<int, string>? font = null;
                foreach (Match token in TextPattern().Matches(stream))
                {
                    if (token.Groups[1].Success)
                        font = fonts.TryGetValue(token.Groups[1].Value, out var fontId) ? UnicodeMap(fontId) : null;
                    else if (token.Groups[2].Success && font is not null)
                    {
                        var hex = token.Groups[2].Value;
                        for (var i = 0; i + 4 <= hex.Length; i += 4)
                            text.Append(font.GetValueOrDefault(int.Parse(hex.AsSpan(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture), "?"));
                    }
                    else if (token.Groups[3].Success)
                        text.Append(' ');
                }
            }
            return Blanks().Replace(text.ToString(), " ").Trim();
        }

        Dictionary<string, int> Fonts(string page)
        {
            var resources = ResourcesReference().Match(page) is { Success: true } r ? objects[int.Parse(r.Groups[1].Value, CultureInfo.InvariantCulture)] : page;
            var fontDictionary = FontReference().Match(resources) is { Success: true } f ? objects[int.Parse(f.Groups[1].Value, CultureInfo.InvariantCulture)]
                : FontDictionary().Match(resources).Groups[1].Value;
            return NamedReference().Matches(fontDictionary).ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        }

        Dictionary<int, string> UnicodeMap(int fontId)
        {
            if (unicodeMaps.TryGetValue(fontId, out var known))
                return known;
            var map = new Dictionary<int, string>();
            if (ToUnicodePattern().Match(objects[fontId]) is { Success: true } reference)
            {
                var cmap = Stream(objects[int.Parse(reference.Groups[1].Value, CultureInfo.InvariantCulture)]);
                foreach (Match block in CharBlock().Matches(cmap))
                {
                    foreach (Match pair in CharPair().Matches(block.Groups[1].Value))
                        map[Hex(pair.Groups[1].Value)] = Utf16(pair.Groups[2].Value);
                }
                foreach (Match block in RangeBlock().Matches(cmap))
                {
                    foreach (Match range in RangeTriple().Matches(block.Groups[1].Value))
                    {
                        var (first, last, start) = (Hex(range.Groups[1].Value), Hex(range.Groups[2].Value), Hex(range.Groups[3].Value));
                        for (var code = first; code <= last; code++)
                            map[code] = char.ConvertFromUtf32(start + code - first);
                    }
                }
            }
            unicodeMaps[fontId] = map;
            return map;
        }
    }

    private static string Stream(string body)
    {
        var match = StreamPattern().Match(body);
        if (!match.Success)
            return "";
        var raw = Encoding.Latin1.GetBytes(match.Groups[1].Value);
        if (!body.Contains("/FlateDecode", StringComparison.Ordinal))
            return match.Groups[1].Value;
        using var inflated = new ZLibStream(new MemoryStream(raw), CompressionMode.Decompress);
        using var result = new MemoryStream();
        inflated.CopyTo(result);
        return Encoding.Latin1.GetString(result.ToArray());
    }

    private static int Hex(string hex) => int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static string Utf16(string hex) => Encoding.BigEndianUnicode.GetString(Convert.FromHexString(hex));

    [GeneratedRegex(@"(\d+) 0 obj(.*?)endobj", RegexOptions.Singleline)]
    private static partial Regex ObjectPattern();

    [GeneratedRegex(@"/Type\s*/Pages\b")]
    private static partial Regex PagesPattern();

    [GeneratedRegex(@"/Parent\s+\d+ 0 R")]
    private static partial Regex ParentPattern();

    [GeneratedRegex(@"/Kids\s*\[(.*?)\]", RegexOptions.Singleline)]
    private static partial Regex KidsPattern();

    [GeneratedRegex(@"(\d+) 0 R")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex(@"/Contents\s*(\[.*?\]|\d+ 0 R)", RegexOptions.Singleline)]
    private static partial Regex ContentsPattern();

    [GeneratedRegex(@"/Resources\s+(\d+) 0 R")]
    private static partial Regex ResourcesReference();

    [GeneratedRegex(@"/Font\s+(\d+) 0 R")]
    private static partial Regex FontReference();

    [GeneratedRegex(@"/Font\s*<<(.*?)>>", RegexOptions.Singleline)]
    private static partial Regex FontDictionary();

    [GeneratedRegex(@"/([\w.+-]+)\s+(\d+) 0 R")]
    private static partial Regex NamedReference();

    [GeneratedRegex(@"/ToUnicode\s+(\d+) 0 R")]
    private static partial Regex ToUnicodePattern();

    [GeneratedRegex(@"stream\r?\n(.*?)\r?\nendstream", RegexOptions.Singleline)]
    private static partial Regex StreamPattern();

    [GeneratedRegex(@"/([\w.+-]+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>|\b(ET)\b")]
    private static partial Regex TextPattern();

    [GeneratedRegex(@"beginbfchar(.*?)endbfchar", RegexOptions.Singleline)]
    private static partial Regex CharBlock();

    [GeneratedRegex(@"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")]
    private static partial Regex CharPair();

    [GeneratedRegex(@"beginbfrange(.*?)endbfrange", RegexOptions.Singleline)]
    private static partial Regex RangeBlock();

    [GeneratedRegex(@"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")]
    private static partial Regex RangeTriple();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Blanks();
}
