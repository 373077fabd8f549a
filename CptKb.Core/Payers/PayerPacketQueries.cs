using CptKb.Core.Articles;
using CptKb.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CptKb.Core.Payers;

/// <summary>
/// Reads one payer's packet: for each chosen code, the revision it was read from, the payer's section and the article's
/// own facts, modifier table and data gaps. The articles are read in one batch, not one by one.
/// </summary>
public sealed class PayerPacketQueries(IDbContextFactory<KbDbContext> contexts, ArticleQueries articleQueries)
{
    /// <summary>The most codes one packet holds; a larger selection is cut to its first codes in code order.</summary>
    public const int MaxCodes = 200;

    /// <summary>
    /// The packet of <paramref name="payer"/> over the codes of <paramref name="selection"/> that name it, in code order,
    /// at most <paramref name="maxCodes"/> (and never more than <see cref="MaxCodes"/>). Null when no article names the payer.
    /// </summary>
    /// <param name="payer">The payer's name in any letter case.</param>
    /// <param name="selection">The codes, or a range, or neither for every code of the payer.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <param name="maxCodes">The most codes the packet holds.</param>
    public async Task<PayerPacket?> GetAsync(string payer, PayerPacketSelection selection, CancellationToken cancellationToken = default, int maxCodes = MaxCodes)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await PayerDirectory.FindAsync(db, payer, cancellationToken);
        if (found is null)
            return null;
        var spellings = found.Spellings;

        var ids = PayerDirectory.ArticleIds(db, spellings);
        var articles = db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id));
        var asked = selection.Codes.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var askedCodes = asked.Select(CptCode.ParseOrNull).OfType<CptCode>().Select(c => c.Value).Distinct().ToList();
        CptRange? range = null;
        var unknownRange = false;
        if (asked.Count > 0)
        {
            articles = articles.Where(a => askedCodes.Contains(a.Code));
        }
        else if (!string.IsNullOrWhiteSpace(selection.RangeKey))
        {
            range = CptRange.ByKey(selection.RangeKey.Trim());
            unknownRange = range is null;
            if (range is not null)
                articles = new CodeFilter(range.Key).Apply(articles);
        }

        var total = await articles.CountAsync(cancellationToken);
        var rows = await articles.InCodeOrder()
            .Take(Math.Clamp(maxCodes, 1, MaxCodes))
            .Select(a => new { a.Id, a.Code, a.Title, a.SourceDocument!.FileName, a.SourceDocument.Sha256, a.SourceDocument.ImportedAt, a.SourceDocument.Revision })
            .ToListAsync(cancellationToken);
        var codes = rows.Select(r => r.Code).ToList();
        // The history's newest entry per code: its number and date are what the history page shows for it.
        var latest = (await db.ArticleRevisions.AsNoTracking()
                .Where(r => codes.Contains(r.Code))
                .Select(r => new { r.Code, r.Number, r.RecordedAt })
                .ToListAsync(cancellationToken))
            .GroupBy(r => r.Code)
            .ToDictionary(g => g.Key, g => g.MaxBy(r => r.Number)!);
        var parsed = await articleQueries.GetByIdsAsync([.. rows.Select(r => r.Id)], cancellationToken);

        var entries = new List<PayerPacketEntry>(rows.Count);
        foreach (var row in rows)
        {
            if (parsed.GetValueOrDefault(row.Id) is not { } article)
                continue;
            var revision = latest.TryGetValue(row.Code, out var entry)
                ? new PacketRevision(entry.Number, entry.RecordedAt, row.FileName, row.Sha256)
                : new PacketRevision(row.Revision, row.ImportedAt, row.FileName, row.Sha256);
            var section = article.PayerSections.FirstOrDefault(p => spellings.Contains(p.Payer, StringComparer.OrdinalIgnoreCase));
            var text = section is not null && article.SectionOf(section) is { } own ? article.TextOf(own) : null;
            entries.Add(new PayerPacketEntry(
                row.Code, row.Title, revision, section, section?.Stance ?? CoverageStance.NoSection, text,
                [.. article.Facts.Where(f => f.Payer is null)],
                article.Modifiers,
                [.. article.DataGaps.Where(g => g.Payer is null || spellings.Contains(g.Payer, StringComparer.OrdinalIgnoreCase))],
                article.IsGeneratedSample));
        }

        var foundCodes = codes.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var notFound = asked.Where(a => CptCode.ParseOrNull(a) is not { } code || !foundCodes.Contains(code.Value)).ToList();
        return new PayerPacket(found.Name, entries, total, notFound, range, unknownRange);
    }
}

/// <summary>Which codes a packet holds: the codes named, else the codes of a range, else every code of the payer.</summary>
/// <param name="Codes">Codes as written; empty for none named.</param>
/// <param name="RangeKey">A <see cref="CptRange.Key"/>, used when no code is named.</param>
public sealed record PayerPacketSelection(IReadOnlyList<string> Codes, string? RangeKey = null)
{
    /// <summary>Every code of the payer.</summary>
    public static PayerPacketSelection All { get; } = new([]);
}

/// <summary>One payer's packet.</summary>
/// <param name="Payer">The payer's name (its most used spelling).</param>
/// <param name="Entries">One entry per code, in code order, at most <see cref="PayerPacketQueries.MaxCodes"/>.</param>
/// <param name="Total">How many codes the selection holds before the cut; more than the entries when cut.</param>
/// <param name="NotFound">Codes named that are not codes, not stored, or do not name the payer, as written.</param>
/// <param name="Range">The range the codes were chosen by, when one was given and known.</param>
/// <param name="UnknownRange">True when a range key was given that names no range (every code of the payer is then in the packet).</param>
public sealed record PayerPacket(
    string Payer, IReadOnlyList<PayerPacketEntry> Entries, int Total, IReadOnlyList<string> NotFound, CptRange? Range, bool UnknownRange)
{
    /// <summary>True when the selection held more codes than the packet.</summary>
    public bool Cut => Total > Entries.Count;
}

/// <summary>What the packet holds for one code.</summary>
/// <param name="Code">The CPT code.</param>
/// <param name="Title">The article's title.</param>
/// <param name="Revision">The revision the article was read from.</param>
/// <param name="Section">The payer's section, or null when the article names the payer without one.</param>
/// <param name="Stance">The section's coverage position; <see cref="CoverageStance.NoSection"/> without a section.</param>
/// <param name="SectionText">The section's prose (its facts not included) as Markdown; null without a section.</param>
/// <param name="Facts">The article's facts outside every payer section, in document order.</param>
/// <param name="Modifiers">The modifier table's rows.</param>
/// <param name="DataGaps">The article's data gaps that are not another payer's, in document order.</param>
/// <param name="IsGeneratedSample">True when the publication is a generated sample, not real payer policy.</param>
public sealed record PayerPacketEntry(
    string Code, string Title, PacketRevision Revision, PayerSection? Section, CoverageStance Stance, string? SectionText,
    IReadOnlyList<Fact> Facts, IReadOnlyList<Modifier> Modifiers, IReadOnlyList<DataGap> DataGaps, bool IsGeneratedSample = false);

/// <summary>The revision a packet's code was read from.</summary>
/// <param name="Number">Its number in the article's history (the history page's).</param>
/// <param name="RecordedAt">When it was recorded.</param>
/// <param name="FileName">The source file's name.</param>
/// <param name="Sha256">The SHA-256 of the source file's bytes, in hex.</param>
public sealed record PacketRevision(int Number, DateTimeOffset RecordedAt, string FileName, string Sha256);
