using Microsoft.Extensions.Logging;

namespace CptKb.Core.Import;

/// <summary>
/// Tells whoever listens, in this process, which articles an import run changed, once its changes are committed (readers
/// then see them). Open article pages use it to say "this article was updated".
/// </summary>
public sealed class ArticleUpdates(ILogger<ArticleUpdates> logger)
{
    /// <summary>Raised after each import run that changed articles, on the importer's thread; handlers must return quickly.</summary>
    public event Action<ArticlesChanged>? Changed;

    /// <summary>
    /// Announces a committed run's changed articles (files imported, updated, withdrawn or restored), if any. Never throws:
    /// the run is committed whatever a listener does, and one failing listener does not keep the others from hearing.
    /// </summary>
    public void Announce(ImportRunReport report)
    {
        var files = report.Files.Where(f => f.Code is not null && IsChange(f.Status)).ToList();
        if (files.Count == 0 || Changed is not { } changed)
            return;
        var announcement = new ArticlesChanged(report.RunId, report.FinishedAt ?? report.StartedAt, files);
        foreach (var listener in changed.GetInvocationList().Cast<Action<ArticlesChanged>>())
        {
            try
            {
                listener(announcement);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A listener to article updates failed on import run {Run}", report.RunId);
            }
        }
    }

    private static bool IsChange(Storage.ImportFileStatus status) => status is
        Storage.ImportFileStatus.Imported or Storage.ImportFileStatus.Updated or
        Storage.ImportFileStatus.Withdrawn or Storage.ImportFileStatus.Restored;
}

/// <summary>The articles one committed import run changed.</summary>
/// <param name="RunId">The import run.</param>
/// <param name="CommittedAt">When the run finished.</param>
/// <param name="Files">
/// One result per changed article: its file, its code and what happened (imported, updated, withdrawn, restored).
/// </param>
public sealed record ArticlesChanged(int RunId, DateTimeOffset CommittedAt, IReadOnlyList<ImportFileReport> Files)
{
    /// <summary>Whether the article with this code is among the changed ones.</summary>
    public bool Includes(string code) => Files.Any(f => string.Equals(f.Code, code, StringComparison.Ordinal));
}
