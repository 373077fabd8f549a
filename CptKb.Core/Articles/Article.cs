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

    /// <summary>The overview paragraphs of the summary, as Markdown, without the title line.</summary>
    public string Summary { get; init; } = "";

    /// <summary>The key payers named in the summary, in the order written.</summary>
    public IReadOnlyList<string> Payers { get; init; } = [];

    /// <summary>Every "Label: value" item of the document, with the section it appears in.</summary>
    public IReadOnlyList<Fact> Facts { get; init; } = [];

    /// <summary>The value of the "Service type" fact, when the document has one.</summary>
    public string? ServiceType { get; init; }

    /// <summary>The value of the "Typical site of service" fact, when the document has one.</summary>
    public string? SiteOfService { get; init; }

    /// <summary>The clinical context section's text, as Markdown.</summary>
    public string? ClinicalContext { get; init; }

    /// <summary>The rows of the modifier table, in document order.</summary>
    public IReadOnlyList<Modifier> Modifiers { get; init; } = [];

    /// <summary>One entry per payer subsection of the coverage section.</summary>
    public IReadOnlyList<PayerSection> PayerSections { get; init; } = [];

    /// <summary>Every section of the document in document order; together they hold all of its text.</summary>
    public IReadOnlyList<Section> Sections { get; init; } = [];

    /// <summary>Every "Data not available in the input." note.</summary>
    public IReadOnlyList<DataGap> DataGaps { get; init; } = [];

    /// <summary>What the parser noticed but could read past.</summary>
    public IReadOnlyList<ParseWarning> Warnings { get; init; } = [];
}

/// <summary>A "Label: value" item, e.g. "Service type: Surgical ...".</summary>
/// <param name="Label">The text before the colon.</param>
/// <param name="Value">The text after the colon.</param>
/// <param name="SectionPath">The section it appears in, e.g. "Billing Code Overview".</param>
/// <param name="Payer">The payer whose subsection holds it, if any.</param>
public sealed record Fact(string Label, string Value, string SectionPath, string? Payer = null);

/// <summary>One row of the modifier table. A missing cell is null.</summary>
public sealed record Modifier(string? Code, string? Description, string? WhenToUse);

/// <summary>What one payer's subsection of the coverage section says.</summary>
/// <param name="Payer">The payer's name as written in the subheading.</param>
/// <param name="Anchor">The URL fragment of the subsection.</param>
/// <param name="Text">The subsection's body as Markdown.</param>
/// <param name="Facts">The "Label: value" items of the subsection.</param>
/// <param name="DataMissing">True when the subsection says its data is not available.</param>
public sealed record PayerSection(string Payer, string Anchor, string Text, IReadOnlyList<Fact> Facts, bool DataMissing);

/// <summary>A section of the document.</summary>
/// <param name="Heading">The heading as written.</param>
/// <param name="Level">2 for a top-level section, 3 for a subsection, and so on.</param>
/// <param name="Anchor">A URL slug unique within the article.</param>
/// <param name="Path">The headings from the top, joined by " &gt; ".</param>
/// <param name="Kind">What the section is, when it is one the format knows.</param>
/// <param name="Body">The section's own text (not its subsections') as Markdown.</param>
public sealed record Section(string Heading, int Level, string Anchor, string Path, SectionKind Kind, string Body);

/// <summary>A place where the document says its input data is missing.</summary>
/// <param name="SectionPath">The section it appears in.</param>
/// <param name="Anchor">The anchor of that section.</param>
/// <param name="FactLabel">The label of the fact whose value is missing, if it is a fact's value.</param>
/// <param name="Payer">The payer whose subsection holds it, if any.</param>
public sealed record DataGap(string SectionPath, string Anchor, string? FactLabel = null, string? Payer = null);

/// <summary>Something the parser noticed but could read past.</summary>
/// <param name="Message">A plain sentence, e.g. "modifier table row 1 has 2 of 3 cells".</param>
/// <param name="Line">The 1-based line of the source it refers to, when known.</param>
public sealed record ParseWarning(string Message, int? Line = null);

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
