using CptKb.Core.Import;

namespace CptKb.Web.Hosting;

/// <summary>
/// Lets an import's progress through once per tenth of the way, so the start-up log and a redirected command line
/// say it ten times rather than once per file. Safe to call from several threads.
/// </summary>
internal sealed class ProgressTenths
{
    private int _last = -1;

    /// <summary>The tenth now reached (0 to 10) when it is a new one; null when it was already told, or there is nothing to import.</summary>
    public int? Reached(ImportProgress value)
    {
        if (value.Total == 0)
            return null;
        var tenth = value.Done * 10 / value.Total;
        return tenth == Interlocked.Exchange(ref _last, tenth) ? null : tenth;
    }
}
