using CptKb.Core.Import;
using CptKb.Core.Storage;
using CptKb.Web.Hosting;

namespace CptKb.Web.Commands;

/// <summary>
/// How every command opens the store: settings read and checked, the host built, migrations applied, and (unless the
/// command rebuilds everything itself) rows an older version wrote rebuilt. A problem is printed as one <c>error:</c>
/// line naming the setting or the database, with the exit code that goes with it.
/// </summary>
internal static class StoreOpening
{
    /// <summary>The opened store's host, or null with the exit code to return when it cannot be opened.</summary>
    public static async Task<(IHost? Host, int ExitCode)> OpenAsync(string[] settings, TextWriter output, bool rebuildOlderRows = true)
    {
        IHost host;
        try
        {
            host = CommandHost.Build(settings, output);
        }
        catch (KbSettingsException ex)
        {
            await output.WriteLineAsync($"error: {PrintableText.Escape(ex.Message)}");
            return (null, ExitCodes.Usage);
        }
        try
        {
            await host.Services.GetRequiredService<KbDatabase>().InitializeAsync();
        }
        catch (KbDatabaseException ex)
        {
            await output.WriteLineAsync($"error: {PrintableText.Escape(ex.Message)}");
            host.Dispose();
            return (null, ExitCodes.RunFailed);
        }
        try
        {
            if (rebuildOlderRows && await host.Services.GetRequiredService<Reindexer>().EnsureCurrentAsync() is { } rebuilt)
                await output.WriteLineAsync($"Rebuilt {rebuilt} articles and the search index from their stored revisions");
        }
        catch (ImportLockedException ex)
        {
            await output.WriteLineAsync($"error: {PrintableText.Escape(ex.Message)}");
            host.Dispose();
            return (null, ExitCodes.RunFailed);
        }
        return (host, ExitCodes.Ok);
    }
}
