using System.Text;

namespace CptKb.Tests.TestSupport;

/// <summary>
/// Many small, complete publications with unique codes (60000 upwards), for tests that need an import to take a while.
/// Each edition words its titles differently, so importing a second edition over the first updates every article.
/// </summary>
public static class GeneratedCorpus
{
    public const int FirstCode = 60000;

    /// <summary>The code of the <paramref name="index"/>th generated publication.</summary>
    public static string Code(int index) => (FirstCode + index).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The title the <paramref name="edition"/> gives the <paramref name="index"/>th publication.</summary>
    public static string Title(int index, string edition) => $"Generated Bone Graft Procedure {index} ({edition} edition)";

    /// <summary>Writes publications 0 to <paramref name="count"/> - 1 into <paramref name="folder"/>, one file each.</summary>
    public static void Write(string folder, int count, string edition = "first")
    {
        Directory.CreateDirectory(folder);
        var utf8 = new UTF8Encoding(false);
        for (var i = 0; i < count; i++)
            File.WriteAllText(Path.Combine(folder, $"gen-{Code(i)}.txt"), Publication(i, edition), utf8);
    }

    private static string Publication(int index, string edition)
    {
        var code = Code(index);
        return $"""
            Summary & Overview
            CPT {code}: {Title(index, edition)}
            CPT code {code} identifies a generated vascularized bone graft used to exercise the importer ({edition} edition).
            Key payers covered in this analysis include Aetna, Cigna Health, and Medicare.
            Billing Code Overview
            CPT code {code} describes harvest of a bone graft with its vascular pedicle.
            -
            Service type: Surgical
            -
            Typical site of service: Inpatient hospital
            -
            Global period: Data not available in the input.
            Clinical & Coding Specifications
            Clinical Context
            A patient needs reconstruction of a bone defect after tumour resection.
            Coding Specifications
            | Modifier | Description | When to Use |
            |---|---|---|
            22 | Increased procedural services | Substantially greater work than usual
            59 | Distinct procedural service | Separate site or session
            Payer Coverage & Benchmarks
            Aetna
            Coverage: Covered when medically necessary.
            Prior authorization: Required.
            Cigna Health
            Data not available in the input.
            Medicare
            Coverage: Covered under the physician fee schedule.
            Benchmark: Data not available in the input.
            Policy & Coding Considerations
            Report the harvest once per session.
            Data Gaps
            Payment benchmarks for Cigna Health were not supplied.

            """;
    }
}
