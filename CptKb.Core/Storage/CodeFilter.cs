using System.Linq.Expressions;
using System.Text.Json.Serialization;
using CptKb.Core.Articles;
using Microsoft.EntityFrameworkCore;

namespace CptKb.Core.Storage;

/// <summary>
/// Narrows a list of articles to a CPT range (<see cref="CptRange.Key"/>), a code prefix and/or words of the code or
/// title, in the database, so a page of a 10,000-code list is read without loading the rest.
/// </summary>
/// <param name="RangeKey">A <see cref="CptRange.Key"/>, e.g. <c>surgery-musculoskeletal</c>; null or unknown keys do not filter.</param>
/// <param name="Prefix">The start of the code, e.g. <c>274</c>; compared upper-cased, blanks ignored.</param>
/// <param name="Text">
/// Words typed: a code passes when every word matches, a word matching when the code starts with it or the title holds
/// it (letter case ignored). At most 8 words of 64 characters are read: the filter comes from the address bar.
/// </param>
public sealed record CodeFilter(string? RangeKey = null, string? Prefix = null, string? Text = null)
{
    /// <summary>No filter: every article.</summary>
    public static CodeFilter None { get; } = new();

    /// <summary>The range the key names, or null when there is no key or it is unknown.</summary>
    [JsonIgnore]
    public CptRange? Range => CptRange.ByKey(RangeKey);

    /// <summary>The prefix as compared: trimmed and upper-cased, or null when blank.</summary>
    [JsonIgnore]
    public string? NormalizedPrefix => string.IsNullOrWhiteSpace(Prefix) ? null : Prefix.Trim().ToUpperInvariant();

    /// <summary>The articles that pass the filter.</summary>
    public IQueryable<StoredArticle> Apply(IQueryable<StoredArticle> articles)
    {
        if (Range is { } range)
            articles = articles.Where(InRange(range));
        if (NormalizedPrefix is { } prefix)
            articles = articles.Where(a => a.Code.StartsWith(prefix));
        foreach (var word in Words(Text))
        {
            // Lower-cased on both sides, so the title matches in any case on every engine (SQLite's LIKE ignores the case
            // of ASCII letters by itself, PostgreSQL's does not); only ASCII letters, as SQLite's lower() does.
            var contains = "%" + EscapeLike(AsciiLower(word)) + "%";
            var codePrefix = EscapeLike(word.ToUpperInvariant()) + "%";
            articles = articles.Where(a => EF.Functions.Like(a.Code, codePrefix, LikeEscape) || EF.Functions.Like(a.Title.ToLower(), contains, LikeEscape));
        }
        return articles;
    }

    private const string LikeEscape = "\\";

    private static string AsciiLower(string text) => string.Create(text.Length, text, (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
            span[i] = char.IsAsciiLetterUpper(source[i]) ? (char)(source[i] + ('a' - 'A')) : source[i];
    });

    private static IEnumerable<string> Words(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(w => w.Length > 64 ? w[..64] : w)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Take(8);

    private static string EscapeLike(string word) =>
        word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    // Every named range is one span of sort keys (CptCode.SortKey); "Other" is what lies in none of them.
    private static Expression<Func<StoredArticle, bool>> InRange(CptRange range)
    {
        if (range.SortKeys is var (first, last))
            return a => a.CodeSortKey >= first && a.CodeSortKey <= last;
        var spans = CptRange.All.Select(r => r.SortKeys).OfType<(int First, int Last)>().ToList();
        var article = Expression.Parameter(typeof(StoredArticle), "a");
        var key = Expression.Property(article, nameof(StoredArticle.CodeSortKey));
        Expression inNone = Expression.Constant(true);
        foreach (var (from, to) in spans)
        {
            var inSpan = Expression.AndAlso(
                Expression.GreaterThanOrEqual(key, Expression.Constant(from)),
                Expression.LessThanOrEqual(key, Expression.Constant(to)));
            inNone = Expression.AndAlso(inNone, Expression.Not(inSpan));
        }
        return Expression.Lambda<Func<StoredArticle, bool>>(inNone, article);
    }
}
