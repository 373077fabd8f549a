using CptKb.Core.Import;
using CptKb.Core.Storage;

namespace CptKb.Web.Commands;

/// <summary>Prints an import run's per-file report as plain text, one line per file and per message.</summary>
internal static class ImportReportPrinter
{
    public static async Task PrintAsync(ImportRunReport report, TextWriter output)
    {
        if (report.Files.Count > 0)
        {
            // Names and messages come from the folder: a newline in a file name must not start a line of its own.
            var names = report.Files.Select(f => PrintableText.Escape(f.FileName)).ToList();
            var nameWidth = Math.Min(60, names.Max(n => n.Length));
            await output.WriteLineAsync();
            await output.WriteLineAsync($"{"Status",-10} {"Code",-6} File");
            foreach (var (file, name) in report.Files.Zip(names))
            {
                await output.WriteLineAsync($"{file.Status.ToString().ToLowerInvariant(),-10} {file.Code ?? "-",-6} {name.PadRight(nameWidth)}");
                foreach (var message in file.Messages)
                    await output.WriteLineAsync($"{"",-17}- {PrintableText.Escape(message)}");
            }
        }
        await PrintListAsync(output, "Withdrawn (file gone; the article is kept but left out of lists and search)",
            report.Files.Where(f => f.Status == ImportFileStatus.Withdrawn));
        await PrintListAsync(output, "Restored (file back; the article is current again)",
            report.Files.Where(f => f.Status == ImportFileStatus.Restored));
        await output.WriteLineAsync();
        if (report.WaitedFor is not null)
            await output.WriteLineAsync($"Waited for another import to finish first; it was held by {PrintableText.Escape(report.WaitedFor)}.");
        if (report.Error is not null)
            await output.WriteLineAsync($"Import failed: {PrintableText.Escape(report.Error)}");
        await output.WriteLineAsync(
            $"{report.Imported} imported, {report.Updated} updated, {report.Unchanged} unchanged, {report.Failed} failed, " +
            $"{report.Skipped} skipped, {report.Withdrawn} withdrawn, {report.Restored} restored in {(report.FinishedAt - report.StartedAt)?.TotalSeconds:0.0} s");
    }

    // Withdrawals and restores change what readers see: said again after the file table, where they are not lost.
    private static async Task PrintListAsync(TextWriter output, string heading, IEnumerable<ImportFileReport> files)
    {
        var list = files.ToList();
        if (list.Count == 0)
            return;
        await output.WriteLineAsync();
        await output.WriteLineAsync($"{heading}:");
        foreach (var file in list)
            await output.WriteLineAsync($"  {file.Code ?? "-",-6} {PrintableText.Escape(file.FileName)}");
    }
}
