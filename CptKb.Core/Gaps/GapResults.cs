using CptKb.Core.Articles;
using CptKb.Core.Storage;

namespace CptKb.Core.Gaps;

/// <summary>Which data gaps to list. Every part is optional; together they narrow the list.</summary>
/// <param name="Payer">Only gaps in this payer's sections (any letter case).</param>
/// <param name="Section">Only gaps under this top-level section heading, e.g. "Billing Code Overview".</param>
/// <param name="Codes">Only gaps of codes in this range or with this prefix.</param>
public sealed record GapFilter(string? Payer = null, string? Section = null, CodeFilter? Codes = null);

/// <summary>One data gap.</summary>
/// <param name="Code">The CPT code of the article.</param>
/// <param name="Title">The article's title.</param>
/// <param name="Section">The top-level section heading it falls under.</param>
/// <param name="SectionPath">The full section path, e.g. "Payer Coverage &amp; Benchmarks &gt; Medicare".</param>
/// <param name="Anchor">The section's anchor on the article page.</param>
/// <param name="FactLabel">The label of the fact whose value is missing, when it is a fact's value.</param>
/// <param name="Payer">The payer whose section holds it, or the key payer without a section.</param>
/// <param name="Kind">What kind of gap it is.</param>
public sealed record GapRow(string Code, string Title, string Section, string SectionPath, string Anchor, string? FactLabel, string? Payer, DataGapKind Kind = DataGapKind.NotAvailableNote);

/// <summary>A page of data gaps and what the filters can choose from.</summary>
/// <param name="Filter">The filter the rows were chosen by.</param>
/// <param name="Rows">The gaps that pass the filter, ordered by code and place in the document.</param>
/// <param name="AllGaps">Data gaps in the whole knowledge base, before filtering.</param>
/// <param name="Payers">Every payer with a section, for the payer filter.</param>
/// <param name="Sections">Every top-level section heading that holds a gap, for the section filter.</param>
public sealed record GapList(GapFilter Filter, Paged<GapRow> Rows, int AllGaps, IReadOnlyList<string> Payers, IReadOnlyList<string> Sections);

/// <summary>How complete the knowledge base is, for charts.</summary>
/// <param name="Payers">Per payer: the codes naming it and its data gaps, ordered by name.</param>
/// <param name="Sections">Per top-level section heading: how many gaps fall under it, most first.</param>
public sealed record Completeness(IReadOnlyList<PayerGaps> Payers, IReadOnlyList<SectionGaps> Sections);

/// <summary>One payer's data gaps.</summary>
/// <param name="Payer">The payer's name.</param>
/// <param name="Codes">Codes that name it as a key payer or have a section for it.</param>
/// <param name="Gaps">Its data gaps: notes in its sections, and the codes naming it without a section for it.</param>
public sealed record PayerGaps(string Payer, int Codes, int Gaps);

/// <summary>How many gaps fall under one top-level section heading.</summary>
/// <param name="Section">The heading, e.g. "Payer Coverage &amp; Benchmarks".</param>
/// <param name="Gaps">Data gaps in the section or its subsections.</param>
public sealed record SectionGaps(string Section, int Gaps);
