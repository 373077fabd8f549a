using System.Text;
using CptKb.Core.Articles;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace CptKb.Core.Parsing;

/// <summary>
/// Reads a publication written as ordinary Markdown ("#" headings, "- item" bullets, pipe tables) with Markdig. A
/// section's text is its lines of Markdown as written, less the lines the article holds apart: the title line, the facts
/// and the modifier table.
/// </summary>
internal static class MarkdownReader
{
    /// <summary>The one Markdig pipeline used to read documents: CommonMark plus pipe tables.</summary>
    public static MarkdownPipeline Pipeline { get; } = new MarkdownPipelineBuilder().UsePipeTables().Build();

    private const int MaxIndent = 48;
    private const int MaxQuoteDepth = 16;

    public static void Read(string text, DocumentDraft draft)
    {
        text = PayerLinesAsHeadings(LimitNesting(text, draft), draft);
        var document = Markdown.Parse(text, Pipeline);
        var lines = new SourceLines(text);
        var sections = Outline(document, text, draft);
        foreach (var (section, blocks) in sections)
            ReadSection(section, blocks, lines, draft);
        CheckEnding(text, document, draft);
    }

    /// <summary>True when the text uses Markdown headings ("# ", "## " ...), so it is read as Markdown.</summary>
    public static bool IsMarkdown(string text)
    {
        foreach (var range in text.AsSpan().Split('\n'))
        {
            var line = text.AsSpan()[range];
            var indent = 0;
            while (indent < line.Length && indent < 4 && line[indent] == ' ')
                indent++;
            if (indent > 3)
                continue;
            var hashes = 0;
            while (indent + hashes < line.Length && line[indent + hashes] == '#')
                hashes++;
            if (hashes is >= 1 and <= 6 && indent + hashes < line.Length && line[indent + hashes] is ' ' or '\t'
                && line[(indent + hashes)..].Trim().Length > 0)
                return true;
        }
        return false;
    }

    /// <summary>
    /// The sections and the blocks each holds, headings normalized so the top sections are level 2 and a subsection is one
    /// level below its parent however many levels its heading skips.
    /// </summary>
    private static List<(SectionDraft Section, List<Block> Blocks)> Outline(MarkdownDocument document, string text, DocumentDraft draft)
    {
        var titles = TitleHeadings(document, text);
        var headings = document.OfType<HeadingBlock>().Where(h => !titles.Contains(h)).ToList();
        var shift = headings.Count == 0 ? 0 : 2 - headings.Min(h => h.Level);
        // Each open section with the level its heading was written at: nesting follows the levels as written.
        var stack = new List<(int Written, SectionDraft Section)>();
        var sections = new List<(SectionDraft, List<Block>)>();
        List<Block>? current = null;
        foreach (var block in document)
        {
            if (block is HeadingBlock heading)
            {
                var headingText = InlineText.Of(heading.Inline).Trim();
                if (titles.Contains(heading))
                {
                    draft.TryReadTitleHeading(headingText, heading.Line + 1);
                    continue;
                }
                var written = Math.Max(1, heading.Level + shift);
                if (OpenCoverageFor(headingText, written, stack, draft.KeyPayers) is { } coverage)
                    stack.RemoveRange(coverage + 1, stack.Count - coverage - 1);
                else
                {
                    while (stack.Count > 0 && stack[^1].Written >= written)
                        stack.RemoveAt(stack.Count - 1);
                }
                var parent = stack.Count > 0 ? stack[^1].Section : null;
                var level = parent is null ? written : parent.Level + 1;
                var section = draft.AddSection(headingText, level, parent);
                stack.Add((written, section));
                sections.Add((section, current = []));
                continue;
            }
            if (current is null)
            {
                var preamble = draft.AddPreamble();
                stack.Add((preamble.Level, preamble));
                sections.Add((preamble, current = []));
            }
            current.Add(block);
        }
        return sections;
    }

