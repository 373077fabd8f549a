using System.Text;
using CptKb.Core.Articles;

namespace CptKb.Core.Parsing;

/// <summary>
/// What a reader has found in one document so far: its title, sections, facts, modifier table rows, data gaps and
/// warnings. Both readers (<see cref="FlatTextReader"/> and <see cref="MarkdownReader"/>) fill one, so every rule about
/// what a section, a fact or a gap is applies the same way to both forms; <see cref="ArticleAssembler"/> turns it into
/// an <see cref="Article"/>. One instance per document.
/// </summary>
internal sealed class DocumentDraft(IReadOnlyList<string> keyPayers)
{
    private readonly HashSet<string> anchors = new(StringComparer.Ordinal);

    public IReadOnlyList<string> KeyPayers { get; } = keyPayers;
    public List<SectionDraft> Sections { get; } = [];
    public List<Fact> Facts { get; } = [];
    public List<Modifier> Modifiers { get; } = [];
    public List<DataGap> Gaps { get; } = [];
    public List<ParseWarning> Warnings { get; } = [];
    public CptCode? Code { get; private set; }
    public string? Title { get; private set; }
    public SectionDraft? ModifierTableSection { get; private set; }

    /// <summary>
    /// Starts a section under <paramref name="parent"/>; its kind comes from its heading unless given. The heading is kept
    /// as <see cref="SectionRules.HeadingText"/> reads it, so "2. Billing Code Overview:" and "Billing Code Overview" give
    /// the same section and anchor.
    /// </summary>
    public SectionDraft AddSection(string heading, int level, SectionDraft? parent, SectionKind? kind = null) =>
        AddSection(heading, level, parent, kind, fromParentText: false);

    private SectionDraft AddSection(string heading, int level, SectionDraft? parent, SectionKind? kind, bool fromParentText)
    {
        heading = SectionRules.HeadingText(heading);
        var known = kind ?? SectionRules.KnownKind(heading) ?? SectionKind.Other;
        if (parent?.Kind == SectionKind.PayerCoverage && level == parent.Level + 1 && known == SectionKind.Other
            && SectionRules.LooksLikePayer(heading, KeyPayers))
            known = SectionKind.Payer;
        var payer = known == SectionKind.Payer ? heading : parent?.Payer;
        var path = parent is null ? heading : parent.Path + " > " + heading;
        // A payer's anchor names its parent too ("payer-coverage-benchmarks-aetna"), so it stays unique and says where it is.
        var slug = SectionRules.Slug(known == SectionKind.Payer && parent is not null ? parent.Heading + " " + heading : heading);
        var anchor = slug;
        for (var n = 2; !anchors.Add(anchor); n++)
            anchor = $"{slug}-{n}";
        var section = new SectionDraft(heading, level, known, anchor, path, payer, parent);
        if (fromParentText && parent is not null)
        {
            // Made from a line of the parent's own text, which comes before the parent's subsections: placed after the
            // parent and the sections made before it from the same text, so the outline stays in document order.
            Sections.Insert(Sections.IndexOf(parent) + 1 + parent.SectionsFromText, section);
            parent.Children.Insert(parent.SectionsFromText++, section);
            return section;
        }
        parent?.Children.Add(section);
        Sections.Add(section);
        return section;
    }

    /// <summary>The section that holds text written before the first heading.</summary>
    public SectionDraft AddPreamble() => AddSection("Overview", 2, null, SectionKind.Preamble);

    /// <summary>
    /// Reads a title line: the first gives the code and title; a later one naming another code is noted. Returns false
    /// when the line is not a title line.
    /// </summary>
    public bool TryReadTitle(string line, int? sourceLine) => TryReadTitle(TitleRule.Read(line), sourceLine, loose: false);

