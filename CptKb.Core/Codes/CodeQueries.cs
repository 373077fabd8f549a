using CptKb.Core.Articles;
using CptKb.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CptKb.Core.Codes;

/// <summary>How the code list is sorted.</summary>
public enum CodeSort
{
    /// <summary>By code: numeric codes in order, then category II, III and PLA codes.</summary>
    Code,
    /// <summary>By title, A to Z.</summary>
    Title,
    /// <summary>By number of data gaps.</summary>
    DataGaps,
}

/// <summary>What the codes table asks for: filters, sort and one page.</summary>
public sealed record CodeListRequest
{
    /// <summary>Only codes naming this key payer (case-insensitive).</summary>
    public string? Payer { get; init; }

    /// <summary>Only codes whose modifier table lists this modifier.</summary>
    public string? Modifier { get; init; }

    /// <summary>Only codes whose site of service mentions this <see cref="SiteCategory"/> key.</summary>
    public string? Site { get; init; }

    /// <summary>Only codes in this <see cref="CptRange"/> key.</summary>
    public string? Range { get; init; }

    /// <summary>
    /// Only codes matching every word typed: a word matches when the code starts with it or the title holds it
    /// (letter case ignored).
    /// </summary>
    public string? Text { get; init; }

    /// <summary>The sort order.</summary>
    public CodeSort Sort { get; init; } = CodeSort.Code;

    /// <summary>Reverse the sort order.</summary>
    public bool Descending { get; init; }

    /// <summary>Which page of codes.</summary>
    public PageRequest Page { get; init; } = new();
}

/// <summary>One row of the codes table.</summary>
public sealed record CodeRow(
    string Code, string Title, string RangeLabel, IReadOnlyList<string> Payers, string? SiteOfService,
    IReadOnlyList<string> SiteCategories, IReadOnlyList<string> ModifierCodes, int DataGapCount);

/// <summary>One page of the codes table and how many rows match in all.</summary>
/// <param name="Rows">The page.</param>
public sealed record CodePage(Paged<CodeRow> Rows);

/// <summary>The values the codes table can be filtered by, each with how many codes have it.</summary>
public sealed record CodeFilterOptions(
    IReadOnlyList<NamedCount> Payers, IReadOnlyList<NamedCount> Modifiers, IReadOnlyList<NamedCount> Sites, IReadOnlyList<NamedCount> Ranges);

/// <summary>A filter value, its label and how many codes have it.</summary>
public sealed record NamedCount(string Key, string Label, int Count);

/// <summary>The codes before and after one code, in code order.</summary>
public sealed record CodeNeighbours(CodeRef? Previous, CodeRef? Next);

/// <summary>A code and its title.</summary>
public sealed record CodeRef(string Code, string Title);

/// <summary>Codes related to an article's: its family and the codes its text names.</summary>
/// <param name="Range">The CPT range the article's code lies in.</param>
/// <param name="Family">Stored codes of the same range nearest the article's in code order (at most <see cref="CodeQueries.FamilySize"/>), in code order.</param>
/// <param name="Named">The codes the article's text names, other than its own, in the order first written.</param>
public sealed record RelatedCodes(CptRange Range, IReadOnlyList<CodeRef> Family, IReadOnlyList<NamedCode> Named)
{
    /// <summary>Nothing related.</summary>
    public static RelatedCodes None { get; } = new(CptRange.Other, [], []);
}

/// <summary>A code an article's text names.</summary>
/// <param name="Code">The code, as <see cref="CptCode"/> writes it.</param>
/// <param name="Title">Its article's title when one is stored; null when not.</param>
public sealed record NamedCode(string Code, string? Title);

/// <summary>What the knowledge base holds, for the home page.</summary>
public sealed record KbOverview(
    int Articles, int Payers, int Modifiers, int DataGaps, int ArticlesWithGaps,
    IReadOnlyList<NamedCount> Ranges, DateTimeOffset? LastImportAt, string? LastImportStatus, int LastImportFailed)
{
    /// <summary>How many of the articles are generated samples (<see cref="Storage.StoredArticle.IsSample"/>).</summary>
    public int SampleArticles { get; init; }
}

