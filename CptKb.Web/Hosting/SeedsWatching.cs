using CptKb.Core.Import;
using CptKb.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CptKb.Web.Hosting;

/// <summary>
/// While the app runs, imports what changes in <c>Kb:SeedsPath</c> (<c>Kb:WatchSeeds</c>): events are heard from the start,
/// imports begin once the start-up import is done, one at a time, through the app's one <see cref="Importer"/>. On
/// PostgreSQL one node at a time watches (<see cref="FolderWatchLease"/>); the others try again every
/// <c>Kb:WatchLeaseRetrySeconds</c> and take over when that node stops.
/// </summary>
internal sealed class SeedsWatching(
    Importer importer,
    IDbContextFactory<KbDbContext> contexts,
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
        var retry = TimeSpan.FromSeconds(settings.WatchLeaseRetrySeconds);
        using var watch = new FolderWatch(folder, importer, timings, clock, logger);
        // Listening starts now, so a file changed during the start-up import is not missed.
        await Task.Yield();
        var listening = watch.Start();
        try
        {
            while (status.Current.State is KbState.Starting or KbState.Importing)
                await Task.Delay(TimeSpan.FromMilliseconds(200), clock, stoppingToken);
            if (status.Current.State == KbState.Unusable)
                return;
            string? toldHolder = null;
            var takingOver = false;
            while (!stoppingToken.IsCancellationRequested)
            {
                var (lease, holder) = await TryTakeLeaseAsync(stoppingToken);
                if (lease is null)
                {
                    if (holder != toldHolder)
                        logger.LogInformation("Another node watches {Folder}: {Holder}; this node takes over if it stops (tried every {Seconds} s)",
                            PrintableText.Escape(folder), PrintableText.Escape(holder ?? "the database cannot be reached"), retry.TotalSeconds);
                    toldHolder = holder;
                    takingOver = true;
                    await Task.Delay(retry, clock, stoppingToken);
                    continue;
                }
                await using (lease)
                {
                    if (listening)
                        logger.LogInformation("Watching {Folder} for changes; imported again whole every {Seconds} s", PrintableText.Escape(folder), settings.RescanSeconds);
                    // Nothing here imported the folder while another node watched it: import it whole first.
                    if (takingOver) watch.RescanNow();
                    await WatchWhileHeldAsync(watch, lease, retry, stoppingToken);
                }
                if (!stoppingToken.IsCancellationRequested)
                    logger.LogWarning("This node lost the lease to watch {Folder} (its database connection ended); it tries to take it again", PrintableText.Escape(folder));
                toldHolder = null;
                takingOver = true;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app is stopping.
        }
    }

    private async Task<(FolderWatchLease? Lease, string? Holder)> TryTakeLeaseAsync(CancellationToken stoppingToken)
    {
        try
        {
            return await FolderWatchLease.TryTakeAsync(contexts, stoppingToken);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return (null, null);
        }
    }

    // Watches until the app stops or the lease is lost, checking the lease at the retry interval.
    private static async Task WatchWhileHeldAsync(FolderWatch watch, FolderWatchLease lease, TimeSpan retry, CancellationToken stoppingToken)
    {
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var watching = watch.RunAsync(lost.Token);
        try
        {
            while (!watching.IsCompleted)
            {
                await Task.WhenAny(watching, Task.Delay(retry, stoppingToken));
                if (!watching.IsCompleted && !await lease.IsHeldAsync(stoppingToken))
                    break;
            }
        }
        finally
        {
            await lost.CancelAsync();
            await watching.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
