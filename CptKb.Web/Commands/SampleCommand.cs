using CptKb.Core.Import;
using CptKb.Core.Samples;
using CptKb.Core.Storage;
using CptKb.Web.Hosting;
using Microsoft.Extensions.Options;

namespace CptKb.Web.Commands;

/// <summary>
/// <c>sample [--count N] [--out DIR]</c>: writes a generated sample of N publications (each marked as generated) into a
/// folder and imports it, so the app can be seen with realistic content. <c>sample remove [--out DIR]</c> takes the sample
/// out again: its articles and its files, nothing else.
/// </summary>
public static class SampleCommand
{
    /// <summary>How many publications a sample has unless told.</summary>
    public const int DefaultCount = 300;

    /// <summary>The sample's folder inside the seeds folder, unless told another.</summary>
    public const string DefaultFolderName = "generated-sample";

    private const string Usage =
        "usage: sample [--count N] [--out DIR]   write N generated publications (default 300, at most 10000) into DIR and import them\n" +
        "       sample remove [--out DIR]        remove the generated sample: its articles and its files in DIR\n" +
        "DIR defaults to the folder generated-sample inside Kb:SeedsPath.";

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null)
    {
        output ??= Console.Out;
        var remove = args.Length > 1 && args[1] == "remove";
        var count = DefaultCount;
        string? outFolder = null;
        var settings = new List<string>();
        for (var i = remove ? 2 : 1; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h")
            {
                await output.WriteLineAsync(Usage);
                return ExitCodes.Ok;
            }
            if (arg is "--count" or "-n" && !remove)
            {
                var value = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
                if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out count)
                    || count < 1 || count > SampleFolder.MaxCount)
                {
                    var given = value is null ? "nothing was given" : $"'{PrintableText.Escape(value.Length <= 40 ? value : value[..40] + "…")}' is not";
                    return await RefuseAsync(output, $"--count must be a whole number from 1 to {SampleFolder.MaxCount} (default {DefaultCount}); {given}.");
                }
            }
            else if (arg is "--out" or "-o")
            {
                if (i + 1 >= args.Length || args[i + 1].Length == 0 || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    return await RefuseAsync(output, "--out needs a folder.");
                outFolder = args[++i];
            }
            else if (arg.StartsWith('-') && (arg.Contains(':') || arg.Contains('=')))
            {
                // A setting, e.g. --Kb:SeedsPath=DIR or --ConnectionStrings:Kb "Data Source=...": the store's business.
                settings.Add(arg);
                if (!arg.Contains('=') && i + 1 < args.Length)
                    settings.Add(args[++i]);
            }
            else
            {
                return await RefuseAsync(output, $"'{PrintableText.Escape(arg.Length <= 40 ? arg : arg[..40] + "…")}' is not an option of sample.");
            }
        }

        var (opened, exit) = await StoreOpening.OpenAsync([.. settings], output);
        if (opened is not { } host)
            return exit;
        using var _ = host;
        var options = host.Services.GetRequiredService<IOptions<KbOptions>>().Value;
        var seeds = KbConfiguration.SeedsPath(options, host.Services.GetRequiredService<IHostEnvironment>().ContentRootPath);
        var folder = Path.GetFullPath(outFolder ?? Path.Combine(seeds, DefaultFolderName));
        var samples = host.Services.GetRequiredService<SampleArticles>();
        try
        {
            return remove
                ? await RemoveAsync(samples, folder, output)
                : await WriteAndImportAsync(host, samples, count, folder, seeds, output);
        }
        catch (ImportLockedException ex)
        {
            // Removing samples waits for another node's import as an import does.
            await output.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.RunFailed;
        }
    }

    private static async Task<int> RefuseAsync(TextWriter output, string message)
    {
        await output.WriteLineAsync($"error: {message}");
        await output.WriteLineAsync(Usage);
        return ExitCodes.Usage;
    }

    private static async Task<int> WriteAndImportAsync(IHost host, SampleArticles samples, int count, string folder, string seeds, TextWriter output)
    {
        await output.WriteLineAsync($"Writing a sample of {count} generated publications into {PrintableText.Escape(folder)}");
        IReadOnlyList<string> codes;
        try
        {
            codes = SampleFolder.Write(folder, count, await samples.RealCodesAsync());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await output.WriteLineAsync($"error: the sample cannot be written into {PrintableText.Escape(folder)}: {PrintableText.Escape(ex.Message)} Choose a folder this user may write with --out DIR.");
            return ExitCodes.RunFailed;
        }
        // A smaller sample than the one stored: the articles it no longer has go.
        var dropped = await samples.RemoveAsync(codes.ToHashSet(StringComparer.Ordinal));
        if (dropped > 0)
            await output.WriteLineAsync($"Removed {dropped} sample articles the smaller sample no longer has");

        // Inside the seeds folder, the sample is imported as the app's start-up import reads it: with the seeds folder, so
        // each file keeps the one name (generated-sample/000000_12345.txt) whichever imports it.
        var importFolder = IsWithin(folder, seeds) ? seeds : folder;
        await output.WriteLineAsync($"Importing {PrintableText.Escape(importFolder)}");
        var bar = new ImportCommand.ProgressBar(output, interactive: ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected);
        var report = await host.Services.GetRequiredService<Importer>().ImportFolderAsync(importFolder, bar, CancellationToken.None);
        bar.Finish();
        foreach (var file in report.Files.Where(f => f.Status == ImportFileStatus.Failed))
            await output.WriteLineAsync($"failed     {PrintableText.Escape(file.FileName)}: {PrintableText.Escape(string.Join("; ", file.Messages))}");
        if (report.Error is not null)
        {
            await output.WriteLineAsync($"error: the import failed: {PrintableText.Escape(report.Error)}");
            return ExitCodes.RunFailed;
        }
        await output.WriteLineAsync(
            $"{report.Imported} imported, {report.Updated} updated, {report.Unchanged} unchanged, {report.Failed} failed, {report.Skipped} skipped");
        await output.WriteLineAsync(
            $"The knowledge base now holds {await samples.CountAsync()} generated sample articles; every page says so while they are stored. " +
            "Remove them with: dotnet run --project CptKb.Web -- sample remove" + (IsWithin(folder, seeds) ? "" : $" --out {folder}"));
        return report.Failed > 0 ? ExitCodes.FilesFailed : ExitCodes.Ok;
    }

    private static async Task<int> RemoveAsync(SampleArticles samples, string folder, TextWriter output)
    {
        var articles = await samples.RemoveAsync();
        int files;
        try
        {
            files = SampleFolder.Remove(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await output.WriteLineAsync($"Removed {articles} generated sample articles");
            await output.WriteLineAsync($"error: the sample's files in {PrintableText.Escape(folder)} cannot be deleted: {PrintableText.Escape(ex.Message)}");
            return ExitCodes.RunFailed;
        }
        await output.WriteLineAsync($"Removed {articles} generated sample articles and {files} sample files from {PrintableText.Escape(folder)}");
        return ExitCodes.Ok;
    }

    private static bool IsWithin(string folder, string parent)
    {
        var relative = Path.GetRelativePath(parent, folder);
        return relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }
}
