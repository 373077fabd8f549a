using CptKb.Core.Import;
using CptKb.Core.Storage;
using CptKb.Web.Hosting;
using Microsoft.Extensions.Options;

namespace CptKb.Web.Commands;

/// <summary>
/// <c>dotnet run --project CptKb.Web -- import [--source DIR]</c>: imports a folder without starting the
/// server, draws a progress bar, prints the per-file report, and exits 0 when no file failed, 2 when any did.
/// </summary>
public static class ImportCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null)
    {
        output ??= Console.Out;
        string? source = null;
        var rest = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] is "--source" or "-s")
            {
                if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    await output.WriteLineAsync("usage: import [--source DIR]   (--source needs a folder)");
                    return ExitCodes.Usage;
                }
                source = args[++i];
            }
            else if (args[i] is "--help" or "-h")
            {
                await output.WriteLineAsync("usage: import [--source DIR]\nImports *.txt and *.md files under DIR (default: Kb:SeedsPath) into the database set by ConnectionStrings:Kb.");
                return ExitCodes.Ok;
            }
            else
                rest.Add(args[i]);
        }

        var (opened, exit) = await StoreOpening.OpenAsync([.. rest], output);
        if (opened is not { } host)
            return exit;
        using var _ = host;

        var options = host.Services.GetRequiredService<IOptions<KbOptions>>().Value;
        var folder = source is null
            ? KbConfiguration.SeedsPath(options, host.Services.GetRequiredService<IHostEnvironment>().ContentRootPath)
            : Path.GetFullPath(source);

        await output.WriteLineAsync($"Importing {PrintableText.Escape(folder)}");
        var bar = new ProgressBar(output, interactive: ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected);
        var report = await host.Services.GetRequiredService<Importer>().ImportFolderAsync(folder, bar, CancellationToken.None);
        bar.Finish();

        await ImportReportPrinter.PrintAsync(report, output);
        if (report.Status != ImportRunStatus.Succeeded)
            return ExitCodes.RunFailed;
        return report.Failed > 0 ? ExitCodes.FilesFailed : ExitCodes.Ok;
    }

    /// <summary>A one-line bar redrawn in place on a terminal; a line per tenth when output is redirected.</summary>
    internal sealed class ProgressBar(TextWriter output, bool interactive) : IProgress<ImportProgress>
    {
        private const int Width = 30;
        private readonly Lock _lock = new();
        private readonly ProgressTenths _tenths = new();
        private bool _drawn;

        public void Report(ImportProgress value)
        {
            if (value.WaitingFor is { } holder)
            {
                lock (_lock)
                    output.WriteLine($"Waiting for another import to finish: the database's import lock is held by {PrintableText.Escape(holder)}");
                return;
            }
            if (value.Total == 0)
                return;
            lock (_lock)
            {
                var filled = value.Done * Width / value.Total;
                var line = $"[{new string('#', filled)}{new string('.', Width - filled)}] {value.Done}/{value.Total}";
                if (interactive)
                {
                    output.Write("\r" + line.PadRight(Width + 24));
                    _drawn = true;
                    return;
                }
                if (_tenths.Reached(value) is not null)
                    output.WriteLine(line);
            }
        }

        public void Finish()
        {
            if (_drawn)
                output.WriteLine();
        }
    }
}
