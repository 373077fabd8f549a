using System.Text.RegularExpressions;

namespace CptKb.Core.Parsing;

/// <summary>The key payers a summary names: "Key payers covered in this analysis include A, B, and C."</summary>
internal static partial class KeyPayers
{
    private const int MaxNameLength = 80;

    [GeneratedRegex(@"\bkey payers\b[^.:]*?(?:\binclude[sd]?\b|\bare\b|:)\s*(?<list>.+?)\.(?=\s|$)", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex KeyPayersSentence();

    /// <summary>The payers named in the sentence, in the order written, each once; empty when the text has no such sentence.</summary>
    public static IReadOnlyList<string> Find(string text)
    {
        if (!text.Contains("payers", StringComparison.OrdinalIgnoreCase))
            return [];
        var match = KeyPayersSentence().Match(text.Contains("**", StringComparison.Ordinal) ? text.Replace("**", "", StringComparison.Ordinal) : text);
        if (!match.Success)
            return [];
        var list = match.Groups["list"].Value.Replace('\n', ' ');
        var parts = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        if (parts.Count == 0)
            return [];
        var last = parts[^1];
        if (last.StartsWith("and ", StringComparison.OrdinalIgnoreCase))
            parts[^1] = last[4..];
        else if (last.StartsWith("& ", StringComparison.Ordinal))
            parts[^1] = last[2..];
        else if (last.Contains(" and ", StringComparison.OrdinalIgnoreCase))
        {
            var at = last.LastIndexOf(" and ", StringComparison.OrdinalIgnoreCase);
            parts[^1] = last[..at];
            parts.Add(last[(at + 5)..]);
        }
        return parts.Select(p => p.Trim().Trim('*', '_'))
            .Where(p => p.Length is > 0 and <= MaxNameLength)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }
}
