namespace CptKb.Web.Components.Layout;

/// <summary>The reader's display choices known when the page is first rendered.</summary>
/// <param name="DarkMode">Whether the page starts dark: the reader's choice, else the system's when the browser says it.</param>
/// <param name="DarkModeChosen">True once the reader has picked light or dark; until then the page follows the system.</param>
public sealed record ReaderPreferences(bool DarkMode, bool DarkModeChosen = false);
