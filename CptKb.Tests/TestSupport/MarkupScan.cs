using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace CptKb.Tests.TestSupport;

/// <summary>
/// Reads a page's HTML (as served, or the browser's live DOM) and lists everything in it that a document could have
/// brought in as markup rather than text: elements and attributes carrying <see cref="HostileCorpus.Marker"/>, event
/// handlers, refreshes, base addresses, style sheets, frames, script, and links or sources pointing at another origin.
/// </summary>
public static class MarkupScan
{
    private static readonly string[] UrlAttributes = ["href", "src", "srcset", "action", "formaction", "xlink:href", "poster", "background", "data", "ping", "cite", "manifest"];

    /// <summary>
    /// Everything wrong in <paramref name="html"/>, each as a line naming <paramref name="where"/>; empty when the page is clean.
    /// Addresses on <paramref name="origin"/> (the app itself) are the app's own.
    /// </summary>
    public static List<string> Find(string html, string where, Uri origin)
    {
        var document = new HtmlParser().ParseDocument(html);
        var findings = new List<string>();
        void Add(IElement element, string what) => findings.Add($"{where}: {what} in {Cut(element.OuterHtml)}");

        foreach (var element in document.All)
        {
            var name = element.LocalName;
            if (Carries(name))
                Add(element, $"element <{name}>");
            if (name is "iframe" or "frame" or "object" or "embed" or "applet")
                Add(element, $"element <{name}>");
            if (name == "meta" && element.HasAttribute("http-equiv"))
                Add(element, "a meta http-equiv");
            if (name == "base" && element.GetAttribute("href") != "/")
                Add(element, "a base address");
            if (name == "style" && Carries(element.TextContent))
                Add(element, "a style element");
            if (name == "link" && !IsOwnAddress(element.GetAttribute("href"), origin))
                Add(element, "a link to another origin");
            if (name == "script")
            {
                // Only the app's own script files: a relative src, no inline body.
                if (!IsOwnAddress(element.GetAttribute("src"), origin) || string.IsNullOrEmpty(element.GetAttribute("src")) || !string.IsNullOrWhiteSpace(element.TextContent))
                    Add(element, "a script");
            }
            // Markdown is the one place document text becomes elements, and it may hold only text-level markup.
            if (element.Closest(".kb-markdown") is not null && name is "img" or "svg" or "meta" or "style" or "script" or "base" or "link" or "input" or "button" or "form")
                Add(element, $"<{name}> in rendered Markdown");

            foreach (var attribute in element.Attributes)
            {
                var value = attribute.Value;
                if (Carries(attribute.Name))
                    Add(element, $"attribute {attribute.Name}");
                if (attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
                    Add(element, $"event handler {attribute.Name}");
                if (attribute.Name == "style" && Carries(value))
                    Add(element, "a style attribute");
                if (UrlAttributes.Contains(attribute.Name, StringComparer.OrdinalIgnoreCase))
                {
                    var scheme = value.Trim().ToLowerInvariant();
                    if (scheme.StartsWith("javascript:") || scheme.StartsWith("data:") || scheme.StartsWith("vbscript:"))
                        Add(element, $"{attribute.Name}={value}");
                    else if (!IsOwnAddress(value, origin) && !IsMarkdownLink(element, attribute.Name))
                        Add(element, $"{attribute.Name} to another origin");
                }
                else if (Carries(value) && !CarriesWholeText(value))
                {
                    // Text shown in an attribute (a label, a title, an anchor) keeps the payload's brackets and quotes, or is
                    // a slug; a value that is the marker alone was written by the payload.
                    Add(element, $"attribute {attribute.Name}=\"{value}\"");
                }
            }
        }
        return findings;
    }

    /// <summary>
    /// The pages where the markup publications' text appears: every list, both articles (with and without highlighting),
    /// each of their payers and modifiers, the data gaps filtered by each, search, the import run and a not-found code.
    /// </summary>
    public static async Task<List<string>> PagesAsync(HttpClient client)
    {
        var pages = new List<string>
        {
            "/", "/codes", "/codes?payer=Aetna", "/payers", "/payer-matrix", "/modifiers", "/gaps", "/import",
            "/search?q=" + Uri.EscapeDataString(HostileCorpus.Marker),
            "/search?q=" + Uri.EscapeDataString(HostileCorpus.MarkupPayloads[7]),
            "/codes/30103", "/nothing-here",
        };
        foreach (var code in HostileCorpus.MarkupCodes)
        {
            pages.Add($"/codes/{code}");
            pages.Add($"/codes/{code}?hl={Uri.EscapeDataString(HostileCorpus.Marker + " class b")}");
            var article = await client.GetFromJsonAsync<JsonElement>($"/api/articles/{code}");
            var payers = article.GetProperty("payers").EnumerateArray().Select(p => p.GetString()!)
                .Concat(article.GetProperty("payerSections").EnumerateArray().Select(p => p.GetProperty("payer").GetString()!));
            foreach (var payer in payers)
            {
                pages.Add($"/payers/{Uri.EscapeDataString(payer)}");
                pages.Add($"/gaps?payer={Uri.EscapeDataString(payer)}");
            }
            foreach (var modifier in article.GetProperty("modifiers").EnumerateArray())
            {
                if (modifier.GetProperty("code").GetString() is { } modifierCode)
                    pages.Add($"/modifiers/{Uri.EscapeDataString(modifierCode)}");
            }
            foreach (var section in article.GetProperty("sections").EnumerateArray().Where(s => s.GetProperty("level").GetInt32() == 2))
                pages.Add($"/gaps?section={Uri.EscapeDataString(section.GetProperty("heading").GetString()!)}");
        }
        return [.. pages.Distinct()];
    }

    private static bool Carries(string text) => text.Contains(HostileCorpus.Marker, StringComparison.OrdinalIgnoreCase);

    private static bool CarriesWholeText(string value) =>
        value.IndexOfAny(['<', '"', '\'']) >= 0 || value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    // An address on the app itself: relative (not protocol-relative), or absolute on the app's origin.
    private static bool IsOwnAddress(string? value, Uri origin)
    {
        var v = (value ?? "").Trim();
        if (v.Length == 0 || v[0] is '#' or '?' || (v[0] == '/' && !v.StartsWith("//", StringComparison.Ordinal)))
            return true;
        if (Uri.TryCreate(v, UriKind.Absolute, out var absolute))
            return absolute.Scheme == origin.Scheme && absolute.Authority == origin.Authority;
        return !v.Contains(':') && !v.StartsWith("\\", StringComparison.Ordinal) && !v.StartsWith("//", StringComparison.Ordinal);
    }

    // Document Markdown may link to the web: http(s) only, marked so no credit or referrer goes with it.
    private static bool IsMarkdownLink(IElement element, string attribute) =>
        attribute == "href" && element.LocalName == "a" && element.Closest(".kb-markdown") is not null
        && element.GetAttribute("rel") == "noopener noreferrer nofollow"
        && (element.GetAttribute("href") ?? "").Trim().StartsWith("http", StringComparison.OrdinalIgnoreCase)
        && Uri.TryCreate(element.GetAttribute("href")!.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    private static string Cut(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
