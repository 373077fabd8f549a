using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CptKb.Web.Api.Exports;

/// <summary>
/// The JSON twin of <see cref="CsvDownload"/>, for every export that has one (codes, gaps, a modifier's codes; the matrix
/// and compare exports use it the same way): a JSON array written on the response body as the rows are read (one
/// <see cref="Utf8JsonWriter"/>, each row serialised as the source yields it and sent about 16 KB at a time through
/// <see cref="StreamedDownload"/>, never the whole list in memory), with the API's own serializer settings (camelCase
/// names, enums as camelCase strings), as an attachment named <c>cptkb-{what}-{date}.json</c>. An empty list is <c>[]</c>.
/// </summary>
public static class JsonDownload
{
    /// <summary>Bytes a writer holds before they are sent: a few rows of the code list, so memory stays flat.</summary>
    internal const int FlushBytes = 16 * 1024;

    /// <summary>
    /// Streams <paramref name="rows"/> as a JSON array of <paramref name="item"/> of each row, as an attachment named
    /// <c>cptkb-{what}-{date}.json</c>.
    /// </summary>
    public static IResult Of<T, TItem>(string what, DateTimeOffset now, IAsyncEnumerable<T> rows, Func<T, TItem> item) =>
        new Download<T, TItem>(FileName(what, now), rows, item);

    /// <summary><c>cptkb-codes-2026-11-30.json</c>: what the file holds and the day (UTC) it was made.</summary>
    public static string FileName(string what, DateTimeOffset now) => StreamedDownload.FileName(what, now, "json");

    /// <summary>Writes <paramref name="rows"/> to <paramref name="body"/> as a JSON array of <paramref name="item"/> of each row.</summary>
    public static async Task WriteAsync<T, TItem>(Stream body, IAsyncEnumerable<T> rows, Func<T, TItem> item, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        // Into a buffer, sent from there asynchronously: the serializer flushes its writer after every value, which on
        // the response body itself would be a synchronous write per row (refused by the server, and slow).
        var buffer = new ArrayBufferWriter<byte>(FlushBytes * 2);
        await using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = options.Encoder });
        async ValueTask SendAsync()
        {
            await json.FlushAsync(cancellationToken);
            if (buffer.WrittenCount > 0)
                await body.WriteAsync(buffer.WrittenMemory, cancellationToken);
            buffer.ResetWrittenCount();
            await body.FlushAsync(cancellationToken);
        }

        json.WriteStartArray();
        await StreamedDownload.WriteRowsAsync(rows,
            async row =>
            {
                JsonSerializer.Serialize(json, item(row), options);
                if (buffer.WrittenCount >= FlushBytes)
                    await SendAsync();
            },
            SendAsync,
            cancellationToken);
        json.WriteEndArray();
        await SendAsync();
    }

    private sealed class Download<T, TItem>(string fileName, IAsyncEnumerable<T> rows, Func<T, TItem> item) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var options = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            return StreamedDownload.Of("application/json; charset=utf-8", fileName,
                (body, cancellationToken) => WriteAsync(body, rows, item, options, cancellationToken)).ExecuteAsync(httpContext);
        }
    }
}
