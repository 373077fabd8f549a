using CptKb.Core.Articles;
using CptKb.Web.Rendering;

namespace CptKb.Web.Components.Pages.Payers;

/// <summary>
/// Every state a cell of the payer × code matrix can be in, with its mark, its word and what it means: the legend, the
/// cells and the matrix's exports say them alike. A null stance is a payer the code does not mention at all.
/// </summary>
public static class MatrixCells
{
    /// <summary>Every state in the order the legend lists them.</summary>
    public static IReadOnlyList<CoverageStance?> States { get; } =
    [
        CoverageStance.Covered, CoverageStance.CoveredWithPriorAuthorization, CoverageStance.NotCovered, CoverageStance.Varies,
        CoverageStance.NotStated, CoverageStance.DataMissing, CoverageStance.NoSection, null,
    ];

    /// <summary>A mark beside the word, so a state reads at a glance without relying on colour.</summary>
    public static string Mark(CoverageStance? stance) => stance switch
    {
        CoverageStance.Covered => "✓",
        CoverageStance.CoveredWithPriorAuthorization => "◑",
        CoverageStance.NotCovered => "✕",
        CoverageStance.Varies => "≈",
        CoverageStance.NotStated => "?",
        CoverageStance.DataMissing => "!",
        CoverageStance.NoSection => "∅",
        _ => "—",
    };

    /// <summary>The word a cell shows (the stance words of every page); nothing for a payer not mentioned.</summary>
    public static string Word(CoverageStance? stance) => stance is { } known ? StanceWords.Label(known) : "";

    /// <summary>What the state means, after its <see cref="Name"/> in the legend.</summary>
    public static string Meaning(CoverageStance? stance) => stance switch
    {
        CoverageStance.Covered => "the payer covers the code",
        CoverageStance.CoveredWithPriorAuthorization => "covered once prior authorization (PA) is obtained",
        CoverageStance.NotCovered => "the payer does not cover the code",
        CoverageStance.Varies => "coverage varies case by case or by setting",
        CoverageStance.NotStated => "the payer's section states no coverage position",
        CoverageStance.DataMissing => "the payer's section says its data is not available",
        CoverageStance.NoSection => "named as a key payer, but the publication has no section for it",
        _ => "the publication neither names this payer nor has a section for it",
    };

    /// <summary>The legend's name for the state, e.g. "Data gap (no section)".</summary>
    public static string Name(CoverageStance? stance) => stance switch
    {
        CoverageStance.DataMissing => DataGapWords.Term + " (data not available)",
        CoverageStance.NoSection => DataGapWords.Term + " (no section)",
        null => "Not mentioned",
        var known => StanceWords.Label(known.Value),
    };

    /// <summary>A cell's text in an export: the state's name in full; blank for a payer not mentioned.</summary>
    public static string? ExportText(CoverageStance? stance) => stance switch
    {
        null => null,
        CoverageStance.CoveredWithPriorAuthorization => "Covered with prior authorization",
        var known => Name(known),
    };

    /// <summary>The CSS class that colours the state (beside its mark and word, never instead of them).</summary>
    public static string CssClass(CoverageStance? stance) => stance switch
    {
        CoverageStance.Covered => "kb-mx-covered",
        CoverageStance.CoveredWithPriorAuthorization => "kb-mx-pa",
        CoverageStance.NotCovered => "kb-mx-not-covered",
        CoverageStance.Varies => "kb-mx-varies",
        CoverageStance.NotStated => "kb-mx-not-stated",
        CoverageStance.DataMissing or CoverageStance.NoSection => "kb-mx-gap",
        _ => "kb-mx-none",
    };
}
