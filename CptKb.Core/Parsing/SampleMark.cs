namespace CptKb.Core.Parsing;

/// <summary>
/// The line that marks a publication as a generated sample rather than real payer policy. The sample generator writes it
/// into the summary; the parser sets <see cref="Articles.Article.IsGeneratedSample"/> wherever it stands on a line of its
/// own, so the mark is read again from the stored text on every re-import and rebuild.
/// </summary>
public static class SampleMark
{
    /// <summary>The line, exactly as written (surrounding blanks are ignored when read).</summary>
    public const string Line = "This is a generated sample publication, written by the CptKb sample generator; it is not real payer policy.";

    /// <summary>True when <paramref name="text"/> holds <see cref="Line"/> on a line of its own.</summary>
    /// <param name="text">Document text with "\n" line ends.</param>
    public static bool IsIn(string text)
    {
        for (var at = text.IndexOf(Line, StringComparison.Ordinal); at >= 0; at = text.IndexOf(Line, at + 1, StringComparison.Ordinal))
        {
            var start = text.LastIndexOf('\n', Math.Max(at - 1, 0)) + 1;
            var end = text.IndexOf('\n', at + Line.Length);
            if (end < 0)
                end = text.Length;
            if (text.AsSpan(start, at - start).IsWhiteSpace() && text.AsSpan(at + Line.Length, end - at - Line.Length).IsWhiteSpace())
                return true;
        }
        return false;
    }
}