    // The title line's heading: a heading that is a title line and comes before any other title line, at any level
    // ("## CPT 27447: Title" under "# Summary & Overview"), and any level-1 one. A later heading naming the code
    // ("## CPT 27447 - Coding Notes") is a section.
    private static HashSet<HeadingBlock> TitleHeadings(MarkdownDocument document, string text)
    {
        var titles = new HashSet<HeadingBlock>();
        var titleSeen = false;
        foreach (var block in document)
        {
            if (block is HeadingBlock heading && TitleRule.ReadHeading(InlineText.Of(heading.Inline).Trim()) is not null)
            {
                if (!titleSeen || heading.Level == 1)
                    titles.Add(heading);
                titleSeen = true;
            }
            else if (!titleSeen && block is ParagraphBlock paragraph && block.Span.Start >= 0 && block.Span.End < text.Length
                && text.AsSpan(block.Span.Start, block.Span.Length).Contains("CPT", StringComparison.OrdinalIgnoreCase))
            {
                titleSeen = InlineText.Of(paragraph.Inline).Split('\n').Any(line => TitleRule.IsTitleLine(line.Trim()));
            }
        }
        return titles;
    }

    // A key payer written as a heading at the coverage heading's own level ("## Payer Coverage", "## Aetna") is still one
    // of its payers: the index of the open coverage section it belongs under, or null.
    private static int? OpenCoverageFor(string heading, int written, List<(int Written, SectionDraft Section)> stack, IReadOnlyList<string> keyPayers)
    {
        var coverage = stack.FindLastIndex(s => s.Section.Kind == SectionKind.PayerCoverage);
        if (coverage < 0 || stack[coverage].Written < written)
            return null;
        var key = SectionRules.Key(SectionRules.HeadingText(heading));
        return key.Length > 0 && SectionRules.KnownKind(heading) is null && keyPayers.Any(p => SectionRules.Key(p) == key) ? coverage : null;
    }

