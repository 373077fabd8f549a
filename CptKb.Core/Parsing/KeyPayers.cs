using System.Text.RegularExpressions;

namespace CptKb.Core.Parsing;

/// <summary>The key payers a summary names: "Key payers covered in this analysis include A, B, and C."</summary>
internal static partial class KeyPayers
{
    private const int MaxNameLength = 80;

    [GeneratedRegex(@"\bkey payers\b[^.:]*?(?:\binclude[sd]?\b|\bare\b|:)\s*(?<list>.+?)\.(?=\s|$)", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex KeyPayersSentence();

    /// <summary>
    /// The payers named in the sentence, in the order written, each once; or, when the sentence ends in a colon, the items
    /// of the list below it. Empty when the text has no such sentence.
    /// </summary>
    public static IReadOnlyList<string> Find(string text)
    {
        if (!text.Contains("payers", StringComparison.OrdinalIgnoreCase))
            return [];
        text = text.Contains("**", StringComparison.Ordinal) ? text.Replace("**", "", StringComparison.Ordinal) : text;
        if (ListedBelow(text) is { Count: > 0 } listed)
            return listed;
        var match = KeyPayersSentence().Match(text);
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
        return Names(parts);
    }

    private static List<string> Names(IEnumerable<string> parts) =>
        parts.Select(p => p.Trim().Trim('*', '_', ':').Trim())
            .Where(p => p.Length is > 0 and <= MaxNameLength)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

    // "Key payers covered in this analysis include:" and a list below it: "- Aetna" lines, or in the flattened form a "-"
    // alone on its line before each name. The list ends at the first line that is not an item.
    private static List<string>? ListedBelow(string text)
    {
        var at = text.IndexOf("key payers", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
            return null;
        var end = text.IndexOf('\n', at);
        if (end < 0 || !text.AsSpan(at, end - at).TrimEnd().EndsWith(":"))
            return null;
        var items = new List<string>();
        var bullet = false;
        foreach (var range in text.AsSpan(end + 1).Split('\n'))
        {
            var line = text.AsSpan(end + 1)[range].Trim();
            if (line.IsEmpty)
            {
                if (items.Count > 0 && !bullet)
                    break;
                continue;
            }
            if (line is "-" or "*" or "+" or "•")
            {
                bullet = true;
                continue;
            }
            if (!bullet && line.Length > 2 && line[0] is '-' or '*' or '+' or '•' && line[1] == ' ')
                line = line[2..];
            else if (!bullet)
                break;
            bullet = false;
            var name = line.TrimEnd(".,;").Trim();
            if (name.StartsWith("and ", StringComparison.OrdinalIgnoreCase))
                name = name[4..];
            items.Add(name.ToString());
        }
        return Names(items);
    }
}