    /// <summary>
    /// Reads a heading that is a title line (<see cref="TitleRule.ReadHeading"/>), as <see cref="TryReadTitle(string, int?)"/>.
    /// A title read from a heading with no colon or dash after the code gives way to a title line of the same code.
    /// </summary>
    public bool TryReadTitleHeading(string heading, int? sourceLine)
    {
        var strict = TitleRule.Read(heading);
        return strict is not null
            ? TryReadTitle(strict, sourceLine, loose: false)
            : TryReadTitle(TitleRule.ReadHeading(heading), sourceLine, loose: true);
    }

    private bool looseTitle;

    private bool TryReadTitle((CptCode Code, string Title)? line, int? sourceLine, bool loose)
    {
        if (line is not var (code, title))
            return false;
        if (Code is null || (looseTitle && !loose && code == Code))
        {
            Code = code;
            Title = title;
            looseTitle = loose;
        }
        else if (code != Code)
        {
            Warn(ParseWarningKind.SeveralCodes, $"the document names a second code, {code}, in a title line; {Code}, the first, is used", sourceLine);
        }
        return true;
    }

    /// <summary>Without a title line, takes the first code the text mentions as "CPT code 20962", with warnings.</summary>
    public void FindCodeWithoutTitleLine(string text)
    {
        if (Code is not null)
            return;
        var codes = TitleRule.Mentions(text);
        if (codes.Count == 0)
            return;
        Code = codes[0];
        Title = $"CPT {codes[0]}";
        Warn(ParseWarningKind.NoTitleLine, $"no title line (\"CPT {codes[0]}: Title\") was found; the title is set to the code", null);
        if (codes.Count > 1)
            Warn(ParseWarningKind.SeveralCodes, $"the document mentions several codes ({string.Join(", ", codes)}); {codes[0]}, the first, is used", null);
    }

    /// <summary>
    /// Reads a line of text (emphasis marks already taken out): a fact when it is one, with its data gap if it says so; in
    /// the coverage section, a key payer's item ("Aetna: Covered ...", "Aetna – Covered ...") becomes that payer's section.
    /// Returns false for any other line, whose data gaps the caller records with <see cref="AddGaps"/>.
    /// </summary>
    public bool TryReadFact(SectionDraft section, string line)
    {
        if (section.Kind == SectionKind.PayerCoverage && PayerItem(line) is var (payer, text))
        {
            AddPayerItem(section, payer, text);
            return true;
        }
        if (FactRule.Read(line) is not var (label, value))
            return false;
        // A fact's value is one gap at most, however it words it.
        var missing = DataGapRule.CountNotes(value) > 0;
        Facts.Add(new Fact(label, value, section.Path, section.Payer, section.Anchor, missing));
        section.AddStatement(line);
        if (missing)
            AddGap(section, label);
        return true;
    }

    // A key payer written as an item of the coverage section ("- **Aetna:** Covered when ...") rather than under a
    // subheading: that payer's section, the item's words its text, so it counts and reads like any payer's section.
    private void AddPayerItem(SectionDraft coverage, string payer, string text)
    {
        var section = AddSection(payer, coverage.Level + 1, coverage, SectionKind.Payer, fromParentText: true);
        section.AddStatement(text);
        section.AddBlock(text);
        AddGaps(section, text);
    }

    // "Aetna: Covered ..." or "Aetna – Covered ...", the name a key payer's.
    private (string Payer, string Text)? PayerItem(string line)
    {
        if (FactRule.Read(line) is var (label, value))
            return IsKeyPayer(label) ? (label, value) : null;
        foreach (var dash in (ReadOnlySpan<string>)[" – ", " — ", " - "])
        {
            var at = line.IndexOf(dash, StringComparison.Ordinal);
            if (at > 0 && IsKeyPayer(line[..at]) && line[(at + dash.Length)..].Trim() is { Length: > 0 } rest)
                return (line[..at].Trim(), rest);
        }
        return null;
    }

