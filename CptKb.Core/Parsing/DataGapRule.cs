using System.Text.RegularExpressions;

namespace CptKb.Core.Parsing;

/// <summary>
/// The one rule for the note a publication writes where its input data is missing: "Data not available in the input." and
/// its natural wordings ("Data not available.", "Not available in the input", "No data available"), in any case, with or
/// without a final stop. A bare "not available" is not the note: "the implant is not available in every region" says
/// nothing about the publication's input. The parser counts data gaps by it; pages mark the note by it.
/// </summary>
public static partial class DataGapRule
{
    /// <summary>The note as a regular expression (case-insensitive, no anchors), for callers that mark it in other text.</summary>
    public const string NotePattern =
        @"\b(?:(?:data (?:is |are )?not available|no data (?:is |are )?available)(?: in (?:the )?input)?|not available in (?:the )?input)\b\.?";

    [GeneratedRegex(NotePattern, RegexOptions.IgnoreCase)]
    private static partial Regex Note();

    /// <summary>The note, compiled once.</summary>
    public static Regex NoteRegex => Note();

    /// <summary>How many notes the text holds.</summary>
    public static int CountNotes(string text) =>
        text.Contains("available", StringComparison.OrdinalIgnoreCase) ? Note().Count(text) : 0;

    /// <summary>True when the text holds the note, e.g. a fact value "Data not available in the input.".</summary>
    public static bool IsNote(string? text) => text is not null && CountNotes(text) > 0;
}
