using System.Text;
using System.Text.Json.Serialization;

namespace CptKb.Core.Articles;

/// <summary>
/// One CPT code publication, read into its parts. Produced by the parser, stored by the importer,
/// served by the API and the pages.
/// </summary>
public sealed record Article
{
    /// <summary>The five-character CPT code, e.g. <c>20962</c> or <c>0001T</c>.</summary>
    public required string Code { get; init; }

    /// <summary>The text after the colon of "CPT 20962: ...".</summary>
    public required string Title { get; init; }

    /// <summary>The key payers named in the summary, in the order written.</summary>
    public IReadOnlyList<string> Payers { get; init; } = [];

    /// <summary>Every "Label: value" item of the document, with the section it appears in.</summary>
    public IReadOnlyList<Fact> Facts { get; init; } = [];

    /// <summary>The value of the "Service type" fact, when the document has one.</summary>
    public string? ServiceType { get; init; }

    /// <summary>The value of the "Typical site of service" fact, when the document has one.</summary>
    public string? SiteOfService { get; init; }

    /// <summary>The rows of the modifier table, in document order.</summary>
    public IReadOnlyList<Modifier> Modifiers { get; init; } = [];

    /// <summary>The anchor of the section that holds the modifier table; null when there is none.</summary>
    public string? ModifierTableAnchor { get; init; }

    /// <summary>One entry per payer subsection of the coverage section.</summary>
    public IReadOnlyList<PayerSection> PayerSections { get; init; } = [];

    /// <summary>
    /// Every section of the document in document order, each pointing at its parent (<see cref="Section.ParentAnchor"/>):
    /// a tree written as a list. Together with the facts and the modifier table they hold all of the document's text.
    /// </summary>
    public IReadOnlyList<Section> Sections { get; init; } = [];

    /// <summary>
    /// Every data gap of the document, in document order: each "data not available" note, each empty cell of the modifier
    /// table, then each key payer without a section (see <see cref="DataGapKind"/>).
    /// </summary>
    public IReadOnlyList<DataGap> DataGaps { get; init; } = [];

    /// <summary>True when the text carries the sample generator's mark: a generated sample, not real payer policy.</summary>
    public bool IsGeneratedSample { get; init; }

    /// <summary>What the parser noticed but could read past.</summary>
    public IReadOnlyList<ParseWarning> Warnings { get; init; } = [];

    /// <summary>The overview paragraphs of the summary (or of the text before the first heading), as Markdown.</summary>
    [JsonIgnore]
    public string Summary =>
        (Sections.FirstOrDefault(s => s.Kind == SectionKind.Summary) ?? Sections.FirstOrDefault(s => s.Kind == SectionKind.Preamble))?.Body ?? "";

    /// <summary>The clinical context section's text with its subsections, as Markdown; null when there is none.</summary>
    [JsonIgnore]
    public string? ClinicalContext =>
        Sections.FirstOrDefault(s => s.Kind == SectionKind.ClinicalContext) is { } section ? TextOf(section) : null;

    /// <summary>The sections directly under <paramref name="section"/>, in document order.</summary>
    public IEnumerable<Section> ChildrenOf(Section section) => Sections.Where(s => s.ParentAnchor == section.Anchor);

    /// <summary>True when <paramref name="section"/> is <paramref name="ancestor"/> or lies anywhere below it.</summary>
    public bool IsWithin(Section section, Section ancestor)
    {
        for (Section? at = section; at is not null; at = at.ParentAnchor is { } parent ? SectionAt(parent) : null)
        {
            if (at.Anchor == ancestor.Anchor)
                return true;
        }
        return false;
    }

    /// <summary>The section with the anchor, or null.</summary>
    public Section? SectionAt(string anchor) => Sections.FirstOrDefault(s => s.Anchor == anchor);

    /// <summary>The facts written in the section itself (not in its subsections), in document order.</summary>
    public IEnumerable<Fact> FactsIn(Section section) => Facts.Where(f => f.SectionAnchor == section.Anchor);

