namespace CptKb.Core.Articles;

/// <summary>
/// A named block of CPT codes (e.g. Surgery · Musculoskeletal System, 20100–29999), used to group and filter codes.
/// Category II, III and PLA codes (ending in F, T or U) form their own ranges.
/// </summary>
/// <param name="Key">A short stable key for URLs and filters, e.g. <c>surgery-musculoskeletal</c>.</param>
/// <param name="Section">The CPT section, e.g. "Surgery".</param>
/// <param name="Name">The range's name, e.g. "Musculoskeletal System".</param>
/// <param name="First">The first code of the range, as written.</param>
/// <param name="Last">The last code of the range, as written.</param>
public sealed record CptRange(string Key, string Section, string Name, string First, string Last)
{
    /// <summary>"Surgery · Musculoskeletal System", or just the section when the range is the whole section.</summary>
    public string Label => Name == Section ? Section : $"{Section} · {Name}";

    /// <summary>"20100–29999".</summary>
    public string Span => $"{First}–{Last}";

    /// <summary>The ranges, in code order. Numeric ranges do not overlap; gaps between them are "Other".</summary>
    public static IReadOnlyList<CptRange> All { get; } =
    [
        new("anesthesia", "Anesthesia", "Anesthesia", "00100", "01999"),
        new("surgery-general", "Surgery", "General", "10004", "10021"),
        new("surgery-integumentary", "Surgery", "Integumentary System", "10030", "19499"),
        new("surgery-musculoskeletal", "Surgery", "Musculoskeletal System", "20100", "29999"),
        new("surgery-respiratory", "Surgery", "Respiratory System", "30000", "32999"),
        new("surgery-cardiovascular", "Surgery", "Cardiovascular System", "33016", "37799"),
        new("surgery-hemic-lymphatic", "Surgery", "Hemic and Lymphatic Systems", "38100", "38999"),
        new("surgery-mediastinum-diaphragm", "Surgery", "Mediastinum and Diaphragm", "39000", "39599"),
        new("surgery-digestive", "Surgery", "Digestive System", "40490", "49999"),
        new("surgery-urinary", "Surgery", "Urinary System", "50010", "53899"),
        new("surgery-male-genital", "Surgery", "Male Genital System", "54000", "55899"),
        new("surgery-reproductive-intersex", "Surgery", "Reproductive System and Intersex", "55920", "55980"),
        new("surgery-female-genital", "Surgery", "Female Genital System", "56405", "58999"),
        new("surgery-maternity", "Surgery", "Maternity Care and Delivery", "59000", "59899"),
        new("surgery-endocrine", "Surgery", "Endocrine System", "60000", "60699"),
        new("surgery-nervous", "Surgery", "Nervous System", "61000", "64999"),
        new("surgery-eye", "Surgery", "Eye and Ocular Adnexa", "65091", "68899"),
        new("surgery-auditory", "Surgery", "Auditory System", "69000", "69979"),
        new("surgery-microscope", "Surgery", "Operating Microscope", "69990", "69990"),
        new("radiology", "Radiology", "Radiology", "70010", "79999"),
        new("pathology-laboratory", "Pathology and Laboratory", "Pathology and Laboratory", "80047", "89398"),
        new("medicine", "Medicine", "Medicine", "90281", "99199"),
        new("evaluation-management", "Evaluation and Management", "Evaluation and Management", "99202", "99499"),
        new("medicine-home-health", "Medicine", "Home Health Procedures and Services", "99500", "99607"),
        new("category-ii", "Category II", "Performance Measurement", "0001F", "9999F"),
        new("category-iii", "Category III", "Emerging Technology", "0001T", "9999T"),
        new("pla", "Proprietary Laboratory Analyses", "Proprietary Laboratory Analyses", "0001U", "9999U"),
    ];

    /// <summary>Codes that fall in no named range.</summary>
    public static CptRange Other { get; } = new("other", "Other", "Other", "", "");

    /// <summary>The range a code falls in, or <see cref="Other"/> (also for text that is not a code).</summary>
    public static CptRange Of(string code) => CptCode.TryParse(code, out var parsed) ? Of(parsed) : Other;

    /// <summary>The range a code falls in, or <see cref="Other"/>.</summary>
    public static CptRange Of(CptCode code)
    {
        foreach (var range in All)
        {
            if (range.Contains(code))
                return range;
        }
        return Other;
    }

    /// <summary>"20100-29999": the range in the search box's range syntax; empty for <see cref="Other"/>.</summary>
    public string Query => First.Length == 0 ? "" : $"{First}-{Last}";

    /// <summary>
    /// The span of <see cref="CptCode.SortKey"/> the range covers, both ends included; null for <see cref="Other"/>.
    /// Every range holds one kind of code, so its codes are one span of keys in code order.
    /// </summary>
    public (int First, int Last)? SortKeys =>
        CptCode.TryParse(First, out var first) && CptCode.TryParse(Last, out var last) ? (first.SortKey, last.SortKey) : null;

    /// <summary>Whether the code lies in the range (a code of another kind never does).</summary>
    public bool Contains(string code) => CptCode.TryParse(code, out var parsed) && Contains(parsed);

    /// <summary>Whether the code lies in the range (a code of another kind never does).</summary>
    public bool Contains(CptCode code) => SortKeys is var (first, last) && code.SortKey >= first && code.SortKey <= last;

    /// <summary>The range with the key, or null.</summary>
    public static CptRange? ByKey(string? key) =>
        key is null ? null : key == Other.Key ? Other : All.FirstOrDefault(r => r.Key == key);
}
