using CptKb.Core.Storage;
using CptKb.Tests.Storage;

namespace CptKb.Tests.Search;

/// <summary>A few small publications in the flattened form, written to a test database's documents folder.</summary>
internal static class SearchCorpus
{
    /// <summary>One publication in the flattened form, with the sections the format defines.</summary>
    public static string Publication(
        string code, string title, string[] payers, string overview, string clinical, string[] modifiers, string sites,
        string? policy = null) => string.Join("\n",
    [
        "Summary & Overview",
        $"CPT {code}: {title}",
        overview,
        $"Key payers covered in this analysis include {Join(payers)}.",
        "Billing Code Overview",
        $"CPT code {code} is reported once per session.",
        "-",
        "Service type: Procedural",
        "-",
        $"Typical site of service: {sites}",
        "Clinical & Coding Specifications",
        "Clinical Context",
        clinical,
        "Coding Specifications",
        "| Modifier | Description | When to Use |",
        "|---|---|---|",
        .. modifiers.Select(m => $"{m} | Modifier {m} description | When modifier {m} applies"),
        "Payer Coverage & Benchmarks",
        .. payers.SelectMany(p => new[] { p, $"Coverage: {p} covers this service when medically necessary." }),
        "Policy & Coding Considerations",
        policy ?? "Document the indication in the record.",
        "Sites of Service",
        $"Performed in the {sites}.",
        "",
    ]);

    private static string Join(string[] items) =>
        items.Length == 1 ? items[0] : string.Join(", ", items[..^1]) + ", and " + items[^1];

    public static readonly string FibulaGraft = Publication("20955", "Fibula Free Flap Bone Graft", ["Aetna", "Cigna Health", "Medicare"],
        "CPT code 20955 identifies a microvascular fibula bone graft.",
        "A 60-year-old woman needs mandibular reconstruction after tumour resection.",
        ["22", "59"], "inpatient operating room");

    public static readonly string VascularizedGraft = Publication("20962", "Vascularized Bone Graft for Major Bone Defect", ["Humana", "Medicare"],
        "The graft carries its own blood supply; the graft heals faster than a free graft.",
        "A 48-year-old man has a tibial defect after a collision and receives a vascularized graft.",
        ["22", "62"], "hospital operating room");

    public static readonly string OfficeVisit = Publication("99213", "Office Visit for an Established Patient", ["Medicare"],
        "An evaluation and management visit of low complexity, sometimes after fibula surgery coded as 20955 or a graft.",
        "A patient returns to the office for a follow-up of hypertension.",
        ["25"], "physician office");

    public static readonly string KneeArthroplasty = Publication("27447", "Total Knee Arthroplasty", ["Aetna", "UnitedHealthcare"],
        "Replacement of the knee joint; a graft of bone may fill defects.",
        "An adult with end-stage osteoarthritis of the knee.",
        ["22", "LT", "RT"], "ambulatory surgery center",
        policy: "Pediatric cases are rare and need a letter of medical necessity.");

    public static readonly string PediatricSubstitute = Publication("0001T", "Pediatric Bone Graft Substitute", ["Aetna"],
        "An emerging technology code for a synthetic bone graft substitute in children.",
        "A child with a bone cyst.",
        ["59"], "outpatient hospital");

    public static readonly string Hostile = Publication("31500", "Emergency Intubation <script>alert(1)</script>", ["Medicare"],
        "Airway <img src=x onerror=alert(2)> management & \"quotes\" in an emergency.",
        "Laryngoscope placement during an emergency alert.",
        ["59"], "emergency department");

    public static readonly (string File, string Text)[] All =
    [
        ("20955.txt", FibulaGraft),
        ("20962.txt", VascularizedGraft),
        ("99213.txt", OfficeVisit),
        ("27447.txt", KneeArthroplasty),
        ("0001T.txt", PediatricSubstitute),
        ("31500.txt", Hostile),
    ];

    /// <summary>A database with the corpus imported by the real importer.</summary>
    public static async Task<TestDatabase> ImportedAsync(KbDatabaseProvider provider = KbDatabaseProvider.Sqlite)
    {
        var db = await TestDatabase.CreateAsync(provider);
        foreach (var (file, text) in All) db.WriteDocument(file, text);
        var report = await db.ImportAsync();
        Assert.Equal(All.Length, report.Imported);
        return db;
    }
}
