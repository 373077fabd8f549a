using System.Text;
using System.Text.Json;
using CptKb.Tests.TestSupport;
using CptKb.Web.Api.Exports;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CptKb.Tests.Api;

/// <summary>
/// How every export is sent, checked on a source that stops after a few rows until it is let go: what was read is
/// already with the client while the rest is being read (the export is streamed, not built whole first), and a client
/// that goes away ends the export without an error.
/// </summary>
public sealed class StreamedDownloadTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    public sealed record Row(string Code, string[] Payers, int Gaps);

    /// <summary>Yields <paramref name="first"/> rows, says so, waits to be let go, then yields <paramref name="rest"/> more.</summary>
    private sealed class PausingSource(int first, int rest)
    {
        public TaskCompletionSource Paused { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async IAsyncEnumerable<Row> RowsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            for (var i = 0; i < first + rest; i++)
            {
                if (i == first)
                {
                    Paused.SetResult();
                    await Release.Task.WaitAsync(cancellationToken);
                }
                yield return new Row($"{20000 + i}", ["Aetna", "Medicare"], i);
            }
        }
    }

    /// <summary>A response body that remembers what was sent, and says when bytes were flushed.</summary>
    private sealed class SentBytes : MemoryStream
    {
        public TaskCompletionSource Flushed { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Text => Encoding.UTF8.GetString(ToArray());

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            if (Length > 0)
                Flushed.TrySetResult();
            return Task.CompletedTask;
        }

        public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    private static DefaultHttpContext Context(Stream body, CancellationToken aborted = default)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddOptions().BuildServiceProvider(), RequestAborted = aborted };
        context.Response.Body = body;
        return context;
    }

    private static readonly DateTimeOffset Day = new(2026, 11, 30, 23, 30, 0, TimeSpan.FromHours(-5));

    [Fact]
    public async Task A_JSON_export_sends_the_rows_read_so_far_before_the_source_reads_on()
    {
        var source = new PausingSource(first: 3, rest: 2);
        var body = new SentBytes();
        var context = Context(body);

        var sending = JsonDownload.Of("codes", Day, source.RowsAsync(), r => r).ExecuteAsync(context);
        await source.Paused.Task.WaitAsync(Guard);
        await body.Flushed.Task.WaitAsync(Guard);

        var sent = body.Text;
        Assert.StartsWith("[{\"code\":\"20000\"", sent);
        Assert.Contains("{\"code\":\"20002\",\"payers\":[\"Aetna\",\"Medicare\"],\"gaps\":2}", sent);
        Assert.DoesNotContain("20003", sent);
        Assert.False(sending.IsCompleted);

        source.Release.SetResult();
        await sending.WaitAsync(Guard);
        var rows = JsonSerializer.Deserialize<Row[]>(body.Text, JsonSerializerOptions.Web)!;
        Assert.Equal(["20000", "20001", "20002", "20003", "20004"], rows.Select(r => r.Code));
        Assert.Equal("application/json; charset=utf-8", context.Response.ContentType);
        Assert.Contains("filename=cptkb-codes-2026-12-01.json", context.Response.Headers.ContentDisposition.ToString());
    }

    [Fact]
    public async Task A_CSV_export_sends_the_rows_read_so_far_before_the_source_reads_on()
    {
        var source = new PausingSource(first: 3, rest: 2);
        var body = new SentBytes();
        var context = Context(body);

        var sending = CsvDownload.Of("codes", Day, ["Code", "Key payers"], source.RowsAsync(), r => [r.Code, string.Join("; ", r.Payers)])
            .ExecuteAsync(context);
        await source.Paused.Task.WaitAsync(Guard);
        await body.Flushed.Task.WaitAsync(Guard);

        Assert.Contains("20002,Aetna; Medicare", body.Text);
        Assert.DoesNotContain("20003", body.Text);
        Assert.False(sending.IsCompleted);

        source.Release.SetResult();
        await sending.WaitAsync(Guard);
        Assert.Equal(6, CsvText.Records(body.Text.TrimStart('\uFEFF')).Count);
        Assert.Contains("filename=cptkb-codes-2026-12-01.csv", context.Response.Headers.ContentDisposition.ToString());
    }

    [Fact]
    public async Task An_empty_list_is_an_empty_array()
    {
        var body = new SentBytes();

        await JsonDownload.Of("gaps", Day, new PausingSource(0, 0).RowsAsync(), r => r).ExecuteAsync(Context(body));

        Assert.Equal("[]", body.Text);
    }

    [Fact]
    public async Task A_client_that_goes_away_mid_export_ends_it_quietly()
    {
        using var aborted = new CancellationTokenSource();
        var source = new PausingSource(first: 3, rest: 2);
        var body = new SentBytes();

        var sending = JsonDownload.Of("codes", Day, source.RowsAsync(aborted.Token), r => r).ExecuteAsync(Context(body, aborted.Token));
        await source.Paused.Task.WaitAsync(Guard);
        await aborted.CancelAsync();

        // Neither an exception for the server to log as a failed request, nor the rest of the rows.
        await sending.WaitAsync(Guard);
        Assert.DoesNotContain("20003", body.Text);
    }
}