    private bool IsKeyPayer(string name)
    {
        var key = SectionRules.Key(name);
        foreach (var payer in KeyPayers)
        {
            if (SectionRules.Key(payer) == key)
                return true;
        }
        return false;
    }

    /// <summary>Records a data gap for every "data not available" note in a line of the section's text.</summary>
    public void AddGaps(SectionDraft section, string text)
    {
        for (var i = DataGapRule.CountNotes(text); i > 0; i--)
            AddGap(section, null);
    }

    private void AddGap(SectionDraft section, string? factLabel, DataGapKind kind = DataGapKind.NotAvailableNote)
    {
        Gaps.Add(new DataGap(section.Path, section.Anchor, factLabel, section.Payer, kind));
        section.HasGap = true;
    }

    /// <summary>
    /// The table reader for a table with this header in this section: the modifier table's, the first time a table names
    /// modifiers; else null (an ordinary table).
    /// </summary>
    public ModifierTableRule? ModifierTableFor(SectionDraft section, IReadOnlyList<string?> header)
    {
        if (ModifierTableSection is not null || ModifierTableRule.ForHeader(header) is not { } rule)
            return null;
        ModifierTableSection = section;
        return rule;
    }

    /// <summary>Adds a row of the modifier table, with its warning and its gaps.</summary>
    public void AddModifier(SectionDraft section, ModifierTableRule table, IReadOnlyList<string?> cells, int? sourceLine)
    {
        var (row, warning) = table.Read(cells);
        Modifiers.Add(row);
        if (warning is var (kind, message))
            Warn(kind, message, sourceLine);
        foreach (var cell in cells)
        {
            if (cell is not null)
                AddGaps(section, cell);
        }
        // An empty or missing cell is a data gap too: the table gives no data there.
        foreach (var column in table.EmptyColumns(row))
            AddGap(section, column, DataGapKind.EmptyTableCell);
    }

    public void Warn(ParseWarningKind kind, string message, int? sourceLine) => Warnings.Add(new ParseWarning(message, sourceLine, kind));
}

/// <summary>A section as a reader builds it.</summary>
internal sealed class SectionDraft(string heading, int level, SectionKind kind, string anchor, string path, string? payer, SectionDraft? parent)
{
    private StringBuilder? statement;

    public string Heading { get; } = heading;
    public int Level { get; } = level;
    public SectionKind Kind { get; } = kind;
    public string Anchor { get; } = anchor;
    public string Path { get; } = path;
    public string? Payer { get; } = payer;
    public SectionDraft? Parent { get; } = parent;
    public List<SectionDraft> Children { get; } = [];

    /// <summary>How many of <see cref="Children"/> were made from lines of this section's own text (payers written as items).</summary>
    public int SectionsFromText { get; set; }

    /// <summary>The section's prose as Markdown, block by block.</summary>
    public StringBuilder Body { get; } = new();

    public bool HasGap { get; set; }

    /// <summary>True for a payer's section and every section below one: their text as written decides the payer's stance.</summary>
    public bool KeepsStatement => Payer is not null;

    /// <summary>The section's text as written, facts included, in document order; kept only where <see cref="KeepsStatement"/>.</summary>
    public string Statement => statement?.ToString() ?? "";

    /// <summary>Adds a line of text as written to <see cref="Statement"/>.</summary>
    public void AddStatement(string line)
    {
        if (!KeepsStatement)
            return;
        statement ??= new StringBuilder();
        if (statement.Length > 0)
            statement.Append('\n');
        statement.Append(line);
    }

    /// <summary>Adds a block of Markdown to the body, a blank line from the one before.</summary>
    public void AddBlock(string markdown)
    {
        if (markdown.Length == 0)
            return;
        if (Body.Length > 0)
            Body.Append("\n\n");
        Body.Append(markdown);
    }

    /// <summary>True when this section or one below it has a data gap.</summary>
    public bool HasGapInSubtree() => HasGap || Children.Any(c => c.HasGapInSubtree());
}
