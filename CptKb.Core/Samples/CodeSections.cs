namespace CptKb.Core.Samples;

/// <summary>The parts of the CPT code set a generated publication can belong to.</summary>
internal enum CodeSection
{
    Anesthesia,
    Surgery,
    Radiology,
    Laboratory,
    Medicine,
    EvaluationAndManagement,
    CategoryIII,
    CategoryII,
}

/// <summary>
/// Hands out unique codes in a fixed order that follows the share of each CPT section in a real code set
/// (surgery about half), so the first N codes of the order are a plausible set of N publications at any N.
/// </summary>
internal static class CodeSections
{
    private static readonly (CodeSection Section, int From, int To, char Suffix, double Share)[] Ranges =
    [
        (CodeSection.Anesthesia, 100, 1999, '\0', 0.06),
        (CodeSection.Surgery, 10004, 69990, '\0', 0.52),
        (CodeSection.Radiology, 70010, 79999, '\0', 0.10),
        (CodeSection.Laboratory, 80047, 89398, '\0', 0.10),
        (CodeSection.Medicine, 90281, 99199, '\0', 0.12),
        (CodeSection.EvaluationAndManagement, 99202, 99499, '\0', 0.02),
        (CodeSection.Medicine, 99500, 99607, '\0', 0.005),
        (CodeSection.CategoryIII, 1, 999, 'T', 0.04),
        (CodeSection.CategoryII, 1, 9999, 'F', 0.015),
    ];

    /// <summary>How many documents the generator can make before it runs out of unique codes.</summary>
    public static int Capacity => Ranges.Sum(r => r.To - r.From + 1);

    /// <summary>Every code in generation order for the seed; computed once per seed.</summary>
    public static (string Code, CodeSection Section)[] Order(ulong seed)
    {
        // Weighted sampling without replacement (Efraimidis-Spirakis): key = u^(1/w), largest first.
        var picker = new WordPicker(seed ^ 0xC0DE5UL);
        var all = new List<(double Key, string Code, CodeSection Section)>(Capacity);
        foreach (var (section, from, to, suffix, share) in Ranges)
        {
            var weight = share / (to - from + 1);
            for (var n = from; n <= to; n++)
            {
                var code = suffix == '\0' ? n.ToString("D5") : n.ToString("D4") + suffix;
                var u = Math.Max(picker.NextDouble(), double.Epsilon);
                all.Add((Math.Log(u) / weight, code, section));
            }
        }
        all.Sort((a, b) => b.Key.CompareTo(a.Key));
        return [.. all.Select(x => (x.Code, x.Section))];
    }
}
