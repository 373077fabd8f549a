namespace CptKb.Core.Import;

/// <summary>
/// Tells whoever listens, in this process, which articles an import run changed, once its changes are committed (readers
/// then see them). Open article pages use it to say "this article was updated".
/// </summary>
public sealed class ArticleUpdates
{
    /// <summary>Raised after each import run that changed articles, on the importer's thread; handlers must return quickly.</summary>
    public event Action<ArticlesChanged>? Changed;

    /// <summary>Announces a committed run's changed articles (files imported, updated, withdrawn or restored), if any.</summary>
    public void Announce(ImportRunReport report)
    {
        var files = report.Files.Where(f => f.Code is not null && IsChange(f.Status)).ToList();
        if (files.Count == 0)
            return;
        Changed?.Invoke(new ArticlesChanged(report.RunId, report.FinishedAt ?? report.StartedAt, files));
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
