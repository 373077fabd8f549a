namespace CptKb.Web.Components.Pages.Codes;

/// <summary>Addresses of the article pages: <c>/codes/20962</c>, or straight to a section, <c>/codes/20962#clinical-context</c>.</summary>
public static class CodeLinks
{
    public static string Article(string code, string? anchor = null) =>
        anchor is null ? $"/codes/{Uri.EscapeDataString(code)}" : $"/codes/{Uri.EscapeDataString(code)}#{Uri.EscapeDataString(anchor)}";
}
