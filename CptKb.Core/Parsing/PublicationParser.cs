using CptKb.Core.Articles;

namespace CptKb.Core.Parsing;

/// <summary>
/// Reads a publication's text into an <see cref="Article"/>: a pure function over the text that never throws on any
/// input. The flattened form the publications arrive in is read line by line (<see cref="FlatTextReader"/>); a document
/// written as ordinary Markdown is read with Markdig (<see cref="MarkdownReader"/>). Both fill one
/// <see cref="DocumentDraft"/>, which <see cref="ArticleAssembler"/> turns into the article.
/// </summary>
public static class PublicationParser
{
    /// <summary>The Markdig pipeline documents written as Markdown are read with: CommonMark plus pipe tables.</summary>
    public static Markdig.MarkdownPipeline Pipeline => MarkdownReader.Pipeline;

    /// <summary>Decodes raw file bytes (UTF-8, UTF-16 with BOM, else Windows-1252) and parses them.</summary>
    public static ParseResult Parse(ReadOnlySpan<byte> bytes) => Parse(TextDecoder.Decode(bytes));

    /// <summary>Parses text already decoded by <see cref="TextDecoder"/>, keeping its warnings first.</summary>
    public static ParseResult Parse(DecodedText decoded)
    {
        if (decoded.Text is null)
            return ParseResult.Failed(decoded.Error ?? "the file could not be read as text", decoded.Warnings);
        var result = Parse(decoded.Text);
        if (decoded.Warnings.Count == 0)
            return result;
        var warnings = decoded.Warnings.Concat(result.Warnings).ToList();
        return result with { Article = result.Article is null ? null : result.Article with { Warnings = warnings }, Warnings = warnings };
    }

    /// <summary>Parses document text.</summary>
    public static ParseResult Parse(string text)
    {
        try
        {
            return Read(Normalize(text));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug must not take down an import of many files: report it against this document.
            return ParseResult.Failed($"the document could not be read ({ex.GetType().Name}: {ex.Message})", []);
        }
    }

    /// <summary>The text as the readers see it: no byte order mark, "\n" line ends.</summary>
    public static string Normalize(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
            text = text[1..];
        if (text.Contains('\r'))
            text = text.Replace("\r\n", "\n").Replace('\r', '\n');
        return text;
    }

    private static ParseResult Read(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return ParseResult.Failed("the document is empty", []);

        var draft = new DocumentDraft(KeyPayers.Find(text));
        if (MarkdownReader.IsMarkdown(text))
            MarkdownReader.Read(text, draft);
        else
            FlatTextReader.Read(text, draft);
        draft.FindCodeWithoutTitleLine(text);

        if (draft.Code is not { } code)
            return ParseResult.Failed("no CPT code found: expected a line like \"CPT 20962: Title\" or the words \"CPT code 20962\"", draft.Warnings);
        var article = ArticleAssembler.Assemble(draft, code) with { IsGeneratedSample = SampleMark.IsIn(text) };
        return new ParseResult { Article = article, Warnings = draft.Warnings };
    }
}
