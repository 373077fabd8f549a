using System.Globalization;
using System.Linq.Expressions;
using System.Text.Json.Serialization;
using CptKb.Core.Articles;

namespace CptKb.Core.Storage;

/// <summary>
/// Narrows a list of articles to a CPT range (<see cref="CptRange.Key"/>) and/or a code prefix, in the database,
/// so a page of a 10,000-code list is read without loading the rest.
/// </summary>
/// <param name="RangeKey">A <see cref="CptRange.Key"/>, e.g. <c>surgery-musculoskeletal</c>; null or unknown keys do not filter.</param>
/// <param name="Prefix">The start of the code, e.g. <c>274</c>; compared upper-cased, blanks ignored.</param>
public sealed record CodeFilter(string? RangeKey = null, string? Prefix = null)
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
        return articles;
    }

    private const string Digits = "0123456789";

    // Mirrors CptRange.Of: numeric ranges hold five-digit codes only; F, T and U codes form their own ranges.
    private static Expression<Func<StoredArticle, bool>> InRange(CptRange range)
    {
        if (range == CptRange.Other)
            return Not(AnyOf(CptRange.All.Select(InNamedRange)));
        return InNamedRange(range);
    }

    private static Expression<Func<StoredArticle, bool>> InNamedRange(CptRange range)
    {
        var suffix = range.First[^1];
        if (!char.IsAsciiDigit(suffix))
        {
            var letter = suffix.ToString();
            return a => a.Code.Length == 5 && a.Code.EndsWith(letter);
        }
        var first = int.Parse(range.First, CultureInfo.InvariantCulture);
        var last = int.Parse(range.Last, CultureInfo.InvariantCulture);
        return a => a.Code.Length == 5 && Digits.Contains(a.Code.Substring(4, 1))
            && a.CodeNumber >= first && a.CodeNumber <= last;
    }

    private static Expression<Func<StoredArticle, bool>> AnyOf(IEnumerable<Expression<Func<StoredArticle, bool>>> predicates)
    {
        var parameter = Expression.Parameter(typeof(StoredArticle), "a");
        var body = predicates
            .Select(p => new ParameterSwap(p.Parameters[0], parameter).Visit(p.Body))
            .Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<StoredArticle, bool>>(body, parameter);
    }

    private static Expression<Func<StoredArticle, bool>> Not(Expression<Func<StoredArticle, bool>> predicate) =>
        Expression.Lambda<Func<StoredArticle, bool>>(Expression.Not(predicate.Body), predicate.Parameters);

    private sealed class ParameterSwap(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
