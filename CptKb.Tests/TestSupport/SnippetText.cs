using CptKb.Core.Search;

namespace CptKb.Tests;

/// <summary>A snippet written out with its highlights in square brackets, for assertions that read like the page.</summary>
internal static class SnippetText
{
    public static string Marked(this TextSnippet snippet)
    {
        var text = snippet.Text;
        foreach (var range in snippet.Highlights.OrderByDescending(r => r.Start))
            text = text[..range.Start] + "[" + text.Substring(range.Start, range.Length) + "]" + text[range.End..];
        return text;
    }
}
