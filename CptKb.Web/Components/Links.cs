namespace CptKb.Web.Components;

/// <summary>
/// Every address of a page, built in one place: each part escaped, so a code, a payer's or a modifier's name can hold
/// any character and still lead to its page.
/// </summary>
public static class Links
{
    /// <summary>The list of codes.</summary>
    public const string Codes = "/codes";

    /// <summary>The list of payers.</summary>
    public const string Payers = "/payers";

    /// <summary>The payer × code matrix.</summary>
    public const string PayerMatrix = "/payer-matrix";

    /// <summary>The list of modifiers.</summary>
    public const string Modifiers = "/modifiers";

    /// <summary>The data gaps.</summary>
    public const string Gaps = "/gaps";

    /// <summary>The last import run, file by file.</summary>
    public const string Import = "/import";

    /// <summary><c>/codes/20955</c>, with the words to highlight (<c>?hl=</c>) and the section (<c>#anchor</c>) when given.</summary>
    public static string Article(string code, string? anchor = null, string? highlight = null)
    {
        var link = "/codes/" + Uri.EscapeDataString(code);
        if (!string.IsNullOrEmpty(highlight))
            link += "?hl=" + Uri.EscapeDataString(highlight);
        return string.IsNullOrEmpty(anchor) ? link : link + "#" + Uri.EscapeDataString(anchor);
    }

    /// <summary><c>/codes/20955/history</c>: every revision of the article and what changed between them.</summary>
    public static string History(string code) => Article(code) + "/history";

    /// <summary>The codes of one CPT range (<see cref="Core.Articles.CptRange.Key"/>).</summary>
    public static string CodesInRange(string rangeKey) => Codes + "?range=" + Uri.EscapeDataString(rangeKey);

    /// <summary>The codes of one site of service category (<see cref="Core.Articles.SiteCategory.Key"/>).</summary>
    public static string CodesAtSite(string siteKey) => Codes + "?site=" + Uri.EscapeDataString(siteKey);

    /// <summary><c>/payers/Cigna%20Health</c>.</summary>
    public static string Payer(string name) => "/payers/" + Uri.EscapeDataString(name);

    /// <summary><c>/modifiers/22</c>.</summary>
    public static string Modifier(string code) => "/modifiers/" + Uri.EscapeDataString(code);

    /// <summary><c>/search?q=...</c>.</summary>
    public static string Search(string query) => "/search?q=" + Uri.EscapeDataString(query);

    /// <summary>The change feed across the knowledge base.</summary>
    public const string Changes = "/changes";

    /// <summary>The change feed as Atom, for feed readers.</summary>
    public const string ChangesAtom = "/changes.atom";

