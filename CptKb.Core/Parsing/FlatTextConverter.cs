using System.Text;
using System.Text.RegularExpressions;
using CptKb.Core.Articles;

namespace CptKb.Core.Parsing;

/// <summary>
/// Rewrites the flattened form of a publication (headings as bare lines, a bullet marker alone on
/// its line, table rows without their leading pipe) as ordinary Markdown, keeping a map from each
/// Markdown line back to its source line. Documents already written as Markdown pass through.
/// </summary>
internal static partial class FlatTextConverter
{
    [GeneratedRegex(@"^ {0,3}#{1,6}[ \t]+\S", RegexOptions.Multiline)]
    private static partial Regex AtxHeading();

    [GeneratedRegex(@"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")]
    private static partial Regex TableDelimiterRow();

    [GeneratedRegex(@"^([-*+•–])\s+(.*)$")]
    private static partial Regex BulletLine();

    private static readonly HashSet<string> SmallWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "or", "of", "the", "for", "in", "on", "to", "with", "by", "at", "vs", "per", "&", "-", "–", "/",
    };

    /// <summary>True when the text already uses Markdown headings, so it needs no rewriting.</summary>
    public static bool IsMarkdown(string text) => AtxHeading().IsMatch(text);

    public static ConvertedText Convert(string text, IReadOnlyList<string> keyPayers)
    {
        var lines = text.Split('\n');
        if (IsMarkdown(text))
            return LimitNesting(text, lines);

        var md = new StringBuilder(text.Length + text.Length / 8);
        var map = new List<int>(lines.Length * 2);
        var inTable = false;
        var inList = false;
        var pendingBullet = false;
        SectionKind? top = null;

        void Emit(string line, int source)
        {
            md.Append(line).Append('\n');
            map.Add(source);
        }

        void Blank(int source)
        {
            if (map.Count > 0 && md.Length >= 2 && md[^2] != '\n')
                Emit("", source);
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var source = i + 1;
            var t = lines[i].Trim();
            if (t.Length == 0)
                continue;

            if (IsTableRow(t, lines, i, inTable))
            {
                if (!inTable)
                {
                    Blank(source);
                    inTable = true;
                    inList = false;
                }
                Emit(t[0] == '|' ? t : "| " + t, source);
                continue;
            }
            if (inTable)
            {
                inTable = false;
                Blank(source);
            }

            if (t is "-" or "*" or "+" or "•" or "–")
            {
                pendingBullet = true;
                continue;
            }
            var bullet = t[0] is '-' or '*' or '+' or '•' or '–' ? BulletLine().Match(t) : Match.Empty;
            if (pendingBullet || bullet.Success)
            {
                var item = pendingBullet ? t : bullet.Groups[2].Value;
                pendingBullet = false;
                if (!inList)
                    Blank(source);
                inList = true;
                Emit("- " + EscapeBlockStart(item), source);
                continue;
            }
            inList = false;

            var heading = ClassifyHeading(t, top, keyPayers);
            if (heading is { } h)
            {
                if (h.Level == 2)
                    top = h.Kind;
                Blank(source);
                Emit(new string('#', h.Level) + " " + t, source);
                Emit("", source);
                continue;
            }

            Blank(source);
            Emit(EscapeBlockStart(t), source);
        }

        return new ConvertedText(md.ToString(), [.. map], []);
    }

    private const int MaxIndent = 48;
    private const int MaxQuoteDepth = 16;

    // Markdig refuses input nested past its depth limit; such nesting carries no meaning in a publication,
    // so it is flattened (with a warning) instead of losing the whole document.
    private static ConvertedText LimitNesting(string text, string[] lines)
    {
        var map = Enumerable.Range(1, lines.Length).ToArray();
        int? first = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var indent = 0;
            while (indent < line.Length && (line[indent] == ' ' || line[indent] == '\t'))
                indent++;
            var quotes = 0;
            for (var j = indent; j < line.Length && (line[j] == '>' || line[j] == ' '); j++)
            {
                if (line[j] == '>')
                    quotes++;
            }
            if (indent <= MaxIndent && quotes <= MaxQuoteDepth)
                continue;
            var rest = line.AsSpan(indent).TrimStart("> ");
            lines[i] = new string(' ', Math.Min(indent, MaxIndent)) + new string('>', Math.Min(quotes, MaxQuoteDepth)) + (quotes > 0 ? " " : "") + rest.ToString();
            first ??= i + 1;
        }
        if (first is null)
            return new ConvertedText(text, map, []);
        return new ConvertedText(string.Join('\n', lines), map,
            [new ParseWarning("lists or quotes nested too deeply were flattened", first)]);
    }

    private static bool IsTableRow(string t, string[] lines, int i, bool inTable)
    {
        if (!t.Contains('|'))
            return false;
        if (inTable || t[0] == '|')
            return true;
        // A header row without its leading pipe is still a table when a delimiter row follows.
        return i + 1 < lines.Length && TableDelimiterRow().IsMatch(lines[i + 1].Trim());
    }

    private static (int Level, SectionKind? Kind)? ClassifyHeading(string t, SectionKind? top, IReadOnlyList<string> keyPayers)
    {
        if (t.Length > 80 || t.EndsWith('.') || t.EndsWith(',') || t.EndsWith(';') || t.EndsWith(':'))
            return null;
        if (t.Contains("CPT", StringComparison.OrdinalIgnoreCase) && TitleLine.IsMatch(t))
            return null;

        if (SectionRules.KnownKind(t) is { } kind)
        {
            var child = SectionRules.IsClinicalChild(kind) && top == SectionKind.ClinicalCodingSpecifications;
            return (child ? 3 : 2, kind);
        }

        var underParent = top is SectionKind.PayerCoverage or SectionKind.ClinicalCodingSpecifications;
        if (top == SectionKind.PayerCoverage && keyPayers.Any(p => string.Equals(p, t, StringComparison.OrdinalIgnoreCase)))
            return (3, SectionKind.Payer);
        if (!LooksLikeHeading(t))
            return null;
        return (underParent ? 3 : 2, null);
    }

    private static bool LooksLikeHeading(string t)
    {
        if (t.EndsWith('!') || t.EndsWith('?') || t.Contains('|') || t.Contains(": ", StringComparison.Ordinal))
            return false;
        if (!char.IsUpper(t[0]) && !char.IsDigit(t[0]))
            return false;
        var words = t.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 10)
            return false;
        foreach (var word in words)
        {
            if (SmallWords.Contains(word.ToLowerInvariant()))
                continue;
            var first = word.TrimStart('(', '"', '“', '\'');
            if (first.Length > 0 && !char.IsUpper(first[0]) && !char.IsDigit(first[0]))
                return false;
        }
        return true;
    }

    // A bare line that Markdown would read as something else (a heading underline, a fence, an
    // indented block) is escaped so that it stays a paragraph of text.
    private static string EscapeBlockStart(string t)
    {
        if (t.Length == 0)
            return t;
        var c = t[0];
        var escape = c is '#' or '=' or '`' or '~' or '>'
            || (c is '-' or '+' or '*' or '_' && (t.Length == 1 || t[1] == ' ' || t.All(ch => ch == c || ch == ' ')));
        return escape ? "\\" + t : t;
    }

    internal static readonly Regex TitleLine = TitleLineRegex();

    [GeneratedRegex(@"^[*_]*\s*CPT(?:®|\(R\))?\s+(?:code\s+)?(\d{4}[0-9A-Za-z])\s*[*_]*\s*[:\-–—]\s*(.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex TitleLineRegex();
}

/// <summary>Markdown text and, for each of its lines, the 1-based line of the source it came from.</summary>
internal sealed record ConvertedText(string Markdown, int[] SourceLines, IReadOnlyList<ParseWarning> Warnings)
{
    public int SourceLine(int markdownLine) =>
        SourceLines.Length == 0 ? 1 : SourceLines[Math.Clamp(markdownLine, 0, SourceLines.Length - 1)];
}
