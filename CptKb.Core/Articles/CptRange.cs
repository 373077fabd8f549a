namespace CptKb.Core.Articles;

/// <summary>
/// A block of CPT codes the AMA code set groups together, e.g. Surgery (10004–69990) and its
/// Musculoskeletal System sub-range (20100–29999). Used for search facets and the reading pages.
/// </summary>
/// <param name="Name">The range's name, e.g. "Musculoskeletal System".</param>
/// <param name="First">The first code of the range, e.g. <c>20100</c>.</param>
/// <param name="Last">The last code of the range, e.g. <c>29999</c>.</param>
/// <param name="Parent">The section a sub-range belongs to (Surgery for Musculoskeletal System); null for a section.</param>
public sealed record CptRange(string Name, string First, string Last, CptRange? Parent = null)
{
    /// <summary>Anesthesia, 00100–01999.</summary>
    public static readonly CptRange Anesthesia = new("Anesthesia", "00100", "01999");

    /// <summary>Surgery, 10004–69990; its systems are sub-ranges.</summary>
    public static readonly CptRange Surgery = new("Surgery", "10004", "69990");

    /// <summary>Radiology, 70010–79999.</summary>
    public static readonly CptRange Radiology = new("Radiology", "70010", "79999");

    /// <summary>Pathology and Laboratory, 80047–89398.</summary>
    public static readonly CptRange PathologyAndLaboratory = new("Pathology and Laboratory", "80047", "89398");

    /// <summary>Medicine, 90281–99199 (and 99500–99607, see <see cref="MedicineHomeServices"/>).</summary>
    public static readonly CptRange Medicine = new("Medicine", "90281", "99199");

    /// <summary>The second block of Medicine codes, 99500–99607 (home health, medication therapy management).</summary>
    public static readonly CptRange MedicineHomeServices = new("Medicine", "99500", "99607");

    /// <summary>Evaluation and Management, 99202–99499.</summary>
    public static readonly CptRange EvaluationAndManagement = new("Evaluation and Management", "99202", "99499");

    /// <summary>Category II performance measurement codes, 0001F–9999F.</summary>
    public static readonly CptRange CategoryII = new("Category II", "0001F", "9999F");

    /// <summary>Category III emerging technology codes, 0001T–9999T.</summary>
    public static readonly CptRange CategoryIII = new("Category III", "0001T", "9999T");

    /// <summary>Proprietary Laboratory Analyses, 0001U–9999U.</summary>
    public static readonly CptRange ProprietaryLaboratoryAnalyses = new("Proprietary Laboratory Analyses", "0001U", "9999U");

    /// <summary>The sections and their sub-ranges, sub-ranges first so the most specific range is found first.</summary>
    public static IReadOnlyList<CptRange> All { get; } =
    [
        new("Integumentary System", "10004", "19499", Surgery),
        new("Musculoskeletal System", "20100", "29999", Surgery),
        new("Respiratory System", "30000", "32999", Surgery),
        new("Cardiovascular System", "33016", "39599", Surgery),
        new("Digestive System", "40490", "49999", Surgery),
        new("Urinary System", "50010", "53899", Surgery),
        new("Male Genital System", "54000", "55899", Surgery),
        new("Female Genital System", "56405", "58999", Surgery),
        new("Maternity Care and Delivery", "59000", "59899", Surgery),
        new("Endocrine System", "60000", "60699", Surgery),
        new("Nervous System", "61000", "64999", Surgery),
        new("Eye and Ocular Adnexa", "65091", "68899", Surgery),
        new("Auditory System", "69000", "69979", Surgery),
        Anesthesia,
        Surgery,
        Radiology,
        PathologyAndLaboratory,
        EvaluationAndManagement,
        Medicine,
        MedicineHomeServices,
        CategoryII,
        CategoryIII,
        ProprietaryLaboratoryAnalyses,
    ];

    /// <summary>The top-level range: the parent of a sub-range, or the range itself.</summary>
    public CptRange Section => Parent ?? this;

    /// <summary>"20100-29999": the range in the search box's range syntax.</summary>
    public string Query => $"{First}-{Last}";

    /// <summary>The most specific range holding the code (compared without blanks, upper-cased), or null when none does.</summary>
    public static CptRange? Of(string code)
    {
        var wanted = code.Trim().ToUpperInvariant();
        foreach (var range in All)
        {
            if (range.Contains(wanted)) return range;
        }
        return null;
    }

    /// <summary>
    /// Whether the code lies in the range. Codes compare by their four leading digits and their fifth character,
    /// and only with codes of the same kind: five digits, or four digits and the same letter.
    /// </summary>
    public bool Contains(string code) =>
        TryKey(code, out var key, out var letter)
        && TryKey(First, out var first, out var firstLetter) && TryKey(Last, out var last, out _)
        && letter == firstLetter && key >= first && key <= last;

    /// <summary>
    /// Reads a five-character code: all digits gives its number and no letter; four digits and a letter give the
    /// number of the digits and the letter.
    /// </summary>
    internal static bool TryKey(string code, out int number, out char letter)
    {
        number = 0;
        letter = '\0';
        if (code.Length != 5) return false;
        for (var i = 0; i < 4; i++)
        {
            if (!char.IsAsciiDigit(code[i])) return false;
            number = number * 10 + (code[i] - '0');
        }
        var last = char.ToUpperInvariant(code[4]);
        if (char.IsAsciiDigit(last))
        {
            number = number * 10 + (last - '0');
            return true;
        }
        if (!char.IsAsciiLetterUpper(last)) return false;
        letter = last;
        return true;
    }
}
