using System.Text.RegularExpressions;

namespace CptKb.Tests.Architecture;

/// <summary>
/// Core speaks data, the web app speaks screens: no address of a page, no HTML and no CSS class is written in Core's
/// code (migrations aside, which are history). Links come from the web app's Links, markup from its components.
/// </summary>
public sealed partial class CoreSpeaksDataTests
{
    [GeneratedRegex(@"""/(codes|payers|payer-matrix|modifiers|gaps|search|import)\b|<\s*/?\s*(mark|a|span|div|p|strong|em|b|br)\b[^<]*>|\bhref\s*=|\bclass\s*=\s*\\?""|\bmud-[a-z]")]
    private static partial Regex ScreenMarkup();

    [Fact]
    public void Cores_code_writes_no_page_address_html_or_css_class()
    {
        var core = Path.Combine(RepositoryRoot(), "CptKb.Core");
        var offending = Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(core, f), Line: i + 1, Text: line)))
            // Documentation comments may name a page or show an example.
            .Where(l => !l.Text.TrimStart().StartsWith("//", StringComparison.Ordinal) && ScreenMarkup().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(offending.Count == 0, string.Join("\n", offending));
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CptKb.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("CptKb.sln not found above " + AppContext.BaseDirectory);
    }
}
