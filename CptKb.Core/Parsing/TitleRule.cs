using System.Text.RegularExpressions;
using CptKb.Core.Articles;

namespace CptKb.Core.Parsing;

/// <summary>Where a document's code and title come from: its title line ("CPT 20962: Title"), or else "CPT code 20962".</summary>
internal static partial class TitleRule
{
    [GeneratedRegex(@"^[*_]*\s*CPT(?:®|\(R\))?\s+(?:code\s+)?([0-9]{4}[0-9A-Za-z])\s*[*_]*\s*[:\-–—]\s*(.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex TitleLine();

    // A heading says by its place that it is a title: there the words may follow the code without a colon or dash.
    [GeneratedRegex(@"^[*_]*\s*CPT(?:®|\(R\))?\s+(?:code\s+)?([0-9]{4}[0-9A-Za-z])\s*[*_]*\s+([A-Za-z].*)$", RegexOptions.IgnoreCase)]
    private static partial Regex TitleHeading();

    [GeneratedRegex(@"\bCPT(?:®|\(R\))?\s+(?:code\s+)?([0-9]{4}[0-9A-Za-z])\b", RegexOptions.IgnoreCase)]
    private static partial Regex CodeMention();

    /// <summary>The code and title of a title line, or null when the line is not one.</summary>
    public static (CptCode Code, string Title)? Read(string line)
    {
        if (!line.Contains("CPT", StringComparison.OrdinalIgnoreCase))
            return null;
        var match = TitleLine().Match(line);
        if (!match.Success || !CptCode.TryParse(match.Groups[1].Value, out var code))
            return null;
        return (code, match.Groups[2].Value.Trim().Trim('*', '_').Trim());
    }

    /// <summary>
    /// The code and title of a heading that is a title line: as <see cref="Read"/>, or "CPT 27447 Total Knee Arthroplasty"
    /// with no colon or dash after the code. Null when the heading is not one.
    /// </summary>
    public static (CptCode Code, string Title)? ReadHeading(string heading)
    {
        if (Read(heading) is { } title)
            return title;
        if (!heading.Contains("CPT", StringComparison.OrdinalIgnoreCase))
            return null;
        var match = TitleHeading().Match(heading);
        if (!match.Success || !CptCode.TryParse(match.Groups[1].Value, out var code))
            return null;
        return (code, match.Groups[2].Value.Trim().Trim('*', '_').Trim());
    }

    /// <summary>True when the line is a title line.</summary>
    public static bool IsTitleLine(string line) => Read(line) is not null;

    /// <summary>Every code the text names as "CPT 20962" or "CPT code 20962", first mention first, each once.</summary>
    public static IReadOnlyList<CptCode> Mentions(string text) =>
    [
        .. CodeMention().Matches(text)
            .Select(m => CptCode.ParseOrNull(m.Groups[1].Value))
            .OfType<CptCode>()
            .Distinct(),
    ];
}