    // Writers often set each payer of the coverage section as a bold line ("**Aetna**") rather than a heading. Such a line,
    // naming a payer, becomes a heading one level below the coverage heading, so the outline reads as if it were one.
    private static string PayerLinesAsHeadings(string text, DocumentDraft draft)
    {
        if (!text.Contains("\n**", StringComparison.Ordinal) && !text.Contains("\n__", StringComparison.Ordinal))
            return text;
        var lines = text.Split('\n');
        var changed = false;
        int? coverage = null;
        var fenced = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            var t = line.TrimStart(' ');
            if (line.Length - t.Length > 3 || t.Length == 0)
                continue;
            if (t.StartsWith("```", StringComparison.Ordinal) || t.StartsWith("~~~", StringComparison.Ordinal))
                fenced = !fenced;
            if (fenced || t[0] is '`' or '~')
                continue;
            var hashes = t.Length - t.TrimStart('#').Length;
            if (hashes is >= 1 and <= 6 && (t.Length == hashes || t[hashes] is ' ' or '\t'))
            {
                var heading = SectionRules.HeadingText(t[hashes..].Trim().TrimEnd('#'));
                if (SectionRules.KnownKind(heading) == SectionKind.PayerCoverage)
                    coverage = hashes;
                else if (hashes <= coverage)
                    coverage = null;
                continue;
            }
            if (coverage is < 6 and { } level && BoldLine(t) is { } inner && SectionRules.LooksLikePayer(SectionRules.HeadingText(inner), draft.KeyPayers))
            {
                lines[i] = new string('#', level + 1) + " " + inner;
                changed = true;
            }
        }
        return changed ? string.Join('\n', lines) : text;
    }

    // The words of a line that is bold and nothing else: "**Aetna**", "__Aetna:__", "**Aetna:**".
    private static string? BoldLine(string t)
    {
        foreach (var mark in (ReadOnlySpan<string>)["**", "__"])
        {
            if (t.Length > 4 && t.StartsWith(mark, StringComparison.Ordinal) && t.EndsWith(mark, StringComparison.Ordinal)
                && t.IndexOf(mark, 2, StringComparison.Ordinal) == t.Length - 2)
            {
                var inner = t[2..^2].Trim();
                return inner.Length > 0 ? inner : null;
            }
        }
        return null;
    }

    /// <summary>Reads the section's facts, table and gaps, and writes its text without the lines held apart.</summary>
    private static void ReadSection(SectionDraft section, List<Block> blocks, SourceLines lines, DocumentDraft draft)
    {
        if (blocks.Count == 0)
            return;
        var apart = new HashSet<int>();
        // Blocks are walked with an explicit stack so deeply nested lists cannot exhaust the call stack.
        var pending = new Stack<Block>(Enumerable.Reverse(blocks));
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case ParagraphBlock paragraph:
                    ReadParagraph(section, paragraph, draft, apart);
                    break;
                case Table table:
                    ReadTable(section, table, lines, draft, apart);
                    break;
                case ContainerBlock container:
                    for (var i = container.Count - 1; i >= 0; i--)
                        pending.Push(container[i]);
                    break;
                case LeafBlock leaf:
                    var leafText = LineText(leaf, lines);
                    section.AddStatement(leafText);
                    draft.AddGaps(section, leafText);
                    break;
            }
        }

        var first = blocks[0].Line;
        var last = lines.LastLineOf(blocks[^1]);
        var body = new StringBuilder();
        var blank = false;
        for (var line = first; line <= last; line++)
        {
            if (apart.Contains(line))
                continue;
            var text = lines[line].TrimEnd();
            if (text.Trim().Length == 0)
            {
                blank = body.Length > 0;
                continue;
            }
            if (body.Length > 0)
                body.Append(blank ? "\n\n" : "\n");
            body.Append(text);
            blank = false;
        }
        section.AddBlock(body.ToString());
    }

    private static void ReadParagraph(SectionDraft section, ParagraphBlock paragraph, DocumentDraft draft, HashSet<int> apart)
    {
        var text = InlineText.Of(paragraph.Inline).Split('\n');
        for (var i = 0; i < text.Length; i++)
        {
            var line = text[i].Trim();
            // Every line break of a paragraph, soft or hard, is a line break of the source: its i-th line is the source's.
            var sourceLine = paragraph.Line + i;
            if (line.Length == 0)
                continue;
            if (draft.TryReadTitle(line, sourceLine + 1) || draft.TryReadFact(section, line))
            {
                apart.Add(sourceLine);
                continue;
            }
            section.AddStatement(line);
            draft.AddGaps(section, line);
        }
    }

    private static void ReadTable(SectionDraft section, Table table, SourceLines lines, DocumentDraft draft, HashSet<int> apart)
    {
        var rows = table.OfType<TableRow>().ToList();
        var header = rows.FirstOrDefault(r => r.IsHeader);
        var headerCells = header is null ? [] : header.OfType<TableCell>().Select(CellText).ToList();
        var modifiers = header is null ? null : draft.ModifierTableFor(section, headerCells);
        foreach (var row in rows)
        {
            var rowText = LineText(row, lines);
            section.AddStatement(rowText);
            if (modifiers is null || row.IsHeader)
            {
                if (!row.IsHeader)
                {
                    foreach (var cell in row.OfType<TableCell>())
                        draft.AddGaps(section, CellText(cell) ?? "");
                }
                continue;
            }
            // Markdig pads a short row with empty cells; the source row says how many it really holds.
            var written = FlatTextReader.Cells(rowText).Count;
            var cells = row.OfType<TableCell>().Select(CellText).Take(written).ToList();
            while (cells.Count < Math.Min(written, headerCells.Count))
                cells.Add(null);
            draft.AddModifier(section, modifiers, cells, row.Line + 1);
        }
        if (modifiers is not null)
        {
            for (var line = table.Line; line <= lines.LastLineOf(table); line++)
                apart.Add(line);
        }
    }

    private static string? CellText(TableCell cell)
    {
        var sb = new StringBuilder();
        foreach (var paragraph in cell.OfType<ParagraphBlock>())
            sb.Append(InlineText.Of(paragraph.Inline));
        var text = sb.ToString().Trim();
        return text.Length == 0 ? null : text;
    }

    private static string LineText(Block block, SourceLines lines) => lines.TextOf(block);

    private static void CheckEnding(string text, MarkdownDocument document, DocumentDraft draft)
    {
        if (text.EndsWith('\n') || document.LastChild is not { } last)
            return;
        if (last is Table table)
        {
            var isModifierTable = draft.ModifierTableSection is not null && table.OfType<TableRow>().FirstOrDefault() is { } header
                && header.OfType<TableCell>().FirstOrDefault() is { } cell
                && (CellText(cell) ?? "").Contains("modifier", StringComparison.OrdinalIgnoreCase);
            draft.Warn(ParseWarningKind.Truncated, $"document ends inside {(isModifierTable ? "the modifier table" : "a table")}; it may be truncated", last.Line + 1);
        }
        else if (last is ParagraphBlock or ListBlock)
        {
            var end = text.TrimEnd();
            if (end.Length > 0 && !".!?)]\"”’:".Contains(end[^1]))
                draft.Warn(ParseWarningKind.Truncated, "document ends mid-sentence; it may be truncated", last.Line + 1);
        }
    }

    // Markdig refuses input nested past its depth limit; such nesting carries no meaning in a publication,
    // so it is flattened (with a warning) instead of losing the whole document.
    private static string LimitNesting(string text, DocumentDraft draft)
    {
        string[]? lines = null;
        int? first = null;
        var all = text.Split('\n');
        for (var i = 0; i < all.Length; i++)
        {
            var line = all[i];
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
            lines ??= all;
            var rest = line.AsSpan(indent).TrimStart("> ");
            lines[i] = new string(' ', Math.Min(indent, MaxIndent)) + new string('>', Math.Min(quotes, MaxQuoteDepth)) + (quotes > 0 ? " " : "") + rest.ToString();
            first ??= i + 1;
        }
        if (lines is null)
            return text;
        draft.Warn(ParseWarningKind.NestingFlattened, "lists or quotes nested too deeply were flattened", first);
        return string.Join('\n', lines);
    }
}

