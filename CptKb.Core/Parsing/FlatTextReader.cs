using System.Text;
using CptKb.Core.Articles;

namespace CptKb.Core.Parsing;

/// <summary>
/// Reads the flattened form the publications arrive in, line by line: headings as bare lines, a bullet marker alone on
/// its line before each item, "Label: value" items, table rows with or without their leading pipe. Each line is what it
/// looks like in one pass, with no Markdown parser in between; the sections' text is written out as Markdown for the
/// pages (each line a paragraph, items a list, rows a table).
/// </summary>
internal static class FlatTextReader
{
    private static readonly HashSet<string> SmallWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "or", "of", "the", "for", "in", "on", "to", "with", "by", "at", "vs", "per", "&", "-", "–", "/",
    };

    private enum Block
    {
        None,
        Text,
        List,
        Table,
        ModifierTable,
    }

    public static void Read(string text, DocumentDraft draft)
    {
        var lines = text.Split('\n');
        SectionDraft? section = null;
        SectionKind? top = null;
        var pendingBullet = false;
        var last = Block.None;
        var lastLine = 0;
        var list = new StringBuilder();
        var table = new List<(string Line, int Source)>();

        SectionDraft Current() => section ??= draft.AddPreamble();

        void EndList()
        {
            if (list.Length == 0)
                return;
            Current().AddBlock(list.ToString());
            list.Clear();
        }

        void EndTable()
        {
            if (table.Count == 0)
                return;
            last = ReadTable(table, Current(), draft);
            lastLine = table[0].Source;
            table.Clear();
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var source = i + 1;
            var t = lines[i].Trim();
            if (t.Length == 0)
                continue;

            if (IsTableRow(t, lines, i, table.Count > 0))
            {
                EndList();
                table.Add((t, source));
                continue;
            }
            EndTable();

            if (t is "-" or "*" or "+" or "•" or "–")
            {
                pendingBullet = true;
                continue;
            }
            var bulleted = !pendingBullet && IsBulletLine(t);
            if (pendingBullet || bulleted)
            {
                var item = bulleted ? t[1..].TrimStart() : t;
                pendingBullet = false;
                if (last != Block.List)
                    lastLine = source;
                last = Block.List;
                ReadItem(item, Current(), draft, list);
                continue;
            }
            EndList();

            if (ClassifyHeading(t, top, draft.KeyPayers) is var (level, kind))
            {
                if (level == 2)
                    top = kind;
                var parent = level == 3 ? section?.Level == 2 ? section : section?.Parent : null;
                section = draft.AddSection(t, level, parent, kind);
                last = Block.None;
                continue;
            }

            (last, lastLine) = (Block.Text, source);
            if (draft.TryReadTitle(t, source))
                continue;
            var plain = Plain(t);
            var current = Current();
            if (draft.TryReadFact(current, plain))
                continue;
            current.AddStatement(t);
            draft.AddGaps(current, plain);
            current.AddBlock(EscapeBlockStart(t));
        }
        EndList();
        EndTable();

        if (!text.EndsWith('\n'))
            CheckEnding(text, last, draft, lastLine);
    }

    // A bullet item: a fact, or a line of the list as written.
    private static void ReadItem(string item, SectionDraft section, DocumentDraft draft, StringBuilder list)
    {
        var plain = Plain(item);
        if (draft.TryReadFact(section, plain))
            return;
        section.AddStatement(item);
        draft.AddGaps(section, plain);
        if (list.Length > 0)
            list.Append('\n');
        list.Append("- ").Append(EscapeBlockStart(item));
    }

    private static bool IsBulletLine(string t) =>
        t.Length >= 2 && t[0] is '-' or '*' or '+' or '•' or '–' && char.IsWhiteSpace(t[1]) && t.AsSpan(2).Trim().Length > 0;

    /// <summary>
    /// A run of table lines: a table when its second line is a delimiter row (as in Markdown), the modifier table when its
    /// header names modifiers (its rows become <see cref="Article.Modifiers"/>, not text); else its lines are text.
    /// </summary>
    private static Block ReadTable(List<(string Line, int Source)> rows, SectionDraft section, DocumentDraft draft)
    {
        if (rows.Count < 2 || !IsDelimiterRow(rows[1].Line))
        {
            // Not a table in Markdown's sense: lines of text with pipes in them, kept as one paragraph.
            foreach (var (line, _) in rows)
            {
                section.AddStatement(line);
                draft.AddGaps(section, Plain(line));
            }
            section.AddBlock(string.Join('\n', rows.Select(r => EscapeBlockStart(r.Line))));
            return Block.Text;
        }
        var header = Cells(rows[0].Line);
        section.AddStatement(rows[0].Line);
        if (draft.ModifierTableFor(section, header) is { } modifiers)
        {
            foreach (var (line, source) in rows.Skip(2))
            {
                section.AddStatement(line);
                draft.AddModifier(section, modifiers, Cells(line), source);
            }
            return Block.ModifierTable;
        }
        var markdown = new StringBuilder();
        for (var r = 0; r < rows.Count; r++)
        {
            var line = rows[r].Line;
            if (r > 1)
            {
                section.AddStatement(line);
                foreach (var cell in Cells(line))
                {
                    if (cell is not null)
                        draft.AddGaps(section, cell);
                }
            }
            if (r > 0)
                markdown.Append('\n');
            markdown.Append(line[0] == '|' ? line : "| " + line);
        }
        section.AddBlock(markdown.ToString());
        return Block.Table;
    }

    /// <summary>The cells a row holds as written, without the outer pipes; an empty cell is null; "\|" is a pipe in a cell.</summary>
    internal static List<string?> Cells(string row)
    {
        var span = row.AsSpan().Trim();
        if (span.StartsWith("|"))
            span = span[1..];
        if (span.EndsWith("|") && !span.EndsWith("\\|"))
            span = span[..^1];
        var cells = new List<string?>();
        if (span.Trim().Length == 0 && row.Trim().Length <= 2)
            return cells;
        var cell = new StringBuilder();
        for (var i = 0; i < span.Length; i++)
        {
            if (span[i] == '\\' && i + 1 < span.Length && span[i + 1] == '|')
            {
                cell.Append('|');
                i++;
            }
            else if (span[i] == '|')
            {
                cells.Add(CellText(cell));
                cell.Clear();
            }
            else
                cell.Append(span[i]);
        }
        cells.Add(CellText(cell));
        return cells;
    }

    private static string? CellText(StringBuilder cell)
    {
        var text = Plain(cell.ToString().Trim());
        return text.Length == 0 ? null : text;
    }

    private static bool IsTableRow(string t, string[] lines, int i, bool inTable)
    {
        if (!t.Contains('|'))
            return false;
        if (inTable || t[0] == '|')
            return true;
        // A header row without its leading pipe is still a table when a delimiter row follows.
        return i + 1 < lines.Length && IsDelimiterRow(lines[i + 1].Trim());
    }

    /// <summary>A Markdown table's delimiter row: cells of dashes with optional alignment colons, e.g. "|---|:--:|".</summary>
    internal static bool IsDelimiterRow(string t)
    {
        var span = t.AsSpan().Trim();
        if (span.StartsWith("|"))
            span = span[1..];
        if (span.EndsWith("|"))
            span = span[..^1];
        if (span.IsEmpty)
            return false;
        foreach (var range in span.Split('|'))
        {
            var cell = span[range].Trim();
            if (cell.StartsWith(":"))
                cell = cell[1..];
            if (cell.EndsWith(":"))
                cell = cell[..^1];
            if (cell.Length < 2 || cell.ContainsAnyExcept('-'))
                return false;
        }
        return true;
    }

    // A bare line is a heading when it names a heading of the format, or looks like a title-case heading. Numbering
    // ("2.", "3.1", "IV.") and emphasis around the line are read past; a line ending in a colon or set in bold is a heading
    // only when it names a heading of the format or a payer of the coverage section, since either is as often a lead-in.
    private static (int Level, SectionKind? Kind)? ClassifyHeading(string t, SectionKind? top, IReadOnlyList<string> keyPayers)
    {
        if (t.Length > 80 || t[^1] is '.' or ',' or ';')
            return null;
        if (TitleRule.IsTitleLine(t))
            return null;
        var (heading, numberParts) = SectionRules.ReadHeading(t);

        if (SectionRules.KnownKind(heading) is { } kind)
        {
            var child = SectionRules.IsClinicalChild(kind) && top == SectionKind.ClinicalCodingSpecifications;
            return (child ? 3 : 2, kind);
        }

        var underParent = top is SectionKind.PayerCoverage or SectionKind.ClinicalCodingSpecifications;
        if (top == SectionKind.PayerCoverage && keyPayers.Any(p => string.Equals(p, heading, StringComparison.OrdinalIgnoreCase)))
            return (3, SectionKind.Payer);
        if (t.AsSpan().TrimEnd("*_") is var end && (end.IsEmpty || end[^1] == ':'))
            return null;
        if (t[0] is '*' or '_')
            return top == SectionKind.PayerCoverage && SectionRules.LooksLikePayer(heading, keyPayers) ? (3, null) : null;
        if (!LooksLikeHeading(heading))
            return null;
        return (underParent || (numberParts > 1 && top is not null) ? 3 : 2, null);
    }

    private static bool LooksLikeHeading(string t)
    {
        if (t[^1] is '!' or '?' || t.Contains('|') || t.Contains(": ", StringComparison.Ordinal))
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

    // A bare line that Markdown would read as something else (a heading underline, a fence, an indented block, a list
    // marker) is escaped so that it stays a paragraph of text.
    private static string EscapeBlockStart(string t)
    {
        if (t.Length == 0)
            return t;
        var c = t[0];
        var escape = c is '#' or '=' or '`' or '~' or '>'
            || (c is '-' or '+' or '*' or '_' && (t.Length == 1 || t[1] == ' ' || t.All(ch => ch == c || ch == ' ')))
            || (char.IsAsciiDigit(c) && OrderedListMarker(t));
        return escape ? "\\" + t : t;
    }

    // "1. Text" or "1) Text" would start a numbered list.
    private static bool OrderedListMarker(string t)
    {
        var i = 0;
        while (i < t.Length && i < 9 && char.IsAsciiDigit(t[i]))
            i++;
        return i < t.Length && t[i] is '.' or ')' && (i + 1 == t.Length || t[i + 1] == ' ');
    }

    /// <summary>The line's words without Markdown's emphasis and code marks, as a fact or a cell is read.</summary>
    internal static string Plain(string line) =>
        line.Contains('*') || line.Contains('_') || line.Contains('`')
            ? line.Replace("**", "", StringComparison.Ordinal).Replace("__", "", StringComparison.Ordinal).Replace("`", "", StringComparison.Ordinal).Trim()
            : line;

    private static void CheckEnding(string text, Block last, DocumentDraft draft, int line)
    {
        if (last is Block.Table or Block.ModifierTable)
        {
            var where = last == Block.ModifierTable ? "the modifier table" : "a table";
            draft.Warn(ParseWarningKind.Truncated, $"document ends inside {where}; it may be truncated", line);
        }
        else if (last is Block.Text or Block.List)
        {
            var end = text.TrimEnd();
            if (end.Length > 0 && !".!?)]\"”’:".Contains(end[^1]))
                draft.Warn(ParseWarningKind.Truncated, "document ends mid-sentence; it may be truncated", line);
        }
    }
}
