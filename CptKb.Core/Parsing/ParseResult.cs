using CptKb.Core.Articles;

namespace CptKb.Core.Parsing;

/// <summary>
/// The outcome of reading one document: an article, or an error saying why the document is not one.
/// Warnings are returned either way.
/// </summary>
public sealed record ParseResult
{
    /// <summary>The article, or null when <see cref="Error"/> says why there is none.</summary>
    public Article? Article { get; init; }

    /// <summary>Why the document could not be read as an article, in plain words.</summary>
    public string? Error { get; init; }

    /// <summary>What the parser noticed but could read past (also on the article).</summary>
    public IReadOnlyList<ParseWarning> Warnings { get; init; } = [];

    /// <summary>True when an article was produced.</summary>
    public bool Succeeded => Article is not null;

    internal static ParseResult Failed(string error, IReadOnlyList<ParseWarning> warnings) =>
        new() { Error = error, Warnings = warnings };
}