/// <summary>
/// The document's lines, and which of them a block covers. Markdig keeps each block's first line and its span in the
/// text, but lets go of a paragraph's own lines once its inlines are read, so a block's last line is found from its span.
/// </summary>
internal sealed class SourceLines
{
    private readonly string text;
    private readonly List<int> starts = [0];

    public SourceLines(string text)
    {
        this.text = text;
        for (var i = text.IndexOf('\n'); i >= 0; i = text.IndexOf('\n', i + 1))
            starts.Add(i + 1);
    }

    public int Count => starts.Count;

    /// <summary>The 0-based line's text, without its line break.</summary>
    public string this[int line] => line + 1 < starts.Count
        ? text[starts[line]..(starts[line + 1] - 1)]
        : text[starts[line]..];

    /// <summary>The last line a block covers.</summary>
    public int LastLineOf(Block block)
    {
        var end = Math.Clamp(block.Span.End, 0, Math.Max(0, text.Length - 1));
        var at = starts.BinarySearch(end);
        var line = at >= 0 ? at : ~at - 1;
        return Math.Clamp(Math.Max(line, block.Line), 0, starts.Count - 1);
    }

    /// <summary>The lines a block covers, trimmed.</summary>
    public string TextOf(Block block) =>
        block.Line >= 0 && block.Line < starts.Count
            ? string.Join('\n', Enumerable.Range(block.Line, LastLineOf(block) - block.Line + 1).Select(i => this[i])).Trim()
            : "";
}

/// <summary>The plain text of Markdig inlines: emphasis and links reduced to their words, line breaks kept.</summary>
internal static class InlineText
{
    public static string Of(ContainerInline? container)
    {
        if (container is null)
            return "";
        var sb = new StringBuilder();
        // Inline containers nest (emphasis in a link in emphasis ...): walk them without recursion.
        var pending = new Stack<Inline>();
        for (var child = container.LastChild; child is not null; child = child.PreviousSibling)
            pending.Push(child);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case LiteralInline literal:
                    sb.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    sb.Append(code.Content);
                    break;
                case LineBreakInline:
                    sb.Append('\n');
                    break;
                case HtmlEntityInline entity:
                    sb.Append(entity.Transcoded.AsSpan());
                    break;
                case HtmlInline html:
                    sb.Append(html.Tag);
                    break;
                case AutolinkInline link:
                    sb.Append(link.Url);
                    break;
                case ContainerInline inner:
                    for (var child = inner.LastChild; child is not null; child = child.PreviousSibling)
                        pending.Push(child);
                    break;
            }
        }
        return sb.ToString();
    }
}
