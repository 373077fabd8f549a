using CptKb.Core.Articles;

namespace CptKb.Core.Storage;

/// <summary>
/// Lists articles in code order (<see cref="CptCode"/>'s rule) in the database: by <see cref="StoredArticle.CodeSortKey"/>,
/// then by code, which every engine orders the same way.
/// </summary>
public static class CodeOrder
{
    /// <summary>The articles in code order, or its reverse.</summary>
    public static IOrderedQueryable<StoredArticle> InCodeOrder(this IQueryable<StoredArticle> articles, bool descending = false) =>
        descending
            ? articles.OrderByDescending(a => a.CodeSortKey).ThenByDescending(a => a.Code)
            : articles.OrderBy(a => a.CodeSortKey).ThenBy(a => a.Code);

    /// <summary>Ties broken in code order (after a sort on another column).</summary>
    public static IOrderedQueryable<StoredArticle> ThenInCodeOrder(this IOrderedQueryable<StoredArticle> articles) =>
        articles.ThenBy(a => a.CodeSortKey).ThenBy(a => a.Code);
}
