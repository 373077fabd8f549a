namespace CptKb.Core.Search;

/// <summary>A run of characters in a text.</summary>
/// <param name="Start">The index of its first UTF-16 code unit.</param>
/// <param name="Length">How many UTF-16 code units it spans.</param>
public readonly record struct TextRange(int Start, int Length)
{
    /// <summary>The index just past its last code unit.</summary>
    public int End => Start + Length;
}

/// <summary>
/// A short piece of a text to show in a search result: whitespace collapsed, "…" where it was cut from more text,
/// and the places that match the query.
/// </summary>
/// <param name="Text">The plain text to show (encode it before putting it in HTML).</param>
/// <param name="Highlights">The matches in <paramref name="Text"/>, in order, not overlapping, each on whole tokens.</param>
public sealed record TextSnippet(string Text, IReadOnlyList<TextRange> Highlights)
{
    /// <summary>Nothing to show.</summary>
    public static TextSnippet Empty { get; } = new("", []);
}
