using System.Text;

namespace CptKb.Tests.TestSupport;

/// <summary>
/// Documents that try to break the importer, the parser or the pages: broken encodings, huge and deep
/// documents, missing and doubled codes, the real seed cut short at every 100th byte, and XSS payloads
/// (from the OWASP XSS filter evasion cheat sheet) in titles, paragraphs, table cells, link URLs and payer names.
/// Written at test time, never committed.
/// </summary>
public static class HostileCorpus
{
    /// <summary>Payloads placed in every position where document text reaches a page.</summary>
    public static readonly string[] XssPayloads =
    [
        "<script>alert('XSS')</script>",
        "<IMG SRC=\"javascript:alert('XSS');\">",
        "<IMG SRC=# onmouseover=\"alert('xxs')\">",
        "<img src=x onerror=alert(1)>",
        "<svg/onload=alert('XSS')>",
        "<BODY ONLOAD=alert('XSS')>",
        "<iframe src=\"javascript:alert('XSS');\"></iframe>",
        "\"><script>alert(String.fromCharCode(88,83,83))</script>",
        "<a href=\"jav&#x09;ascript:alert('XSS');\">Click</a>",
        "<STYLE>@import'http://example.invalid/xss.css';</STYLE>",
        "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=javascript:alert('XSS');\">",
        "<object data=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\"></object>",
    ];

    /// <summary>The files that must import (with or without warnings), by name.</summary>
    public static readonly string[] MustImport =
    [
        "utf16-bom.txt", "windows-1252.txt", "mixed-line-endings.txt", "two-hundred-thousand-lines.txt", "one-megabyte-line.txt",
        "deeply-nested-lists.md", "table-200-columns.txt", "two-codes.txt", "category-iii-0001T.txt", "duplicated-sections.txt",
        "xss-title.txt", "xss-paragraphs.txt", "xss-table-cells.txt", "xss-links.md", "xss-payer-names.txt",
        MarkupFileName, "markup-flattened.txt",
    ];

    /// <summary>The word every markup payload carries, so a page can be searched for anything a document brought in.</summary>
    public const string Marker = "kbxss";

    /// <summary>
    /// Markup that does harm without script (a refresh, a link, a style, a remote image or base) and quotes that would
    /// break out of an attribute, each carrying <see cref="Marker"/>. No payload holds a comma or a full stop before a
    /// blank, so each one can end a key payer's name.
    /// </summary>
    public static readonly string[] MarkupPayloads =
    [
        "<meta http-equiv=\"refresh\" content=\"0;url=http://kbxss.invalid/\">",
        "<a href=\"http://kbxss.invalid/\">kbxss link</a>",
        "<style>body{display:none}/*kbxss*/</style>",
        "<img src=\"http://kbxss.invalid/x.png\">",
        "<svg onload=\"kbxss()\"><circle r=\"9\"/></svg>",
        "\" onmouseover=\"kbxss\" data-kbxss=\"1",
        "' onfocus='kbxss' autofocus x='",
        "<b class=\"kbxss\">b</b>",
        "<base href=\"http://kbxss.invalid/\">",
        "<link rel=\"stylesheet\" href=\"http://kbxss.invalid/x.css\">",
        "<iframe src=\"http://kbxss.invalid/\"></iframe>",
        "<kbxss>x</kbxss>",
        "</text><text class=\"kbxss\">t</text>",
    ];

    /// <summary>The codes of the two publications with markup in every field (Markdown form, then the flattened form).</summary>
    public static readonly string[] MarkupCodes = ["30101", "30102"];

    /// <summary>The Markdown publication's file name: markup too, where the file system allows it.</summary>
    public static string MarkupFileName => OperatingSystem.IsWindows() ? "markup-everywhere.md" : "markup <b class=\"kbxss\" onmouseover=\"kbxss\">.md";

    /// <summary>The files that must fail, with words their result must contain.</summary>
    public static readonly (string File, string Reason)[] MustFail =
    [
        ("empty.txt", "empty"),
        ("whitespace-only.txt", "whitespace"),
        ("binary.txt", "binary"),
        ("picture.png.txt", "PNG image"),
        ("twenty-megabytes.txt", "larger than"),
        ("no-code.txt", "no CPT code"),
    ];

