using System.Text.RegularExpressions;

namespace CptKb.Core.Parsing;

/// <summary>What makes a line a "Label: value" fact: a short capitalised label, a colon, a value.</summary>
internal static partial class FactRule
{
    private const int MaxLabelWords = 6;

    [GeneratedRegex(@"^(?<label>[A-Z][\w()/&'’\- ]{0,48}?)\s*:\s+(?<value>\S.*)$")]
    private static partial Regex FactLine();

    /// <summary>The label and value of a fact line (emphasis marks already removed), or null.</summary>
    public static (string Label, string Value)? Read(string line)
    {
        if (!line.Contains(':'))
            return null;
        var match = FactLine().Match(line);
        if (!match.Success)
            return null;
        var label = match.Groups["label"].Value.Trim();
        if (label.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > MaxLabelWords)
            return null;
        return (label, match.Groups["value"].Value.Trim());
    }
}
