using System.Text.RegularExpressions;
using Ganss.Xss;
using Markdig;

namespace CptKb.Web.Rendering;

/// <summary>
/// Turns untrusted document Markdown into HTML that is safe to show: Markdig with raw HTML disabled,
/// then HtmlSanitizer (no script, no event handlers, no <c>javascript:</c> or <c>data:</c> URLs).
/// This is the only way document text becomes markup.
/// </summary>
public static partial class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.UnionWith(["http", "https", "mailto"]);
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedAttributes.Remove("id");
        sanitizer.AllowedTags.ExceptWith(["form", "input", "button", "select", "textarea", "option", "img"]);
        sanitizer.AllowDataAttributes = false;
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Html.Dom.IHtmlAnchorElement anchor)
                anchor.SetAttribute("rel", "noopener noreferrer nofollow");
        };
        return sanitizer;
    }

    /// <summary>Renders Markdown to sanitized HTML.</summary>
    public static string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
            return "";
        var html = Markdown.ToHtml(markdown, Pipeline);
        // The gap mark is added after sanitizing: it is the app's own markup around text the sanitizer kept.
        return DataNotAvailable().Replace(Sanitizer.Sanitize(html), "<span class=\"kb-gap-mark\">$0</span>");
    }

    // The parser's one rule for the note, matched only in text between tags (the text since the last '>' holds no '<'),
    // never in attribute values.
    [GeneratedRegex("(?<=>[^<]*)" + CptKb.Core.Parsing.DataGapRule.NotePattern, RegexOptions.IgnoreCase)]
    private static partial Regex DataNotAvailable();
}
