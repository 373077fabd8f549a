using System.Diagnostics;
using CptKb.Core.Import;
using CptKb.Core.Storage;

namespace CptKb.Web.Hosting;

/// <summary>
/// <c>dotnet run --project CptKb.Web -- reindex</c>: rebuilds the search index from the stored articles without starting
/// the server; exits 0 when done, 3 when the database cannot be used.
/// </summary>
public static class ReindexCommand
{
    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == "reindex";

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null)
    {
        output ??= Console.Out;
        if (args.Skip(1).Any(a => a is "--help" or "-h"))
        {
            await output.WriteLineAsync("usage: reindex\nRebuilds the search index from the articles stored in the database set by ConnectionStrings:Kb.");
            return ImportCommand.ExitOk;
        }

        using var host = CommandHost.Build(args[1..], output);
        try
        {
            await host.Services.GetRequiredService<KbDatabase>().InitializeAsync();
        }
        catch (KbDatabaseException ex)
        {
            await output.WriteLineAsync($"error: {PrintableText.Escape(ex.Message)}");
            return ImportCommand.ExitRunFailed;
        }

        await output.WriteLineAsync("Rebuilding every article's rows and the search index from the stored revisions");
        var clock = Stopwatch.StartNew();
        var articles = await host.Services.GetRequiredService<Reindexer>().RebuildAsync();
        await output.WriteLineAsync($"{articles} articles rebuilt in {clock.Elapsed.TotalSeconds:0.0} s");
        return ImportCommand.ExitOk;
    }
}
