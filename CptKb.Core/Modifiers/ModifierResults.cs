using CptKb.Core.Storage;

namespace CptKb.Core.Modifiers;

/// <summary>One modifier in the list of modifiers.</summary>
/// <param name="Code">The modifier, upper-cased, e.g. <c>22</c> or <c>TC</c>.</param>
/// <param name="Descriptions">Every distinct description the modifier tables give it, most used first.</param>
/// <param name="ArticleCount">Articles whose modifier table lists it.</param>
public sealed record ModifierSummary(string Code, IReadOnlyList<string> Descriptions, int ArticleCount);

/// <summary>One modifier and, a page at a time, every code whose modifier table lists it.</summary>
/// <param name="Summary">The modifier's descriptions and count.</param>
/// <param name="Usages">The table rows that list it, ordered by code.</param>
public sealed record ModifierDetail(ModifierSummary Summary, Paged<ModifierUsage> Usages);

/// <summary>One modifier table row that lists a modifier.</summary>
/// <param name="Code">The CPT code of the article.</param>
/// <param name="Title">The article's title.</param>
/// <param name="Description">The row's description cell; null when the cell is empty.</param>
/// <param name="WhenToUse">The row's "when to use" cell; null when the cell is empty.</param>
/// <param name="Anchor">The anchor of the section that holds the modifier table.</param>
public sealed record ModifierUsage(string Code, string Title, string? Description, string? WhenToUse, string Anchor);
