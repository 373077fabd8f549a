using CsvHelper;

namespace CptKb.Web.Api.Exports;

/// <summary>
/// A CSV file sent as it is written: UTF-8 with a byte order mark (so spreadsheet programs read accents), a header row,
/// and every text cell that a spreadsheet would run as a formula (<c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab, carriage
/// return first) written with a leading <c>'</c>, so it shows as text. Sent as <see cref="StreamedDownload"/> sends every export.
/// </summary>
public static class CsvDownload
{
    /// <summary>The writer's settings for every export.</summary>
    public static CsvWriterOptions Options { get; } = CsvWriterOptions.Default with
    {
        WriteByteOrderMark = true,
        Injection = CsvInjection.Escape,
    };

    /// <summary>
    /// Streams <paramref name="rows"/> under <paramref name="header"/>, each row's cells from <paramref name="cells"/>,
    /// as an attachment named <c>cptkb-{what}-{date}.csv</c>.
    /// </summary>
    public static IResult Of<T>(string what, DateTimeOffset now, string[] header, IAsyncEnumerable<T> rows, Func<T, string?[]> cells) =>
        StreamedDownload.Of("text/csv; charset=utf-8", FileName(what, now), async (body, cancellationToken) =>
        {
            await using var csv = CsvWriter.Create(body, Options, leaveOpen: true);
            csv.WriteHeader(header);
            await StreamedDownload.WriteRowsAsync(rows,
                row => csv.WriteRecordAsync(cells(row)!, cancellationToken),
                () => csv.FlushAsync(cancellationToken),
                cancellationToken);
            await csv.FlushAsync(cancellationToken);
        });

    /// <summary><c>cptkb-codes-2026-11-30.csv</c>: what the file holds and the day (UTC) it was made.</summary>
    public static string FileName(string what, DateTimeOffset now) => StreamedDownload.FileName(what, now, "csv");
}
