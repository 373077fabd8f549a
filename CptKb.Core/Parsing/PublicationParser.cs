using System.Text;
using System.Text.RegularExpressions;
using CptKb.Core.Articles;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace CptKb.Core.Parsing;

/// <summary>
/// Reads a publication's text into an <see cref="Article"/>: a pure function over the text that never
/// throws on any input. Both the flattened form the publications arrive in and ordinary Markdown are read.
/// </summary>
public static partial class PublicationParser
{
    /// <summary>The one Markdig pipeline used to read documents: CommonMark plus pipe tables.</summary>
    public static MarkdownPipeline Pipeline { get; } = new MarkdownPipelineBuilder().UsePipeTables().Build();

    [GeneratedRegex(@"\bCPT(?:®|\(R\))?\s+(?:code\s+)?(\d{4}[0-9A-Za-z])\b", RegexOptions.IgnoreCase)]
    private static partial Regex CodeMention();

    [GeneratedRegex(@"\bkey payers\b[^.:]*?(?:\binclude[sd]?\b|\bare\b|:)\s*(?<list>.+?)\.(?=\s|$)", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex KeyPayersSentence();

    [GeneratedRegex(@"^(?<label>[A-Z][\w()/&'’\- ]{0,48}?)\s*:\s+(?<value>\S.*)$")]
    private static partial Regex FactLine();

    [GeneratedRegex(@"data (?:is |are )?not available(?: in the input)?", RegexOptions.IgnoreCase)]
    private static partial Regex DataNotAvailable();

    /// <summary>Decodes raw file bytes (UTF-8, UTF-16 with BOM, else Windows-1252) and parses them.</summary>
    public static ParseResult Parse(ReadOnlySpan<byte> bytes) => Parse(TextDecoder.Decode(bytes));

    /// <summary>Parses text already decoded by <see cref="TextDecoder"/>, keeping its warnings first.</summary>
    public static ParseResult Parse(DecodedText decoded)
    {
        if (decoded.Text is null)
            return ParseResult.Failed(decoded.Error ?? "the file could not be read as text", decoded.Warnings);
        var result = Parse(decoded.Text);
        if (decoded.Warnings.Count == 0)
            return result;
        var warnings = decoded.Warnings.Concat(result.Warnings).ToList();
        return result with { Article = result.Article is null ? null : result.Article with { Warnings = warnings }, Warnings = warnings };
    }

    /// <summary>Parses document text.</summary>
    public static ParseResult Parse(string text)
    {
        try
        {
            return new Reader(Normalize(text)).Read();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug must not take down an import of many files: report it against this document.
            return ParseResult.Failed($"the document could not be read ({ex.GetType().Name}: {ex.Message})", []);
        }
    }

    private static string Normalize(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
            text = text[1..];
        if (text.Contains('\r'))
            text = text.Replace("\r\n", "\n").Replace('\r', '\n');
        return text;
    }

    /// <summary>Finds the key payers named in "Key payers covered in this analysis include A, B, and C."</summary>
    internal static IReadOnlyList<string> FindKeyPayers(string text)
    {
        var match = KeyPayersSentence().Match(text.Replace("**", "", StringComparison.Ordinal));
        if (!match.Success)
            return [];
        var list = match.Groups["list"].Value.Replace('\n', ' ');
        var parts = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        if (parts.Count == 0)
            return [];
        var last = parts[^1];
        if (last.StartsWith("and ", StringComparison.OrdinalIgnoreCase))
            parts[^1] = last[4..];
        else if (last.StartsWith("& ", StringComparison.Ordinal))
            parts[^1] = last[2..];
        else if (last.Contains(" and ", StringComparison.OrdinalIgnoreCase))
        {
            var at = last.LastIndexOf(" and ", StringComparison.OrdinalIgnoreCase);
            parts[^1] = last[..at];
            parts.Add(last[(at + 5)..]);
        }
        return parts.Select(p => p.Trim().Trim('*', '_'))
            .Where(p => p.Length > 0 && p.Length <= 80)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>Reads one normalized document. One instance per document; not shared.</summary>
    private sealed class Reader(string text)
    {
        private readonly List<ParseWarning> _warnings = [];
        private readonly List<SectionDraft> _sections = [];
        private readonly List<Fact> _facts = [];
        private readonly List<Modifier> _modifiers = [];
        private readonly List<DataGap> _gaps = [];
        private readonly HashSet<string> _anchors = new(StringComparer.Ordinal);
        private IReadOnlyList<string> _keyPayers = [];
        private ConvertedText _source = null!; // set first thing in Read()
        private string? _code;
        private string? _title;
        private bool _modifierTableSeen;

        public ParseResult Read()
        {
            if (string.IsNullOrWhiteSpace(text))
                return ParseResult.Failed("the document is empty", []);

            _keyPayers = FindKeyPayers(text);
            _source = FlatTextConverter.Convert(text, _keyPayers);
            _warnings.AddRange(_source.Warnings);
            var document = Markdown.Parse(_source.Markdown, Pipeline);

            BuildSections(document);
            foreach (var section in _sections)
                ReadSection(section);
            FindCodeIfNoTitleLine();
            CheckForTruncation(document);

            if (_code is null)
                return ParseResult.Failed("no CPT code found: expected a line like \"CPT 20962: Title\" or the words \"CPT code 20962\"", _warnings);

            return new ParseResult { Article = BuildArticle(), Warnings = _warnings };
        }

        private void BuildSections(MarkdownDocument document)
        {
            var headings = document.OfType<HeadingBlock>().Where(h => !IsTitleHeading(h)).ToList();
            // Levels are normalized so that a document's top sections are level 2, whatever it used.
            var shift = headings.Count == 0 ? 0 : 2 - headings.Min(h => h.Level);
            var stack = new List<SectionDraft>();
            SectionDraft? current = null;

            foreach (var block in document)
            {
                if (block is HeadingBlock heading)
                {
                    if (IsTitleHeading(heading))
                    {
                        ReadTitle(InlineText(heading.Inline), heading);
                        continue;
                    }
                    var level = Math.Max(1, heading.Level + shift);
                    while (stack.Count > 0 && stack[^1].Level >= level)
                        stack.RemoveAt(stack.Count - 1);
                    var parent = stack.Count > 0 ? stack[^1] : null;
                    current = NewSection(InlineText(heading.Inline).Trim(), level, parent);
                    stack.Add(current);
                    continue;
                }
                if (current is null)
                {
                    current = NewSection("Overview", 2, null, SectionKind.Preamble);
                    stack.Add(current);
                }
                current.Blocks.Add(block);
            }
        }

        private bool IsTitleHeading(HeadingBlock heading) =>
            heading.Level == 1 && FlatTextConverter.TitleLine.IsMatch(InlineText(heading.Inline).Trim());

        private SectionDraft NewSection(string heading, int level, SectionDraft? parent, SectionKind? forcedKind = null)
        {
            var kind = forcedKind ?? SectionRules.KnownKind(heading) ?? SectionKind.Other;
            if (parent?.Kind == SectionKind.PayerCoverage && level == parent.Level + 1 && kind == SectionKind.Other
                && SectionRules.LooksLikePayer(heading, _keyPayers))
                kind = SectionKind.Payer;
            var payer = kind == SectionKind.Payer ? heading : parent?.Payer;
            var path = parent is null ? heading : parent.Path + " > " + heading;
            var slugSource = kind == SectionKind.Payer && parent is not null ? parent.Heading + " " + heading : heading;
            var draft = new SectionDraft(heading, level, kind, UniqueAnchor(SectionRules.Slug(slugSource)), path, payer);
            parent?.Children.Add(draft);
            _sections.Add(draft);
            return draft;
        }

        private string UniqueAnchor(string slug)
        {
            var anchor = slug;
            for (var n = 2; !_anchors.Add(anchor); n++)
                anchor = $"{slug}-{n}";
            return anchor;
        }

        private void ReadSection(SectionDraft section)
        {
            // Blocks are walked with an explicit stack so deeply nested lists cannot exhaust the call stack.
            var pending = new Stack<Block>(Enumerable.Reverse(section.Blocks));
            while (pending.Count > 0)
            {
                var block = pending.Pop();
                switch (block)
                {
                    case ParagraphBlock paragraph:
                        ReadParagraph(section, paragraph);
                        break;
                    case Table table:
                        ReadTable(section, table);
                        break;
                    case ContainerBlock container:
                        for (var i = container.Count - 1; i >= 0; i--)
                            pending.Push(container[i]);
                        break;
                    default:
                        AddGaps(section, Slice(block), null);
                        break;
                }
            }
        }

        private void ReadParagraph(SectionDraft section, ParagraphBlock paragraph)
        {
            var lines = InlineText(paragraph.Inline).Split('\n');
            foreach (var raw in lines)
            {
                var line = raw.Trim();
                if (line.Length == 0)
                    continue;
                if (line.Contains("CPT", StringComparison.OrdinalIgnoreCase) && FlatTextConverter.TitleLine.IsMatch(line))
                {
                    if (_title is null && lines.Length == 1)
                        section.TitleBlock = paragraph;
                    ReadTitle(line, paragraph);
                    continue;
                }
                var fact = line.Contains(':') ? FactLine().Match(line) : Match.Empty;
                if (fact.Success && fact.Groups["label"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 6)
                {
                    var label = fact.Groups["label"].Value.Trim();
                    var value = fact.Groups["value"].Value.Trim();
                    _facts.Add(new Fact(label, value, section.Path, section.Payer));
                    AddGaps(section, value, label);
                    continue;
                }
                AddGaps(section, line, null);
            }
        }

        private void ReadTitle(string line, Block block)
        {
            var match = FlatTextConverter.TitleLine.Match(line);
            if (!match.Success)
                return;
            var code = match.Groups[1].Value.ToUpperInvariant();
            if (_code is null)
            {
                _code = code;
                _title = match.Groups[2].Value.Trim().Trim('*', '_').Trim();
            }
            else if (!string.Equals(code, _code, StringComparison.Ordinal))
            {
                Warn($"the document names a second code, {code}, in a title line; {_code}, the first, is used", block);
            }
        }

        private void FindCodeIfNoTitleLine()
        {
            if (_code is not null)
                return;
            var codes = CodeMention().Matches(text).Select(m => m.Groups[1].Value.ToUpperInvariant()).Distinct().ToList();
            if (codes.Count == 0)
                return;
            _code = codes[0];
            _title = $"CPT {_code}";
            _warnings.Add(new ParseWarning($"no title line (\"CPT {_code}: Title\") was found; the title is set to the code"));
            if (codes.Count > 1)
                _warnings.Add(new ParseWarning($"the document mentions several codes ({string.Join(", ", codes)}); {_code}, the first, is used"));
        }

        private void ReadTable(SectionDraft section, Table table)
        {
            var rows = table.OfType<TableRow>().ToList();
            var header = rows.FirstOrDefault(r => r.IsHeader);
            var headerCells = header is null ? [] : header.OfType<TableCell>().Select(CellText).ToList();
            var isModifierTable = headerCells.Count > 0 && (headerCells[0] ?? "").Contains("modifier", StringComparison.OrdinalIgnoreCase);

            if (!isModifierTable || _modifierTableSeen)
            {
                foreach (var row in rows)
                {
                    foreach (var cell in row.OfType<TableCell>())
                        AddGaps(section, CellText(cell) ?? "", null);
                }
                return;
            }

            _modifierTableSeen = true;
            var codeColumn = 0;
            var descriptionColumn = headerCells.FindIndex(h => h is not null && h.Contains("descr", StringComparison.OrdinalIgnoreCase));
            var whenColumn = headerCells.FindIndex(h => h is not null && (h.Contains("when", StringComparison.OrdinalIgnoreCase) || h.Contains("use", StringComparison.OrdinalIgnoreCase)));
            if (descriptionColumn < 0)
                descriptionColumn = 1;
            if (whenColumn < 0)
                whenColumn = 2;
            var width = Math.Max(headerCells.Count, 3);

            var number = 0;
            foreach (var row in rows.Where(r => !r.IsHeader))
            {
                number++;
                // Markdig pads a short row with empty cells; count what the source row really holds.
                var written = WrittenCellCount(row);
                var cells = row.OfType<TableCell>().Select(CellText).Take(written).ToList();
                string? At(int i) => i < cells.Count ? cells[i] : null;
                var modifier = new Modifier(At(codeColumn), At(descriptionColumn), At(whenColumn));
                if (cells.Count < width)
                {
                    var missing = Enumerable.Range(cells.Count, width - cells.Count)
                        .Select(i => i < headerCells.Count ? headerCells[i] ?? $"cell {i + 1}" : $"cell {i + 1}");
                    Warn($"modifier table row {number} has {cells.Count} of {width} cells; missing: {string.Join(", ", missing)}", row);
                }
                else
                {
                    var empty = Enumerable.Range(0, Math.Min(width, cells.Count)).Where(i => cells[i] is null)
                        .Select(i => i < headerCells.Count ? headerCells[i] ?? $"cell {i + 1}" : $"cell {i + 1}").ToList();
                    if (empty.Count > 0)
                        Warn($"modifier table row {number} has empty cells: {string.Join(", ", empty)}", row);
                }
                _modifiers.Add(modifier);
                foreach (var cell in cells)
                    AddGaps(section, cell ?? "", null);
            }
        }

        private int WrittenCellCount(TableRow row)
        {
            var line = Slice(row).Trim();
            if (line.StartsWith('|'))
                line = line[1..];
            if (line.EndsWith('|') && !line.EndsWith("\\|", StringComparison.Ordinal))
                line = line[..^1];
            var count = 1;
            for (var i = 0; i < line.Length; i++)
            {
                if (line[i] == '\\')
                    i++;
                else if (line[i] == '|')
                    count++;
            }
            return line.Length == 0 ? 0 : count;
        }

        private static string? CellText(TableCell cell)
        {
            var sb = new StringBuilder();
            foreach (var paragraph in cell.OfType<ParagraphBlock>())
                sb.Append(InlineText(paragraph.Inline));
            var text = sb.ToString().Trim();
            return text.Length == 0 ? null : text;
        }

        private void AddGaps(SectionDraft section, string text, string? factLabel)
        {
            if (!text.Contains("not available", StringComparison.OrdinalIgnoreCase))
                return;
            var count = DataNotAvailable().Count(text);
            if (factLabel is not null)
                count = Math.Min(count, 1);
            for (var i = 0; i < count; i++)
                _gaps.Add(new DataGap(section.Path, section.Anchor, factLabel, section.Payer));
            if (count > 0)
                section.HasGap = true;
        }

        private void CheckForTruncation(MarkdownDocument document)
        {
            if (text.EndsWith('\n') || document.LastChild is not { } last)
                return;
            if (last is Table table)
            {
                var where = _modifierTableSeen && ReferenceEquals(table, LastModifierTable(document)) ? "the modifier table" : "a table";
                Warn($"document ends inside {where}; it may be truncated", last);
            }
            else if (last is ParagraphBlock or ListBlock)
            {
                var end = text.TrimEnd();
                if (end.Length > 0 && !".!?)]\"”’:".Contains(end[^1]))
                    Warn("document ends mid-sentence; it may be truncated", last);
            }
        }

        private static Table? LastModifierTable(MarkdownDocument document) =>
            document.OfType<Table>().FirstOrDefault(t =>
                t.OfType<TableRow>().FirstOrDefault() is { } header
                && header.OfType<TableCell>().FirstOrDefault() is { } cell
                && (CellText(cell) ?? "").Contains("modifier", StringComparison.OrdinalIgnoreCase));

        private void Warn(string message, Block block) =>
            _warnings.Add(new ParseWarning(message, _source.SourceLine(block.Line)));

        private string Slice(Block block)
        {
            var span = block.Span;
            if (span.Start < 0 || span.Length <= 0 || span.Start >= _source.Markdown.Length)
                return "";
            return _source.Markdown.Substring(span.Start, Math.Min(span.Length, _source.Markdown.Length - span.Start));
        }

        private string Body(SectionDraft section, bool skipTitle)
        {
            var blocks = section.Blocks.Where(b => !(skipTitle && ReferenceEquals(b, section.TitleBlock))).ToList();
            if (blocks.Count == 0)
                return "";
            var start = blocks[0].Span.Start;
            var last = blocks[^1];
            var end = Math.Min(last.Span.End + 1, _source.Markdown.Length);
            if (!skipTitle || section.TitleBlock is null)
                return start < end ? _source.Markdown[start..end].Trim() : "";
            return string.Join("\n\n", blocks.Select(Slice).Select(s => s.Trim()).Where(s => s.Length > 0));
        }

        private string FullText(SectionDraft section)
        {
            var sb = new StringBuilder(Body(section, skipTitle: false));
            foreach (var child in section.Children)
            {
                if (sb.Length > 0)
                    sb.Append("\n\n");
                sb.Append(new string('#', Math.Min(6, child.Level))).Append(' ').Append(child.Heading).Append("\n\n");
                sb.Append(FullText(child));
            }
            return sb.ToString().Trim();
        }

        private Article BuildArticle()
        {
            var sections = _sections.Select(s => new Section(s.Heading, s.Level, s.Anchor, s.Path, s.Kind, Body(s, skipTitle: false))).ToList();

            var summarySection = _sections.FirstOrDefault(s => s.Kind == SectionKind.Summary)
                ?? _sections.FirstOrDefault(s => s.Kind == SectionKind.Preamble);
            var summary = summarySection is null ? "" : Body(summarySection, skipTitle: true);

            var clinical = _sections.FirstOrDefault(s => s.Kind == SectionKind.ClinicalContext);

            var payerSections = _sections.Where(s => s.Kind == SectionKind.Payer).Select(s => new PayerSection(
                s.Heading,
                s.Anchor,
                FullText(s),
                _facts.Where(f => f.Payer == s.Heading && f.SectionPath.StartsWith(s.Path, StringComparison.Ordinal)).ToList(),
                HasGapInSubtree(s))).ToList();

            return new Article
            {
                Code = _code!, // Read() returns before this when no code was found
                Title = string.IsNullOrWhiteSpace(_title) ? $"CPT {_code}" : _title,
                Summary = summary,
                Payers = _keyPayers,
                Facts = _facts,
                ServiceType = FactValue("service type"),
                SiteOfService = FactValue("typical site of service", "site of service", "sites of service", "place of service", "typical sites of service"),
                ClinicalContext = clinical is null ? null : FullText(clinical),
                Modifiers = _modifiers,
                PayerSections = payerSections,
                Sections = sections,
                DataGaps = _gaps,
                Warnings = _warnings,
            };
        }

        private static bool HasGapInSubtree(SectionDraft section) =>
            section.HasGap || section.Children.Any(HasGapInSubtree);

        private string? FactValue(params string[] labels)
        {
            foreach (var label in labels)
            {
                var fact = _facts.FirstOrDefault(f => SectionRules.Key(f.Label) == label);
                if (fact is not null)
                    return fact.Value;
            }
            return null;
        }
    }

    /// <summary>The plain text of a run of inlines: emphasis and links reduced to their words, line breaks kept.</summary>
    internal static string InlineText(ContainerInline? container)
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

    private sealed class SectionDraft(string heading, int level, SectionKind kind, string anchor, string path, string? payer)
    {
        public string Heading { get; } = heading;
        public int Level { get; } = level;
        public SectionKind Kind { get; } = kind;
        public string Anchor { get; } = anchor;
        public string Path { get; } = path;
        public string? Payer { get; } = payer;
        public List<Block> Blocks { get; } = [];
        public List<SectionDraft> Children { get; } = [];
        public Block? TitleBlock { get; set; }
        public bool HasGap { get; set; }
    }
}
