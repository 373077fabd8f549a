namespace CptKb.Web.Components.Layout;

/// <summary>The reader's display choices known when the page is first rendered.</summary>
public sealed record ReaderPreferences(bool DarkMode);
