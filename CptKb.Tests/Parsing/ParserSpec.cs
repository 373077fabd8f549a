using CptKb.Core.Articles;
using CptKb.Core.Parsing;

namespace CptKb.Tests.Parsing;

/// <summary>Helpers for spec-style parser tests: document text in, article out.</summary>
internal static class ParserSpec
{
    public static Article Article(string text)
    {
        var result = PublicationParser.Parse(text);
        Assert.True(result.Succeeded, result.Error);
        return result.Article!;
    }

    /// <summary>Writes lines joined by "\n" so tests can choose the final newline themselves.</summary>
    public static string Lines(params string[] lines) => string.Join("\n", lines);

    /// <summary>A complete publication in the flattened form the client sends.</summary>
    public static readonly string FullFlattened = Lines(
        "Summary & Overview",
        "CPT 20955: Fibula Free Flap Bone Graft",
        "CPT code 20955 identifies a microvascular fibula bone graft.",
        "Key payers covered in this analysis include Aetna, Cigna Health, and Medicare.",
        "Billing Code Overview",
        "CPT code 20955 describes harvest of the fibula with its vascular pedicle.",
        "-",
        "Service type: Surgical",
        "-",
        "Typical site of service: Inpatient hospital",
        "-",
        "Global period: Data not available in the input.",
        "Clinical & Coding Specifications",
        "Clinical Context",
        "A 60-year-old woman needs mandibular reconstruction after tumour resection.",
        "Coding Specifications",
        "| Modifier | Description | When to Use |",
        "|---|---|---|",
        "22 | Increased procedural services | Substantially greater work than usual",
        "59 | Distinct procedural service | Separate site or session",
        "Payer Coverage & Benchmarks",
        "Aetna",
        "Coverage: Covered when medically necessary.",
        "Prior authorization: Required.",
        "Cigna Health",
        "Data not available in the input.",
        "Medicare",
        "Coverage: Covered under the physician fee schedule.",
        "Benchmark: Data not available in the input.",
        "Policy & Coding Considerations",
        "Report the harvest once per session.",
        "Sites of Service",
        "Most cases are performed in an inpatient operating room.",
        "Reviewer Remarks",
        "An extra section the format does not define.",
        "Data Gaps",
        "Payment benchmarks for Cigna Health were not supplied.",
        "");
}
