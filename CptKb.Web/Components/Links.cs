using CptKb.Core.Storage;

namespace CptKb.Web.Components;

/// <summary>
/// Every address of a page, built in one place: each part escaped, so a code, a payer's or a modifier's name can hold
/// any character and still lead to its page.
/// </summary>
public static class Links
{
    /// <summary><c>/codes/20955</c>, with the words to highlight (<c>?hl=</c>) and the section (<c>#anchor</c>) when given.</summary>
    public static string Article(string code, string? anchor = null, string? highlight = null)
    {
        var link = "/codes/" + Uri.EscapeDataString(code);
        if (!string.IsNullOrEmpty(highlight))
            link += "?hl=" + Uri.EscapeDataString(highlight);
        return string.IsNullOrEmpty(anchor) ? link : link + "#" + Uri.EscapeDataString(anchor);
    }

    /// <summary><c>/search?q=...</c>.</summary>
    public static string Search(string query) => "/search?q=" + Uri.EscapeDataString(query);
}
