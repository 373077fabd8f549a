namespace CptKb.Core.Storage;

/// <summary>Which page of a long list to read: the one paging model of every list, on the pages and in the API.</summary>
/// <param name="Page">1-based page number; values below 1 read page 1.</param>
/// <param name="PageSize">Rows per page, between 1 and <see cref="MaxPageSize"/>.</param>
public sealed record PageRequest(int Page = 1, int PageSize = PageRequest.DefaultPageSize)
{
    /// <summary>Rows per page when none is asked for.</summary>
    public const int DefaultPageSize = 50;

    /// <summary>The most rows a page may hold, so no request reads a whole table.</summary>
    public const int MaxPageSize = 500;

    /// <summary>The request with its page and size brought into range; a list may allow fewer rows a page than most.</summary>
    public PageRequest Normalized(int maxPageSize = MaxPageSize) => new(Math.Max(1, Page), Math.Clamp(PageSize, 1, Math.Min(maxPageSize, MaxPageSize)));

    /// <summary>Rows before this page (at most <see cref="int.MaxValue"/>).</summary>
    public int Skip => (int)Math.Min(int.MaxValue, (long)(Math.Max(1, Page) - 1) * Math.Clamp(PageSize, 1, MaxPageSize));
}

/// <summary>One page of a list, with the size of the whole list.</summary>
/// <typeparam name="T">The row type.</typeparam>
/// <param name="Items">The page's rows.</param>
/// <param name="Total">Rows in the whole list.</param>
/// <param name="Page">1-based page number.</param>
/// <param name="PageSize">Rows per page.</param>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    /// <summary>How many pages the whole list fills; at least 1.</summary>
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / Math.Max(1, PageSize));
}
