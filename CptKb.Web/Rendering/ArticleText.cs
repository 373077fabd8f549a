using CptKb.Core.Articles;

namespace CptKb.Web.Rendering;

/// <summary>Prepares a section's Markdown for the article page.</summary>
public static class ArticleText
{
    /// <summary>
    /// The body without the lines that hold the given facts, because the page shows those facts as a
    /// label/value list of their own.
    /// </summary>
    public static string WithoutFacts(string body, IReadOnlyCollection<Fact> facts)
    {
        if (facts.Count == 0 || body.Length == 0)
            return body;
        var lines = body.Split('\n');
        var kept = lines.Where(line => !facts.Any(f => IsFactLine(line, f))).ToList();
        return string.Join('\n', kept).Trim();
    }

    private static bool IsFactLine(string line, Fact fact)
    {
        var text = line.Trim().TrimStart('-', '*', '+').Trim().Replace("**", "", StringComparison.Ordinal).Replace("__", "", StringComparison.Ordinal);
        return text.StartsWith(fact.Label, StringComparison.Ordinal)
            && text.AsSpan(fact.Label.Length).TrimStart().StartsWith(":")
            && text.EndsWith(fact.Value, StringComparison.Ordinal);
    }
}
