using CptKb.Core.Import;

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
        await output.WriteLineAsync();
        if (report.Error is not null)
            await output.WriteLineAsync($"Import failed: {PrintableText.Escape(report.Error)}");
        await output.WriteLineAsync(
            $"{report.Imported} imported, {report.Updated} updated, {report.Unchanged} unchanged, {report.Failed} failed, " +
            $"{report.Skipped} skipped in {(report.FinishedAt - report.StartedAt)?.TotalSeconds:0.0} s");
    }
}