    /// <summary>
    /// The section's own text and its subsections', each subsection under its heading, as Markdown. Facts are not in it:
    /// they are <see cref="Facts"/>.
    /// </summary>
    public string TextOf(Section section)
    {
        var sb = new StringBuilder(section.Body);
        foreach (var child in ChildrenOf(section))
        {
            if (sb.Length > 0)
                sb.Append("\n\n");
            sb.Append(new string('#', Math.Clamp(child.Level, 1, 6))).Append(' ').Append(child.Heading).Append("\n\n");
            sb.Append(TextOf(child));
        }
        return sb.ToString().Trim();
    }

    /// <summary>The section of a payer subsection.</summary>
    public Section? SectionOf(PayerSection payer) => SectionAt(payer.Anchor);
}

/// <summary>A "Label: value" item, e.g. "Service type: Surgical ...".</summary>
/// <param name="Label">The text before the colon.</param>
/// <param name="Value">The text after the colon.</param>
/// <param name="SectionPath">The section it appears in, e.g. "Billing Code Overview".</param>
/// <param name="Payer">The payer whose subsection holds it, if any.</param>
/// <param name="SectionAnchor">The anchor of the section it appears in.</param>
/// <param name="DataMissing">True when the value says the input data is missing ("Data not available in the input.").</param>
public sealed record Fact(string Label, string Value, string SectionPath, string? Payer = null, string SectionAnchor = "", bool DataMissing = false);

/// <summary>One row of the modifier table. A missing cell is null.</summary>
public sealed record Modifier(string? Code, string? Description, string? WhenToUse);

/// <summary>What one payer's subsection of the coverage section says.</summary>
/// <param name="Payer">The payer's name as written in the subheading.</param>
/// <param name="Anchor">The URL fragment of the subsection (also its <see cref="Section.Anchor"/>).</param>
/// <param name="Facts">The "Label: value" items of the subsection and its own subsections.</param>
/// <param name="DataMissing">True when the subsection says some of its data is not available.</param>
/// <param name="Stance">The payer's coverage position as the subsection states it.</param>
public sealed record PayerSection(string Payer, string Anchor, IReadOnlyList<Fact> Facts, bool DataMissing, CoverageStance Stance = CoverageStance.NotStated);

/// <summary>A section of the document.</summary>
/// <param name="Heading">The heading as written, without its numbering ("2.", "IV."), a trailing colon or emphasis around it.</param>
/// <param name="Level">2 for a top-level section, 3 for a subsection, and so on.</param>
/// <param name="Anchor">A URL slug unique within the article.</param>
/// <param name="Path">The headings from the top, joined by " &gt; ".</param>
/// <param name="Kind">What the section is, when it is one the format knows.</param>
/// <param name="Body">
/// The section's own prose (not its subsections') as Markdown, without the title line, the "Label: value" facts (see
/// <see cref="Article.Facts"/>) and the modifier table (see <see cref="Article.Modifiers"/>).
/// </param>
/// <param name="ParentAnchor">The anchor of the section it lies in; null for a top-level section.</param>
public sealed record Section(string Heading, int Level, string Anchor, string Path, SectionKind Kind, string Body, string? ParentAnchor = null);

/// <summary>A data gap: a place where the document gives no data (see <see cref="DataGapKind"/> for what counts).</summary>
/// <param name="SectionPath">The section it appears in.</param>
/// <param name="Anchor">The anchor of that section.</param>
/// <param name="FactLabel">
/// The label of the fact whose value is missing, if it is a fact's value; for an empty cell of the modifier table, the
/// column's header as written (e.g. "When to Use").
/// </param>
/// <param name="Payer">The payer whose subsection holds it, or the key payer that has no section.</param>
/// <param name="Kind">What kind of gap it is.</param>
public sealed record DataGap(string SectionPath, string Anchor, string? FactLabel = null, string? Payer = null, DataGapKind Kind = DataGapKind.NotAvailableNote);

