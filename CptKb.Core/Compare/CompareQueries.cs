using CptKb.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CptKb.Core.Compare;

/// <summary>Reads the articles of the codes asked for, all at once, and lines them up (<see cref="CodeAlignment"/>).</summary>
public sealed class CompareQueries(IDbContextFactory<KbDbContext> contexts, ArticleQueries articles)
{
    /// <summary>
    /// The comparison of <paramref name="request"/>'s codes: the stored, current ones side by side in the order asked
    /// for; each code not stored, or withdrawn, is a problem naming it, as is a comparison left with fewer than two codes.
    /// </summary>
    public async Task<CompareOutcome> CompareAsync(CompareRequest request, CancellationToken cancellationToken = default)
    {
        var problems = request.Problems.ToList();
        CompareTable? table = null;
        if (request.Codes.Count > 0)
        {
            var codes = request.Codes.ToList();
            List<(int Id, string Code, DateTimeOffset? WithdrawnAt)> stored;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                stored = [.. (await db.Articles.AsNoTracking().IgnoreQueryFilters()
                        .Where(a => codes.Contains(a.Code))
                        .Select(a => new { a.Id, a.Code, a.WithdrawnAt })
                        .ToListAsync(cancellationToken))
                    .Select(a => (a.Id, a.Code, a.WithdrawnAt))];
            }
            var current = stored.Where(s => s.WithdrawnAt is null).ToList();
            var read = await articles.GetByIdsAsync([.. current.Select(s => s.Id)], cancellationToken);
            var columns = new List<Articles.Article>();
            foreach (var code in codes)
            {
                var row = stored.FirstOrDefault(s => s.Code == code);
                if (row.Code is null)
                    problems.Add(new CompareProblem(CompareProblemKind.Unknown, code));
                else if (row.WithdrawnAt is not null)
                    problems.Add(new CompareProblem(CompareProblemKind.Withdrawn, code));
                else if (read.TryGetValue(row.Id, out var article))
                    columns.Add(article);
                else
                    problems.Add(new CompareProblem(CompareProblemKind.Unknown, code));
            }
            if (columns.Count > 0)
                table = CodeAlignment.Align(columns);
        }
        if ((table?.Codes.Count ?? 0) < CompareRequest.MinCodes)
            problems.Add(new CompareProblem(CompareProblemKind.TooFew, null));
        return new CompareOutcome(request, table, problems);
    }
}
