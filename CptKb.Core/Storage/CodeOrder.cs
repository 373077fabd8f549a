using Microsoft.EntityFrameworkCore;

namespace CptKb.Core.Storage;

/// <summary>
/// The order codes are listed in everywhere: five-digit numeric codes by number first, then the codes with a letter
/// (F, T and U codes) by number, so 0042T follows 99499 instead of coming before 00100.
/// </summary>
public static class CodeOrder
{
    /// <summary>A SQLite GLOB pattern that matches five-digit numeric codes only.</summary>
    public const string FiveDigits = "[0-9][0-9][0-9][0-9][0-9]";

    /// <summary>True in memory for a five-digit numeric code.</summary>
    public static bool IsNumericCode(string code) => code.Length == 5 && code.All(char.IsAsciiDigit);

    /// <summary>The articles in code order, or its reverse.</summary>
    public static IOrderedQueryable<StoredArticle> InCodeOrder(this IQueryable<StoredArticle> articles, bool descending = false) =>
        descending
            ? articles.OrderByDescending(a => EF.Functions.Glob(a.Code, FiveDigits) ? 0 : 1).ThenByDescending(a => a.CodeNumber).ThenByDescending(a => a.Code)
            : articles.OrderBy(a => EF.Functions.Glob(a.Code, FiveDigits) ? 0 : 1).ThenBy(a => a.CodeNumber).ThenBy(a => a.Code);

    /// <summary>Ties broken in code order (after a sort on another column).</summary>
    public static IOrderedQueryable<StoredArticle> ThenInCodeOrder(this IOrderedQueryable<StoredArticle> articles) =>
        articles.ThenBy(a => EF.Functions.Glob(a.Code, FiveDigits) ? 0 : 1).ThenBy(a => a.CodeNumber).ThenBy(a => a.Code);
}