/// <summary>
/// The kinds of data gap: together, the one definition every count of data gaps uses (the article, the code list, the
/// gaps and payer pages, and the API).
/// </summary>
public enum DataGapKind
{
    /// <summary>The text says its data is not available ("Data not available in the input.").</summary>
    NotAvailableNote = 0,
    /// <summary>A cell of the modifier table is empty, or missing from a short row.</summary>
    EmptyTableCell = 1,
    /// <summary>The summary names a key payer, but the document has no section for it.</summary>
    NoPayerSection = 2,
}

/// <summary>Something the parser noticed but could read past.</summary>
/// <param name="Message">A plain sentence, e.g. "modifier table row 1 has 2 of 3 cells".</param>
/// <param name="Line">The 1-based line of the source it refers to, when known.</param>
/// <param name="Kind">What kind of thing was noticed, so pages can act on it without reading the sentence.</param>
public sealed record ParseWarning(string Message, int? Line = null, ParseWarningKind Kind = ParseWarningKind.Other);

/// <summary>What a <see cref="ParseWarning"/> is about.</summary>
public enum ParseWarningKind
{
    /// <summary>Anything not listed below.</summary>
    Other = 0,
    /// <summary>The document seems cut short: it ends inside a table or mid-sentence.</summary>
    Truncated,
    /// <summary>A modifier table row has fewer cells than the table's header.</summary>
    ShortTableRow,
    /// <summary>A modifier table row has empty cells.</summary>
    EmptyTableCell,
    /// <summary>The file was not valid UTF-8 and was read as Windows-1252.</summary>
    EncodingFallback,
    /// <summary>No "CPT 20962: Title" line: the code came from the text and the title is the code.</summary>
    NoTitleLine,
    /// <summary>The document names more than one code; the first is used.</summary>
    SeveralCodes,
    /// <summary>Lists or quotes nested past what a publication needs were flattened.</summary>
    NestingFlattened,
}

/// <summary>A payer's position on a code, in a word.</summary>
public enum CoverageStance
{
    /// <summary>The payer covers the code.</summary>
    Covered,
    /// <summary>The payer covers the code once prior authorization is obtained.</summary>
    CoveredWithPriorAuthorization,
    /// <summary>The payer does not cover the code (first verdict given is "not covered").</summary>
    NotCovered,
    /// <summary>Coverage is decided case by case, or depends on the setting, plan or circumstances.</summary>
    Varies,
    /// <summary>The publication says the payer's data is not available.</summary>
    DataMissing,
    /// <summary>The payer has a section, but it states no coverage position that can be read.</summary>
    NotStated,
    /// <summary>The payer is named as a key payer, but the publication has no section for it.</summary>
    NoSection,
}

/// <summary>The kinds of section the publication format defines.</summary>
public enum SectionKind
{
    /// <summary>A section the format does not define.</summary>
    Other = 0,
    /// <summary>Text before the first heading.</summary>
    Preamble,
    /// <summary>"Summary &amp; Overview".</summary>
    Summary,
    /// <summary>"Billing Code Overview".</summary>
    BillingCodeOverview,
    /// <summary>"Clinical &amp; Coding Specifications".</summary>
    ClinicalCodingSpecifications,
    /// <summary>"Clinical Context".</summary>
    ClinicalContext,
    /// <summary>"Coding Specifications", which holds the modifier table.</summary>
    CodingSpecifications,
    /// <summary>"Payer Coverage &amp; Benchmarks".</summary>
    PayerCoverage,
    /// <summary>One payer's subsection of the coverage section.</summary>
    Payer,
    /// <summary>"Policy &amp; Coding Considerations".</summary>
    PolicyConsiderations,
    /// <summary>"Sites of Service".</summary>
    SitesOfService,
    /// <summary>"Data Gaps".</summary>
    DataGaps,
}
