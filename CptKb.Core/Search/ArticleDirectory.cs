using CptKb.Core.Articles;
using CptKb.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CptKb.Core.Search;

/// <summary>
/// Code, title and payers of every stored article by id, held in memory so that grouping and facet counting over
/// thousands of matches need no query. A few dozen bytes an article; reloaded when the index changes.
/// </summary>
internal sealed class ArticleDirectory
{
    private readonly Dictionary<int, ArticleEntry> byId;
    private readonly int[] ids;
    private readonly Dictionary<string, int> byCode;

    private ArticleDirectory(Dictionary<int, ArticleEntry> byId, long version)
    {
        this.byId = byId;
        ids = [.. byId.Keys.Order()];
        byCode = new Dictionary<string, int>(byId.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (id, entry) in byId) byCode.TryAdd(entry.Code, id);
        Version = version;
        LoadedAt = Environment.TickCount64;
    }

    /// <summary>The index version this was loaded at.</summary>
    public long Version { get; }

    /// <summary>When this was loaded, in <see cref="Environment.TickCount64"/> milliseconds.</summary>
    public long LoadedAt { get; }

    public int Count => ids.Length;

    public ArticleEntry? Find(int id) => byId.GetValueOrDefault(id);

    /// <summary>The stored code written as <paramref name="code"/> (letters in either case), or null when none is stored.</summary>
    public string? StoredCode(string code) => byCode.TryGetValue(code, out var id) ? byId[id].Code : null;

    /// <summary>How many articles have an id up to and including this one.</summary>
    public int CountUpTo(int id)
    {
        var at = Array.BinarySearch(ids, id);
        return at >= 0 ? at + 1 : ~at;
    }

    public static async Task<ArticleDirectory> LoadAsync(KbDbContext db, long version, CancellationToken cancellationToken)
    {
        var articles = await db.Articles.AsNoTracking().Select(a => new { a.Id, a.Code, a.Title }).ToListAsync(cancellationToken);
        var keyPayers = await db.Payers.AsNoTracking().Select(p => new { p.ArticleId, p.Name }).ToListAsync(cancellationToken);
        var sectionPayers = await db.PayerSections.AsNoTracking().Select(p => new { p.ArticleId, Name = p.Payer }).ToListAsync(cancellationToken);
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var payers = keyPayers.Concat(sectionPayers)
            .GroupBy(p => p.ArticleId)
            .ToDictionary(g => g.Key, g => g.Select(p => Intern(names, p.Name.Trim())).Distinct(StringComparer.OrdinalIgnoreCase).ToArray());
        var byId = articles.ToDictionary(a => a.Id, a => new ArticleEntry(a.Code, a.Title, payers.GetValueOrDefault(a.Id) ?? [], CptRange.Of(a.Code)));
        return new ArticleDirectory(byId, version);
    }

    // Payer names repeat across most articles: one string per name.
    private static string Intern(Dictionary<string, string> names, string name)
    {
        if (names.TryGetValue(name, out var known)) return known;
        names[name] = name;
        return name;
    }
}

/// <summary>What the search needs to know of one article without reading it.</summary>
/// <param name="Code">The article's code.</param>
/// <param name="Title">The article's title.</param>
/// <param name="Payers">Its payers, each name once (case aside).</param>
/// <param name="Range">The code range its code lies in, worked out once at load: facets count thousands of them per search.</param>
internal sealed record ArticleEntry(string Code, string Title, string[] Payers, CptRange Range);
