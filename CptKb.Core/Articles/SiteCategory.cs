namespace CptKb.Core.Articles;

/// <summary>
/// A kind of place where a service is performed, recognised in the free text of "Typical site of service"
/// (e.g. "Operating room ... inpatient or outpatient hospital ... ambulatory surgery center").
/// </summary>
/// <param name="Key">A short stable key for URLs and filters.</param>
/// <param name="Name">The category's name.</param>
/// <param name="Patterns">SQL LIKE patterns (case-insensitive for ASCII) that recognise it.</param>
public sealed record SiteCategory(string Key, string Name, IReadOnlyList<string> Patterns)
{
    /// <summary>The categories, in the order they are offered.</summary>
    public static IReadOnlyList<SiteCategory> All { get; } =
    [
        new("office", "Office", ["%office%"]),
        new("inpatient", "Inpatient hospital", ["%inpatient%"]),
        new("outpatient", "Outpatient hospital", ["%outpatient%"]),
        new("asc", "Ambulatory surgery center", ["%ambulatory surg%", "%ASC%"]),
        new("operating-room", "Operating room", ["%operating room%", "%surgical suite%"]),
        new("emergency", "Emergency department", ["%emergency%"]),
        new("imaging", "Imaging facility", ["%imaging%", "%radiology%"]),
        new("laboratory", "Laboratory", ["%laborator%"]),
        new("home", "Home", ["%home%"]),
        new("telehealth", "Telehealth", ["%telehealth%", "%virtual%"]),
    ];

    /// <summary>The categories a site-of-service text mentions, in <see cref="All"/> order.</summary>
    public static IReadOnlyList<SiteCategory> In(string? siteOfService)
    {
        if (string.IsNullOrWhiteSpace(siteOfService))
            return [];
        return [.. All.Where(c => c.Patterns.Any(p => Matches(siteOfService, p)))];
    }

    /// <summary>The category with the key, or null.</summary>
    public static SiteCategory? ByKey(string? key) => All.FirstOrDefault(c => c.Key == key);

    // The patterns are all "%text%": a case-insensitive containment test, as SQLite's LIKE does for ASCII.
    private static bool Matches(string text, string pattern) =>
        text.Contains(pattern.Trim('%'), StringComparison.OrdinalIgnoreCase);
}