    public static void Write(string folder)
    {
        Directory.CreateDirectory(folder);
        void Text(string name, string text) => File.WriteAllText(Path.Combine(folder, name), text, new UTF8Encoding(false));
        void Bytes(string name, byte[] bytes) => File.WriteAllBytes(Path.Combine(folder, name), bytes);

        Bytes("empty.txt", []);
        Text("whitespace-only.txt", "   \n\t\r\n   \n");
        var random = new Random(6);
        var noise = new byte[4096];
        random.NextBytes(noise);
        noise[10] = 0;
        Bytes("binary.txt", noise);
        Bytes("picture.png.txt", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. noise[..256]]);
        Bytes("utf16-bom.txt", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Publication("30001", "UTF-16 Document"))]);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Bytes("windows-1252.txt", Encoding.GetEncoding(1252).GetBytes(Publication("30002", "Café – Résumé Procedure")));
        Text("mixed-line-endings.txt", Publication("30003", "Mixed Endings").Replace("Billing Code Overview\n", "Billing Code Overview\r\n").Replace("Clinical Context\n", "Clinical Context\r"));

        var huge = new StringBuilder(Publication("30004", "Twenty Megabytes"));
        while (huge.Length < 20 * 1024 * 1024)
            huge.Append("A long paragraph of filler text about vascularized bone grafting and payer coverage.\n");
        Text("twenty-megabytes.txt", huge.ToString());

        var lines = new StringBuilder(Publication("30005", "Two Hundred Thousand Lines"));
        for (var i = 0; i < 200_000; i++)
            lines.Append("Line ").Append(i).Append(" of a very long publication.\n");
        Text("two-hundred-thousand-lines.txt", lines.ToString());

        Text("one-megabyte-line.txt", Publication("30006", "One Megabyte Line") + new string('x', 1024 * 1024) + "\n");

        var nested = new StringBuilder("# CPT 30007: Deeply Nested Lists\n\n");
        for (var i = 0; i < 1000; i++)
            nested.Append(new string(' ', i * 2)).Append("- level ").Append(i).Append('\n');
        nested.Append(new string('>', 2000)).Append(" quoted\n");
        Text("deeply-nested-lists.md", nested.ToString());

        var wide = new StringBuilder(Publication("30008", "Two Hundred Columns"));
        wide.Append("| Modifier | ").Append(string.Join(" | ", Enumerable.Range(1, 199).Select(i => $"C{i}"))).Append(" |\n");
        wide.Append('|').Append(string.Concat(Enumerable.Repeat("---|", 200))).Append('\n');
        wide.Append("| 22 | ").Append(string.Join(" | ", Enumerable.Range(1, 199))).Append(" |\n");
        Text("table-200-columns.txt", wide.ToString());

        Text("no-code.txt", "Summary & Overview\nA publication that never names its code.\n");
        Text("two-codes.txt", Publication("30009", "First Code") + "CPT 30010: Second Code\nMore text.\n");
        Text("category-iii-0001T.txt", Publication("0001T", "Endovascular Repair of Abdominal Aortic Aneurysm"));
        Text("duplicated-sections.txt", Publication("30011", "Duplicated Sections") + "Clinical Context\nA second clinical context.\nClinical Context\nA third one.\n");

        var payloads = string.Join("\n", XssPayloads);
        Text("xss-title.txt", Publication("30012", XssPayloads[0] + " " + XssPayloads[3]));
        Text("xss-paragraphs.txt", Publication("30013", "Paragraph Payloads") + "Policy & Coding Considerations\n" + payloads + "\n");
        Text("xss-table-cells.txt", Publication("30014", "Table Cell Payloads", modifierRow: $"{XssPayloads[3]} | {XssPayloads[4]} | {XssPayloads[8]}"));
        Text("xss-links.md",
            "# CPT 30015: Link Payloads\n\n## Summary & Overview\n\n[click](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) " +
            "[vb](vbscript:msgbox(1)) <javascript:alert(1)> ![img](javascript:alert(1)) [ok](https://example.org/policy)\n\n" +
            "Key payers covered in this analysis include Aetna and Medicare.\n");
        Text("xss-payer-names.txt", Publication("30016", "Payer Name Payloads", payers: $"{XssPayloads[3]}, <svg onload=alert(1)>, and Medicare")
            + "Payer Coverage & Benchmarks\n<img src=x onerror=alert(1)>\nCoverage: Covered.\n");

        Text(MarkupFileName, MarkupEverywhere());
        Text("markup-flattened.txt", MarkupFlattened());

        // The real seed cut at every 100th byte; each copy gets its own code so none is refused as a duplicate.
        var seed = File.ReadAllBytes(FixtureCorpus.SeedFile);
        for (var cut = 100; cut < seed.Length; cut += 100)
        {
            var text = Encoding.UTF8.GetString(seed, 0, cut).Replace("20962", $"4{cut / 100:0000}");
            Text($"seed-cut-{cut:00000}.txt", text);
        }
    }

    private static string All => string.Join(" ", MarkupPayloads);

    private static string Payer(string name, int payload) => $"{name} {MarkupPayloads[payload % MarkupPayloads.Length]}";

    // The payers of both publications, one payload each; the first six are also payer subsections.
    private static readonly string[] MarkupPayers = ["Aetna", "Medicare", "Cigna", "Humana", "Blue Cross", "Kaiser", "Anthem", "UnitedHealthcare"];

    private static string KeyPayers => string.Join(", ", MarkupPayers[..^1].Select((p, i) => Payer(p, i))) + ", and " + Payer(MarkupPayers[^1], MarkupPayers.Length - 1);

    // Markup in every field: title, key payers, every heading (payer subsections too), fact labels and values, each
    // modifier cell, service type, site of service, clinical context and data gap lines. A fact label can only hold
    // letters and a few signs, so it gets a quote and an ampersand.
    private static string MarkupEverywhere() =>
        $"""
        # CPT 30101: Markup {All}

        ## Summary & Overview

        CPT code 30101 identifies a procedure whose every field carries markup {All}
        Key payers covered in this analysis include {KeyPayers}.

        ## Billing Code Overview {All}

        - **Service type:** {All}
        - **Typical site of service:** {All}
        - **Kbxss' rate & fee:** {All}
        - **Payment window:** Data not available in the input.

        ## Clinical & Coding Specifications

        ### Clinical Context

        {All}

        ### Coding Specifications

        | Modifier | Description {All} | When to Use |
        |---|---|---|
        | {MarkupPayloads[7]} | {All} | {All} |
        | 59{MarkupPayloads[5]} | {All} | {All} |
        | {MarkupPayloads[6]} | {All} | {All} |

        ## Payer Coverage & Benchmarks {All}

        {string.Join("\n\n", MarkupPayers[..6].Select((p, i) => $"### {Payer(p, i)}\n\nCoverage: {All}\nPrior authorization: Data not available in the input."))}

        ## Notes {All}

        {All} Data not available in the input.

        ### Subheading {All}

        {All}

        ## Sites of Service {All}

        Operating room {All}

        ## Data Gaps {All}

        - {All}: Data not available in the input.
        - Kbxss' fees & rates: Data not available in the input.

        """;

    // The same in the form the publications arrive in: bare headings, payer names as bare lines, a lone "-" before items.
    private static string MarkupFlattened() =>
        $"""
        Summary & Overview
        CPT 30102: Flattened {All}
        CPT code 30102 identifies a procedure whose every field carries markup {All}
        Key payers covered in this analysis include {KeyPayers}.
        Billing Code Overview
        {All}
        -
        Service type: {All}
        -
        Typical site of service: {All}
        -
        Kbxss' rate & fee: {All}
        Data not available in the input.
        Clinical & Coding Specifications
        Clinical Context
        {All}
        Coding Specifications
        | Modifier | Description | When to Use |
        |---|---|---|
        {MarkupPayloads[3]} | {All} | {All}
        76{MarkupPayloads[5]} | {All}
        Payer Coverage & Benchmarks
        {string.Join("\n", MarkupPayers[..6].Select((p, i) => $"{Payer(p, i)}\nCoverage: {All}\nData not available in the input."))}
        Policy & Coding Considerations
        {All}
        Sites of Service
        {All}
        Data Gaps
        -
        {All} Data not available in the input.

        """;

    private static string Publication(string code, string title, string payers = "Aetna, Cigna Health, and Medicare", string modifierRow = "22 | Increased procedural services | Extra work") =>
        $"""
        Summary & Overview
        CPT {code}: {title}
        CPT code {code} identifies a procedure used in hardening tests.
        Key payers covered in this analysis include {payers}.
        Billing Code Overview
        -
        Service type: Surgical
        Clinical & Coding Specifications
        Clinical Context
        A patient needs the procedure.
        Coding Specifications
        | Modifier | Description | When to Use |
        |---|---|---|
        {modifierRow}

        """;
}
