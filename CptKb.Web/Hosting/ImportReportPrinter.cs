using CptKb.Core.Import;

namespace CptKb.Web.Hosting;

/// <summary>Prints an import run's per-file report as plain text.</summary>
internal static class ImportReportPrinter
{
    public static async Task PrintAsync(ImportRunReport report, TextWriter output)
    {
        if (report.Files.Count > 0)
        {
            var nameWidth = Math.Min(60, report.Files.Max(f => f.FileName.Length));
            await output.WriteLineAsync();
            await output.WriteLineAsync($"{"Status",-10} {"Code",-6} File");
            foreach (var file in report.Files)
            {
                await output.WriteLineAsync($"{file.Status.ToString().ToLowerInvariant(),-10} {file.Code ?? "-",-6} {file.FileName.PadRight(nameWidth)}");
                foreach (var message in file.Messages)
                    await output.WriteLineAsync($"{"",-17}- {message}");
            }
        }
        await output.WriteLineAsync();
        if (report.Error is not null)
            await output.WriteLineAsync($"Import failed: {report.Error}");
        await output.WriteLineAsync(
            $"{report.Imported} imported, {report.Updated} updated, {report.Unchanged} unchanged, {report.Failed} failed " +
            $"in {(report.FinishedAt - report.StartedAt)?.TotalSeconds:0.0} s");
    }
}
