using CptKb.Core.Import;
using Microsoft.Extensions.Options;

namespace CptKb.Web.Hosting;

/// <summary>
/// While the app runs, imports what changes in <c>Kb:SeedsPath</c> (<c>Kb:WatchSeeds</c>): events are heard from the start,
/// imports begin once the start-up import is done, one at a time, through the app's one <see cref="Importer"/>.
/// </summary>
internal sealed class SeedsWatching(
    Importer importer,
    KbStatus status,
    IOptions<KbOptions> options,
    IHostEnvironment environment,
    TimeProvider clock,
    ILogger<SeedsWatching> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.WatchSeeds)
            return;
        var folder = KbConfiguration.SeedsPath(settings, environment.ContentRootPath);
        var timings = new FolderWatchTimings { Rescan = TimeSpan.FromSeconds(settings.RescanSeconds) };
        using var watch = new FolderWatch(folder, importer, timings, clock, logger);
        // Listening starts now, so a file changed during the start-up import is not missed.
        await Task.Yield();
        if (watch.Start())
            logger.LogInformation("Watching {Folder} for changes; imported again whole every {Seconds} s", PrintableText.Escape(folder), settings.RescanSeconds);
        try
        {
            while (status.Current.State is KbState.Starting or KbState.Importing)
                await Task.Delay(TimeSpan.FromMilliseconds(200), clock, stoppingToken);
            if (status.Current.State == KbState.Unusable)
                return;
            await watch.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app is stopping.
        }
    }
}
