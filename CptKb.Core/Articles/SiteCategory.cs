namespace CptKb.Core.Articles;

/// <summary>
/// A kind of place where a service is performed, recognised in the free text of "Typical site of service"
/// (e.g. "Operating room ... inpatient or outpatient hospital ... ambulatory surgery center").
/// </summary>
/// <param name="Key">A short stable key for URLs and filters.</param>
/// <param name="Name">The category's name.</param>
/// <param name="Words">What a site-of-service text says when it means this category (compared without regard to case).</param>
/// <param name="Flag">The category's bit in <see cref="FlagsOf"/>.</param>
public sealed record SiteCategory(string Key, string Name, IReadOnlyList<string> Words, int Flag)
{
    /// <summary>The categories, in the order they are offered.</summary>
    public static IReadOnlyList<SiteCategory> All { get; } =
    [
        new("office", "Office", ["office"], 1 << 0),
        new("inpatient", "Inpatient hospital", ["inpatient"], 1 << 1),
        new("outpatient", "Outpatient hospital", ["outpatient"], 1 << 2),
        new("asc", "Ambulatory surgery center", ["ambulatory surg", "ASC"], 1 << 3),
        new("operating-room", "Operating room", ["operating room", "surgical suite"], 1 << 4),
        new("emergency", "Emergency department", ["emergency"], 1 << 5),
        new("imaging", "Imaging facility", ["imaging", "radiology"], 1 << 6),
        new("laboratory", "Laboratory", ["laborator"], 1 << 7),
        new("home", "Home", ["home"], 1 << 8),
        new("telehealth", "Telehealth", ["telehealth", "virtual"], 1 << 9),
    ];

    /// <summary>The categories a site-of-service text mentions, in <see cref="All"/> order.</summary>
    public static IReadOnlyList<SiteCategory> In(string? siteOfService)
    {
        if (string.IsNullOrWhiteSpace(siteOfService))
            return [];
        return [.. All.Where(c => c.Words.Any(w => siteOfService.Contains(w, StringComparison.OrdinalIgnoreCase)))];
    }

    /// <summary>The categories a site-of-service text mentions, as one set of <see cref="Flag"/> bits.</summary>
    public static int FlagsOf(string? siteOfService) => In(siteOfService).Aggregate(0, (flags, c) => flags | c.Flag);

    /// <summary>The categories whose bits are set, in <see cref="All"/> order.</summary>
    public static IReadOnlyList<SiteCategory> FromFlags(int flags) => [.. All.Where(c => (flags & c.Flag) != 0)];

    /// <summary>The category with the key, or null.</summary>
    public static SiteCategory? ByKey(string? key) => All.FirstOrDefault(c => c.Key == key);
}
