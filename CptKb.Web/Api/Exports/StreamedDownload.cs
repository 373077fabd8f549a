using Microsoft.Net.Http.Headers;

namespace CptKb.Web.Api.Exports;

/// <summary>
/// What every export shares, whatever its format (<see cref="CsvDownload"/>, <see cref="JsonDownload"/>): an attachment
/// named <c>cptkb-{what}-{date}.{extension}</c>, its rows written as the source yields them, and the bytes written so far
/// sent whenever the source is about to wait (reading its next batch) or a writer holds a good buffer's worth, so the
/// first rows reach the client while the rest are still being read and the whole list is never held in memory. A client
/// that goes away ends the export quietly: its cancellation is not an error of the app.
/// </summary>
public static class StreamedDownload
{
    /// <summary><c>cptkb-codes-2026-11-30.csv</c>: what the file holds and the day (UTC) it was made.</summary>
    public static string FileName(string what, DateTimeOffset now, string extension) =>
        $"cptkb-{what}-{now.UtcDateTime:yyyy-MM-dd}.{extension}";

    /// <summary>
    /// An attachment named <paramref name="fileName"/> whose body <paramref name="write"/> writes (with the request's
    /// abort token); the answer's status and headers are sent with the first bytes.
    /// </summary>
    public static IResult Of(string contentType, string fileName, Func<Stream, CancellationToken, Task> write) =>
        new Download(contentType, fileName, write);

    /// <summary>
    /// Writes each of <paramref name="rows"/> with <paramref name="write"/>, calling <paramref name="flush"/> before
    /// waiting on the source, so what is written reaches the client before the next batch is read.
    /// </summary>
    public static async Task WriteRowsAsync<T>(IAsyncEnumerable<T> rows, Func<T, ValueTask> write, Func<ValueTask> flush, CancellationToken cancellationToken)
    {
        await using var source = rows.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            var next = source.MoveNextAsync();
            if (!next.IsCompleted)
                await flush();
            if (!await next)
                return;
            await write(source.Current);
        }
    }

    private sealed class Download(string contentType, string fileName, Func<Stream, CancellationToken, Task> write) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = contentType;
            var disposition = new ContentDispositionHeaderValue("attachment");
            disposition.SetHttpFileName(fileName);
            response.Headers.ContentDisposition = disposition.ToString();
            var aborted = httpContext.RequestAborted;
            try
            {
                await write(response.Body, aborted);
            }
            catch (Exception ex) when (aborted.IsCancellationRequested && ex is OperationCanceledException or IOException)
            {
                // The client went away mid-file: nothing is left to answer and nothing failed on this side.
            }
        }
    }
}
