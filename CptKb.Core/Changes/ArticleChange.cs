namespace CptKb.Core.Changes;

/// <summary>
/// One thing that changed between two revisions of an article: one fact, one modifier cell, one payer's stance, one
/// section's text. Never a line of the source.
/// </summary>
/// <param name="Kind">What changed.</param>
/// <param name="Section">The path of the section it is in (e.g. "Payer Coverage &amp; Benchmarks &gt; Aetna"), when it is in one.</param>
/// <param name="Payer">The payer it is about, when it is about one.</param>
/// <param name="Label">What it is: a fact's label, a modifier's code, a data gap's fact label; null when the kind says it all.</param>
/// <param name="Before">The value before (a fact's value, a section's text, a stance's name); null when there was none.</param>
/// <param name="After">The value after; null when there is none now.</param>
/// <param name="Cell">For a changed modifier row, which cell changed.</param>
/// <param name="SectionAnchor">The anchor of the section in the revision that holds it (the newer one when both do).</param>
public sealed record ArticleChange(
    ChangeKind Kind,
    string? Section = null,
    string? Payer = null,
    string? Label = null,
    string? Before = null,
    string? After = null,
    ModifierCell? Cell = null,
    string? SectionAnchor = null);

/// <summary>What kind of thing changed between two revisions of an article.</summary>
public enum ChangeKind
{
    /// <summary>The article's first revision: it was not in the knowledge base before.</summary>
    ArticleAdded,
    /// <summary>The title after "CPT 12345:" changed.</summary>
    TitleChanged,
    /// <summary>A payer was added to the summary's key payers.</summary>
    KeyPayerAdded,
    /// <summary>A payer was removed from the summary's key payers.</summary>
    KeyPayerRemoved,
    /// <summary>A "Label: value" fact's value changed.</summary>
    FactChanged,
    /// <summary>A fact was added.</summary>
    FactAdded,
    /// <summary>A fact was removed.</summary>
    FactRemoved,
    /// <summary>A row was added to the modifier table.</summary>
    ModifierAdded,
    /// <summary>A row was removed from the modifier table.</summary>
    ModifierRemoved,
    /// <summary>A cell of a modifier table row changed (<see cref="ArticleChange.Cell"/> says which).</summary>
    ModifierChanged,
    /// <summary>A payer's coverage stance changed; before and after are <see cref="Articles.CoverageStance"/> names.</summary>
    StanceChanged,
    /// <summary>What a payer says about prior authorization changed.</summary>
    PriorAuthorizationChanged,
    /// <summary>A payer's payment benchmark changed.</summary>
    BenchmarkChanged,
    /// <summary>The prose of a payer's section (not its facts) changed.</summary>
    PayerTextChanged,
    /// <summary>A payer's section now says some of its data is not available.</summary>
    PayerDataMissing,
    /// <summary>A payer's section no longer says any of its data is missing.</summary>
    PayerDataAvailable,
    /// <summary>The prose of a section (not its facts, not the modifier table) changed.</summary>
    SectionTextChanged,
    /// <summary>A section was added.</summary>
    SectionAdded,
    /// <summary>A section was removed.</summary>
    SectionRemoved,
    /// <summary>A new place says its data is missing.</summary>
    DataGapAdded,
    /// <summary>A place that said its data was missing no longer does.</summary>
    DataGapResolved,
    /// <summary>The article's file left the import folder: the article was withdrawn (its history is kept).</summary>
    ArticleWithdrawn,
    /// <summary>A withdrawn article's file came back: the article was restored.</summary>
    ArticleRestored,
}

/// <summary>A cell of a modifier table row.</summary>
public enum ModifierCell
{
    /// <summary>The modifier's code.</summary>
    Code,
    /// <summary>Its description.</summary>
    Description,
    /// <summary>When to use it.</summary>
    WhenToUse,
}