    /// <summary>
    /// <c>/codes/20955/diff?from=1&amp;to=2</c>: two revisions of the article compared; without numbers, the latest with
    /// the one before it.
    /// </summary>
    public static string Diff(string code, int? from = null, int? to = null)
    {
        var link = "/codes/" + Uri.EscapeDataString(code) + "/diff";
        var query = new List<string>(2);
        if (from is { } f)
            query.Add("from=" + f.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (to is { } t)
            query.Add("to=" + t.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return query.Count == 0 ? link : link + "?" + string.Join('&', query);
    }

    /// <summary>
    /// <c>/api/export/codes.csv?payer=Aetna&amp;q=graft</c>: the code list as CSV with the filters and sort of
    /// <paramref name="request"/> (every page of it).
    /// </summary>
    public static string CodesCsv(Core.Codes.CodeListRequest request) =>
        WithQuery("/api/export/codes.csv",
            ("payer", request.Payer), ("modifier", request.Modifier), ("site", request.Site), ("range", request.Range), ("q", request.Text),
            ("sort", request.Sort == Core.Codes.CodeSort.Code ? null : request.Sort.ToString().ToLowerInvariant()),
            ("desc", request.Descending ? "true" : null));

    /// <summary><c>/api/export/gaps.csv?payer=Aetna</c>: the data gaps as CSV with the gaps page's filters.</summary>
    public static string GapsCsv(string? payer, string? section, string? range) =>
        WithQuery("/api/export/gaps.csv", ("payer", payer), ("section", section), ("range", range));

    /// <summary>
    /// <c>/api/export/matrix.csv?payers=Aetna,Medicare&amp;q=graft</c>: the payer × code matrix as CSV with the matrix
    /// page's columns and filters (every page of it).
    /// </summary>
    public static string MatrixCsv(Core.Payers.MatrixRequest request) => MatrixExport("/api/export/matrix.csv", request);

    /// <summary>The same as <see cref="MatrixCsv"/>, as JSON.</summary>
    public static string MatrixJson(Core.Payers.MatrixRequest request) => MatrixExport("/api/export/matrix.json", request);

    private static string MatrixExport(string path, Core.Payers.MatrixRequest request) =>
        WithQuery(path, ("payers", Pages.Payers.MatrixAddress.PayersValue(request)), ("range", request.Codes.RangeKey),
            ("payer", request.SectionFor), ("q", request.Codes.Text));

    /// <summary><c>/api/export/modifiers/22.csv</c>: every code whose modifier table lists the modifier, as CSV.</summary>
    public static string ModifierCsv(string code) => "/api/export/modifiers/" + Uri.EscapeDataString(code) + ".csv";

    /// <summary>
    /// <c>/codes/20955/payers?compare=Aetna,Medicare</c>: the article's payer sections aligned field by field; without
    /// payers, every payer of the article.
    /// </summary>
    public static string ComparePayers(string code, IEnumerable<string>? payers = null)
    {
        var names = payers?.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => Uri.EscapeDataString(p.Trim())).ToList() ?? [];
        var link = Article(code) + "/payers";
        return names.Count == 0 ? link : link + "?compare=" + string.Join(',', names);
    }

    /// <summary>
    /// <c>/payers/Aetna/packet?codes=20955,20962</c> or <c>?range=...</c>: one payer's printable packet; without codes or
    /// range, every code of the payer.
    /// </summary>
    public static string PayerPacket(string payer, IEnumerable<string>? codes = null, string? rangeKey = null)
    {
        var list = codes?.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => Uri.EscapeDataString(c.Trim())).ToList() ?? [];
        var link = Payer(payer) + "/packet";
        return list.Count > 0 ? link + "?codes=" + string.Join(',', list) : WithQuery(link, ("range", rangeKey));
    }

    /// <summary><c>/api/export/codes.json?payer=Aetna&amp;q=graft</c>: the same list as <see cref="CodesCsv"/>, as JSON.</summary>
    public static string CodesJson(Core.Codes.CodeListRequest request) => AsJson(CodesCsv(request));

    /// <summary><c>/api/export/gaps.json?payer=Aetna</c>: the same data gaps as <see cref="GapsCsv"/>, as JSON.</summary>
    public static string GapsJson(string? payer, string? section, string? range) => AsJson(GapsCsv(payer, section, range));

    /// <summary><c>/api/export/modifiers/22.json</c>: the same codes as <see cref="ModifierCsv"/>, as JSON.</summary>
    public static string ModifierJson(string code) => AsJson(ModifierCsv(code));

    // A JSON export takes exactly its CSV twin's parameters: only the extension differs.
    private static string AsJson(string csvLink)
    {
        var query = csvLink.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? csvLink : csvLink[..query];
        return path[..^".csv".Length] + ".json" + (query < 0 ? "" : csvLink[query..]);
    }

    /// <summary>
    /// <c>/compare?codes=20955,20962&amp;diff=1</c>: the codes side by side, in the order given; with
    /// <paramref name="onlyDifferences"/>, only the rows where they differ.
    /// </summary>
    public static string Compare(IEnumerable<string> codes, bool onlyDifferences = false) => WithCodes("/compare", codes, onlyDifferences);

    /// <summary><c>/api/export/compare.csv?codes=20955,20962&amp;diff=1</c>: the comparison as CSV, as the page shows it.</summary>
    public static string CompareCsv(IEnumerable<string> codes, bool onlyDifferences = false) =>
        WithCodes("/api/export/compare.csv", codes, onlyDifferences);

    // Each code escaped on its own: the commas between them stay commas, so the address reads as typed.
    private static string WithCodes(string path, IEnumerable<string> codes, bool onlyDifferences)
    {
        var list = string.Join(',', codes.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => Uri.EscapeDataString(c.Trim())));
        var query = new List<string>(2);
        if (list.Length > 0)
            query.Add("codes=" + list);
        if (onlyDifferences)
            query.Add("diff=1");
        return query.Count == 0 ? path : path + "?" + string.Join('&', query);
    }

    private static string WithQuery(string path, params (string Name, string? Value)[] parameters)
    {
        var given = parameters.Where(p => !string.IsNullOrWhiteSpace(p.Value))
            .Select(p => p.Name + "=" + Uri.EscapeDataString(p.Value!.Trim())).ToList();
        return given.Count == 0 ? path : path + "?" + string.Join('&', given);
    }
}