/// <summary>Read-side queries behind the home page, the codes table and the article page's neighbours.</summary>
public sealed class CodeQueries(IDbContextFactory<KbDbContext> contexts)
{
    /// <summary>Counts for the home page.</summary>
    public async Task<KbOverview> OverviewAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var articles = await db.Articles.CountAsync(cancellationToken);
        var payers = await db.Payers.Select(p => p.Name.ToLower()).Distinct().CountAsync(cancellationToken);
        var modifiers = await db.Modifiers.Where(m => m.Code != null).Select(m => m.Code!.ToUpper()).Distinct().CountAsync(cancellationToken);
        var gaps = await db.Articles.SumAsync(a => a.DataGapCount, cancellationToken);
        var withGaps = await db.Articles.CountAsync(a => a.DataGapCount > 0, cancellationToken);
        var codes = await db.Articles.Select(a => a.Code).ToListAsync(cancellationToken);
        var run = await db.ImportRuns.OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        return new KbOverview(articles, payers, modifiers, gaps, withGaps, CountRanges(codes),
            run?.FinishedAt ?? run?.StartedAt, run?.Status.ToString(), run?.FailedCount ?? 0)
        {
            SampleArticles = await db.Articles.CountAsync(a => a.IsSample, cancellationToken),
        };
    }

    /// <summary>One page of the codes table.</summary>
    public async Task<CodePage> ListAsync(CodeListRequest request, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = Filter(db, request);
        var total = await query.CountAsync(cancellationToken);

        query = Sorted(query, request);

        var page = request.Page.Normalized();
        var rows = await query
            .Skip(page.Skip)
            .Take(page.PageSize)
            .Select(a => new
            {
                a.Code,
                a.Title,
                a.SiteOfService,
                a.SiteCategories,
                a.DataGapCount,
                Payers = a.Payers.OrderBy(p => p.Position).Select(p => p.Name).ToList(),
                Modifiers = a.Modifiers.Where(m => m.Code != null).OrderBy(m => m.Position).Select(m => m.Code!).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

        return new CodePage(new Paged<CodeRow>(
            [.. rows.Select(r => new CodeRow(r.Code, r.Title, CptRange.Of(r.Code).Label, r.Payers, r.SiteOfService,
                [.. SiteCategory.FromFlags(r.SiteCategories).Select(c => c.Name)], r.Modifiers, r.DataGapCount))],
            total, page.Page, page.PageSize));
    }

    /// <summary>The payers, modifiers, sites and ranges present, with counts, for the filter menus.</summary>
    public async Task<CodeFilterOptions> FilterOptionsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var payers = await db.Payers
            .GroupBy(p => p.Name)
            .Select(g => new { Name = g.Key, Count = g.Select(p => p.ArticleId).Distinct().Count() })
            .ToListAsync(cancellationToken);
        var modifiers = await db.Modifiers
            .Where(m => m.Code != null)
            .GroupBy(m => m.Code!)
            .Select(g => new { Code = g.Key, Count = g.Select(m => m.ArticleId).Distinct().Count() })
            .ToListAsync(cancellationToken);
        var sites = await db.Articles.Where(a => a.SiteCategories != 0).Select(a => a.SiteCategories).ToListAsync(cancellationToken);
        var codes = await db.Articles.Select(a => a.Code).ToListAsync(cancellationToken);

        return new CodeFilterOptions(
            [.. payers.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
                .Select(g => new NamedCount(g.First().Name, g.First().Name, g.Sum(p => p.Count)))
                .OrderBy(p => p.Label, StringComparer.OrdinalIgnoreCase)],
            [.. modifiers.GroupBy(m => m.Code, StringComparer.OrdinalIgnoreCase)
                .Select(g => new NamedCount(g.Key.ToUpperInvariant(), g.Key.ToUpperInvariant(), g.Sum(m => m.Count)))
                .OrderBy(m => m.Key, StringComparer.Ordinal)],
            [.. SiteCategory.All
                .Select(c => new NamedCount(c.Key, c.Name, sites.Count(s => (s & c.Flag) != 0)))
                .Where(c => c.Count > 0)],
            CountRanges(codes));
    }

    /// <summary>The codes just before and after <paramref name="code"/> in code order (see <see cref="CptCode"/>).</summary>
    public async Task<CodeNeighbours> NeighboursAsync(string code, CancellationToken cancellationToken = default)
    {
        if (!CptCode.TryParse(code, out var current))
            return new CodeNeighbours(null, null);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (key, value) = (current.SortKey, current.Value);
        var previous = await db.Articles.AsNoTracking()
            .Where(a => a.CodeSortKey < key || (a.CodeSortKey == key && string.Compare(a.Code, value) < 0))
            .InCodeOrder(descending: true)
            .Select(a => new CodeRef(a.Code, a.Title)).FirstOrDefaultAsync(cancellationToken);
        var next = await db.Articles.AsNoTracking()
            .Where(a => a.CodeSortKey > key || (a.CodeSortKey == key && string.Compare(a.Code, value) > 0))
            .InCodeOrder()
            .Select(a => new CodeRef(a.Code, a.Title)).FirstOrDefaultAsync(cancellationToken);
        return new CodeNeighbours(previous, next);
    }

    /// <summary>The most codes of an article's family shown.</summary>
    public const int FamilySize = 8;

    /// <summary>The most codes named by an article's text shown.</summary>
    public const int MaxNamed = 20;

    /// <summary>
    /// The article's code family (the stored codes of its CPT range nearest it in code order, half before and half after
    /// where there are) and the codes its text names ("Do not report 20969 or 20970"): two queries whatever the article.
    /// </summary>
    public async Task<RelatedCodes> RelatedAsync(Article article, CancellationToken cancellationToken = default)
    {
        if (!CptCode.TryParse(article.Code, out var own))
            return RelatedCodes.None;
        var range = CptRange.Of(own);
        var named = NamedIn(article).Where(c => c.SortKey != own.SortKey).Take(MaxNamed).ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        var family = new List<CodeRef>();
        if (range.SortKeys is var (first, last))
        {
            var key = own.SortKey;
            var inRange = db.Articles.AsNoTracking().Where(a => a.CodeSortKey >= first && a.CodeSortKey <= last && a.CodeSortKey != key);
            // Up to the whole family size on each side, then the nearest kept: a code at the range's start shows the codes after it.
            var below = await inRange.Where(a => a.CodeSortKey < key).InCodeOrder(descending: true).Take(FamilySize)
                .Select(a => new { a.Code, a.Title, a.CodeSortKey }).ToListAsync(cancellationToken);
            var above = await inRange.Where(a => a.CodeSortKey > key).InCodeOrder().Take(FamilySize)
                .Select(a => new { a.Code, a.Title, a.CodeSortKey }).ToListAsync(cancellationToken);
            var half = FamilySize / 2;
            var (fromBelow, fromAbove) = (Math.Min(below.Count, Math.Max(half, FamilySize - above.Count)), Math.Min(above.Count, Math.Max(half, FamilySize - below.Count)));
            family = [.. below.Take(fromBelow).Reverse().Concat(above.Take(fromAbove)).Select(a => new CodeRef(a.Code, a.Title))];
        }

        var values = named.Select(c => c.Value).ToList();
        var stored = values.Count == 0
            ? new Dictionary<string, string>()
            : await db.Articles.AsNoTracking().Where(a => values.Contains(a.Code)).ToDictionaryAsync(a => a.Code, a => a.Title, cancellationToken);
        return new RelatedCodes(range, family, [.. named.Select(c => new NamedCode(c.Value, stored.GetValueOrDefault(c.Value)))]);
    }

    /// <summary>The codes written in the article's sections, facts and modifier table, each once, in the order first written.</summary>
    private static IEnumerable<CptCode> NamedIn(Article article)
    {
        var texts = article.Sections.Select(s => s.Body)
            .Concat(article.Facts.Select(f => f.Value))
            .Concat(article.Modifiers.Select(m => m.WhenToUse ?? ""));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            foreach (var word in text.Split(WordBreaks, StringSplitOptions.RemoveEmptyEntries))
            {
                if (word.Length == 5 && CptCode.TryParse(word, out var code) && seen.Add(code.Value))
                    yield return code;
            }
        }
    }

    // A code stands alone between blanks and punctuation ("20969,", "(0042T)"); a word such as "20969-20970" is two.
    private static readonly char[] WordBreaks =
        [.. Enumerable.Range(0, 128).Select(i => (char)i).Where(c => !char.IsAsciiLetterOrDigit(c)), '\u00A0', '\u2013', '\u2014', '\u2019', '\u201C', '\u201D'];

    /// <summary>Stored codes nearest to a code that is not stored: of the same kind, numerically closest.</summary>
    public async Task<IReadOnlyList<CodeRef>> NearCodesAsync(string code, int count = 6, CancellationToken cancellationToken = default)
    {
        if (!CptCode.TryParse(code, out var wanted))
            return [];
        // Near means the same kind of code: numeric beside numeric, 0042T beside other T codes.
        var (start, limit, key) = (CptCode.SortKeyStart(wanted.Kind, wanted.Letter), CptCode.SortKeyLimit(wanted.Kind, wanted.Letter), wanted.SortKey);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sameKind = db.Articles.AsNoTracking().Where(a => a.CodeSortKey >= start && a.CodeSortKey < limit);
        var below = await sameKind.Where(a => a.CodeSortKey <= key).OrderByDescending(a => a.CodeSortKey)
            .Take(count).Select(a => new { a.Code, a.Title, a.CodeSortKey }).ToListAsync(cancellationToken);
        var above = await sameKind.Where(a => a.CodeSortKey > key).OrderBy(a => a.CodeSortKey)
            .Take(count).Select(a => new { a.Code, a.Title, a.CodeSortKey }).ToListAsync(cancellationToken);
        return [.. below.Concat(above)
            .OrderBy(a => Math.Abs(a.CodeSortKey - key))
            .ThenBy(a => a.Code, StringComparer.Ordinal)
            .Take(count)
            .OrderBy(a => a.CodeSortKey)
            .Select(a => new CodeRef(a.Code, a.Title))];
    }

    /// <summary>The articles in the order <paramref name="request"/> asks for; code order breaks ties.</summary>
    internal static IQueryable<StoredArticle> Sorted(IQueryable<StoredArticle> query, CodeListRequest request) =>
        (request.Sort, request.Descending) switch
        {
            (CodeSort.Title, false) => query.OrderBy(a => a.Title).ThenInCodeOrder(),
            (CodeSort.Title, true) => query.OrderByDescending(a => a.Title).ThenInCodeOrder(),
            (CodeSort.DataGaps, false) => query.OrderBy(a => a.DataGapCount).ThenInCodeOrder(),
            (CodeSort.DataGaps, true) => query.OrderByDescending(a => a.DataGapCount).ThenInCodeOrder(),
            (_, var descending) => query.InCodeOrder(descending),
        };

    /// <summary>The articles that pass the filters of <paramref name="request"/> (its sort and page aside).</summary>
    internal static IQueryable<StoredArticle> Filter(KbDbContext db, CodeListRequest request)
    {
        var query = db.Articles.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(request.Payer))
        {
            var payer = request.Payer.Trim().ToLower();
            query = query.Where(a => a.Payers.Any(p => p.Name.ToLower() == payer));
        }
        if (!string.IsNullOrWhiteSpace(request.Modifier))
        {
            var modifier = request.Modifier.Trim().ToUpper();
            query = query.Where(a => a.Modifiers.Any(m => m.Code != null && m.Code.ToUpper() == modifier));
        }
        if (SiteCategory.ByKey(request.Site) is { } site)
        {
            var flag = site.Flag;
            query = query.Where(a => (a.SiteCategories & flag) != 0);
        }
        // The same range and text rules as the payer matrix and the gap pages: one place says what they mean.
        return new CodeFilter(request.Range, Text: request.Text).Apply(query);
    }

    private static List<NamedCount> CountRanges(IEnumerable<string> codes) =>
        [.. codes.GroupBy(CptRange.Of)
            .OrderBy(g => g.Key == CptRange.Other ? int.MaxValue : CptRange.All.ToList().IndexOf(g.Key))
            .Select(g => new NamedCount(g.Key.Key, g.Key.Label, g.Count()))];
}
