using CptKb.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CptKb.Core.Storage;

/// <summary>A payer and every spelling of its name that differs only in letter case.</summary>
/// <param name="Name">The spelling used most often (ties: the first in ordinal order); the one pages show.</param>
/// <param name="Spellings">Every stored spelling, most used first.</param>
/// <param name="ArticleCount">Articles that name it as a key payer or have a section for it.</param>
internal sealed record PayerName(string Name, IReadOnlyList<string> Spellings, int ArticleCount);

/// <summary>
/// Finds payers by name. Names are matched without regard to letter case in .NET, not in SQL, so any
/// alphabet folds alike; the database is then asked for the exact spellings, which its indexes serve.
/// </summary>
internal static class PayerDirectory
{
    // The directory of each database read lately, with the articles' stamp it was read at. Reading it walks every key
    // payer and payer section (40-60 ms at 10,000 articles, on every payer page and the matrix); the stamp is one pass
    // over the articles' ids. Bounded: a process opens one store, a test run many.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (ArticleStamp Stamp, IReadOnlyList<PayerName> Payers)> Recent = new();

    /// <summary>
    /// Every payer named as a key payer or given a section, in no particular order; read again only when the store's
    /// articles changed since the last read (<see cref="ArticleStamp"/>).
    /// </summary>
    public static async Task<IReadOnlyList<PayerName>> LoadAsync(KbDbContext db, CancellationToken cancellationToken)
    {
        // The stamp first: an import committing between the two reads leaves a stamp older than the directory, which
        // the next read finds changed and reads again, never the other way round.
        var stamp = await ArticleStamp.ReadAsync(db, cancellationToken);
        var database = db.Database.GetConnectionString() ?? "";
        if (Recent.TryGetValue(database, out var recent) && recent.Stamp == stamp)
            return recent.Payers;
        var payers = await ReadAsync(db, cancellationToken);
        if (Recent.Count >= 16)
            Recent.Clear();
        Recent[database] = (stamp, payers);
        return payers;
    }

    private static async Task<IReadOnlyList<PayerName>> ReadAsync(KbDbContext db, CancellationToken cancellationToken)
    {
        var perSpelling = await db.Payers.Select(p => new { p.ArticleId, p.Name })
            .Union(db.PayerSections.Select(s => new { s.ArticleId, Name = s.Payer }))
            .GroupBy(x => x.Name)
            .Select(g => new { Name = g.Key, Articles = g.Count() })
            .ToListAsync(cancellationToken);

        var payers = new List<PayerName>();
        foreach (var group in perSpelling.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase))
        {
            var spellings = group.OrderByDescending(s => s.Articles).ThenBy(s => s.Name, StringComparer.Ordinal)
                .Select(s => s.Name).ToList();
            var articles = group.Sum(s => s.Articles);
            // One article may use two spellings (a key payer "Aetna", a section "AETNA"): count it once.
            if (spellings.Count > 1)
                articles = await ArticleIds(db, spellings).CountAsync(cancellationToken);
            payers.Add(new PayerName(spellings[0], spellings, articles));
        }
        return payers;
    }

    /// <summary>The payer whose name equals <paramref name="name"/> ignoring case and surrounding blanks, or null.</summary>
    public static async Task<PayerName?> FindAsync(KbDbContext db, string name, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(name) ? null : Find(await LoadAsync(db, cancellationToken), name);

    /// <summary>The payer of <paramref name="payers"/> whose name equals <paramref name="name"/> ignoring case and surrounding blanks, or null.</summary>
    public static PayerName? Find(IEnumerable<PayerName> payers, string name)
    {
        var wanted = name.Trim();
        return payers.FirstOrDefault(p => p.Spellings.Any(s => string.Equals(s, wanted, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>Every stored spelling mapped to the name its payer is shown by.</summary>
    public static Dictionary<string, string> ShownNames(IEnumerable<PayerName> payers) =>
        payers.SelectMany(p => p.Spellings.Select(s => (Spelling: s, p.Name)))
            .ToDictionary(x => x.Spelling, x => x.Name, StringComparer.Ordinal);

    /// <summary>Per payer (any letter case): its sections, and those that say some of their data is missing.</summary>
    public static async Task<Dictionary<string, (int Sections, int Missing)>> SectionCountsAsync(KbDbContext db, CancellationToken cancellationToken)
    {
        var perSpelling = await db.PayerSections.AsNoTracking()
            .GroupBy(s => s.Payer)
            .Select(g => new { Payer = g.Key, Sections = g.Count(), Missing = g.Count(s => s.DataMissing) })
            .ToListAsync(cancellationToken);
        return perSpelling.GroupBy(s => s.Payer, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => (g.Sum(s => s.Sections), g.Sum(s => s.Missing)), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Ids of the articles that name one of the spellings as a key payer or have a section for it.</summary>
    public static IQueryable<int> ArticleIds(KbDbContext db, IReadOnlyList<string> spellings) =>
        db.Payers.Where(p => spellings.Contains(p.Name)).Select(p => p.ArticleId)
            .Union(db.PayerSections.Where(s => spellings.Contains(s.Payer)).Select(s => s.ArticleId));
}

/// <summary>
/// What the articles' payer rows follow, in one pass over the articles: how many there are, which (the sum of their ids),
/// at which revisions (the sum of their source documents' ids; a changed text is a new source document) and how many
/// are withdrawn. An import that adds, changes, withdraws, restores or removes an article changes it.
/// </summary>
internal readonly record struct ArticleStamp(int Count, long Ids, long Revisions, int Withdrawn)
{
    public static async Task<ArticleStamp> ReadAsync(KbDbContext db, CancellationToken cancellationToken) =>
        await db.Articles.AsNoTracking()
            .GroupBy(_ => 1)
            .Select(g => new ArticleStamp(g.Count(), g.Sum(a => (long)a.Id), g.Sum(a => (long)a.SourceDocumentId), g.Count(a => a.WithdrawnAt != null)))
            .FirstOrDefaultAsync(cancellationToken);
}
