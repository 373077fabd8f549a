using System.Diagnostics;
using CptKb.Core.Import;

namespace CptKb.Web.Commands;

/// <summary>
/// <c>dotnet run --project CptKb.Web -- reindex</c>: rebuilds every article's rows and the search index from the stored
/// revisions without starting the server; exits 0 when done, 3 when the database cannot be used.
/// </summary>
public static class ReindexCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null)
    {
        output ??= Console.Out;
        if (args.Skip(1).Any(a => a is "--help" or "-h"))
        {
            await output.WriteLineAsync("usage: reindex\nRebuilds the search index from the articles stored in the database set by ConnectionStrings:Kb.");
            return ExitCodes.Ok;
        }

        // Everything is rebuilt below: no need to rebuild rows an older version wrote first.
        var (opened, exit) = await StoreOpening.OpenAsync(args[1..], output, rebuildOlderRows: false);
        if (opened is not { } host)
            return exit;
        using var _ = host;

        await output.WriteLineAsync("Rebuilding every article's rows and the search index from the stored revisions");
        var clock = Stopwatch.StartNew();
        int articles;
        try
        {
            articles = await host.Services.GetRequiredService<Reindexer>().RebuildAsync();
        }
        catch (ImportLockedException ex)
        {
            await output.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.RunFailed;
        }
        await output.WriteLineAsync($"{articles} articles rebuilt in {clock.Elapsed.TotalSeconds:0.0} s");
        return ExitCodes.Ok;
    }
}
