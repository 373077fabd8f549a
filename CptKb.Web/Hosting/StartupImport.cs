using CptKb.Core.Import;
using CptKb.Core.Search;
using CptKb.Core.Storage;
using Microsoft.Extensions.Options;

namespace CptKb.Web.Hosting;

/// <summary>
/// Applies migrations before the server takes requests, then, in the background so stored content is served
/// meanwhile, rebuilds the articles' rows and the search index when an older version wrote them, and imports the seeds folder.
/// </summary>
internal sealed class StartupImport(
    KbDatabase database,
    Importer importer,
    Reindexer reindexer,
    SearchService search,
    KbStatus status,
    IOptions<KbOptions> options,
    IHostEnvironment environment,
    ILogger<StartupImport> logger) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _import = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await database.InitializeAsync(cancellationToken);
        }
        catch (KbDatabaseException ex)
        {
            // A broken store is an operator's problem to fix, not a crash: say what and where, keep serving /health.
            status.Set(KbState.Unusable, ex.Message);
            logger.LogError("The knowledge base database cannot be used: {Reason}", PrintableText.Escape(ex.Message));
            return;
        }

        var folder = options.Value.ImportOnStartup ? KbConfiguration.SeedsPath(options.Value, environment.ContentRootPath) : null;
        status.Set(KbState.Importing, folder is null ? "checking the stored articles" : $"importing {folder}");
        _import = Task.Run(() => ImportAsync(folder, _stopping.Token), CancellationToken.None);
    }

    private async Task ImportAsync(string? folder, CancellationToken cancellationToken)
    {
        try
        {
            if (await reindexer.EnsureCurrentAsync(cancellationToken) is { } rebuilt)
                logger.LogInformation("Rebuilt {Articles} articles and the search index from their stored revisions", rebuilt);
            if (folder is null)
            {
                status.Set(KbState.Ready, "ready (start-up import is off)");
                await WarmUpSearchAsync(cancellationToken);
                return;
            }
            logger.LogInformation("Importing publications from {Folder}", PrintableText.Escape(folder));
            var progress = new ImportProgressLog(logger);
            var report = await importer.ImportFolderAsync(folder, progress, cancellationToken);
            // Names and messages come from the folder: escaped, a newline in a file name cannot forge a log line.
            foreach (var file in report.Files.Where(f => f.Status == ImportFileStatus.Failed))
                logger.LogWarning("{File} failed to import: {Messages}", PrintableText.Escape(file.FileName), Messages(file));
            foreach (var file in report.Files.Where(f => f.Status == ImportFileStatus.Skipped))
                logger.LogWarning("{Path} was skipped: {Messages}", PrintableText.Escape(file.FileName), Messages(file));
            foreach (var file in report.Files.Where(f => f.Status is ImportFileStatus.Withdrawn or ImportFileStatus.Restored))
                logger.LogInformation("{Code} ({File}) was {Status}", file.Code, PrintableText.Escape(file.FileName), file.Status.ToString().ToLowerInvariant());
            if (report.Error is null)
            {
                logger.LogInformation(
                    "Import {Status}: {Imported} imported, {Updated} updated, {Unchanged} unchanged, {Failed} failed, {Skipped} skipped",
                    report.Status, report.Imported, report.Updated, report.Unchanged, report.Failed, report.Skipped);
            }
            else
            {
                logger.LogWarning("The start-up import failed: {Error} The knowledge base serves what it had stored.", PrintableText.Escape(report.Error));
            }
            status.Set(KbState.Ready, report.Error is null ? "ready" : $"ready; the last import failed: {report.Error}");
            await WarmUpSearchAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("Start-up import cancelled by shutdown; the previous content is intact");
        }
        catch (Exception ex)
        {
            status.Set(KbState.Ready, $"ready; the start-up import failed: {ex.Message}");
            logger.LogError("The start-up import failed; the previous content is intact: {Error}", PrintableText.Escape(ex));
        }
    }

    private static string Messages(ImportFileReport file) => PrintableText.Escape(string.Join("; ", file.Messages));

    // Searches keep article codes, payers and the vocabulary in memory: load them now rather than on the first search.
    private async Task WarmUpSearchAsync(CancellationToken cancellationToken)
    {
        try
        {
            await search.WarmUpAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Search warm-up failed; the first search will load what it needs");
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _import.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Logs import progress every tenth of the way rather than once per file.</summary>
    private sealed class ImportProgressLog(ILogger logger) : IProgress<ImportProgress>
    {
        private readonly ProgressTenths _tenths = new();

        public void Report(ImportProgress value)
        {
            if (_tenths.Reached(value) is { } tenth)
                logger.LogInformation("Import progress: {Done}/{Total} files ({Percent}%)", value.Done, value.Total, tenth * 10);
        }
    }
}
