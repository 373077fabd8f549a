using System.Collections.Concurrent;
using CptKb.Core.Import;
using CptKb.Core.Storage;
using CptKb.Tests.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using static CptKb.Tests.Storage.TestDatabase;

namespace CptKb.Tests.Import;

/// <summary>A watch over a real temporary folder, importing into a real database as files change.</summary>
public sealed class FolderWatchTests
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_burst_of_writes_is_imported_as_one_run()
    {
        await using var db = await CreateAsync();
        await using var watch = Watch.Over(db, new FolderWatchTimings { Debounce = TimeSpan.FromSeconds(1), StableFor = TimeSpan.FromMilliseconds(300), Rescan = TimeSpan.FromHours(1) });

        for (var i = 0; i < 5; i++)
            db.WriteDocument($"burst-{i}.txt", Publication($"9921{i}", $"Visit {i}"));

        var report = await watch.NextImportAsync();
        Assert.Equal(5, report?.Imported);
        Assert.Equal(["99210", "99211", "99212", "99213", "99214"], (await db.Articles.ListAsync(new PageRequest())).Items.Select(a => a.Code));
        // No other run changed anything: the burst made one run.
        await watch.StopAsync();
        Assert.Single(watch.Imports, r => r is not null);
        Assert.Equal(1, await db.QueryAsync(c => c.ImportRuns.CountAsync()));
    }

    [Fact]
    public async Task A_file_still_being_written_is_imported_only_once_it_is_whole()
    {
        await using var db = await CreateAsync();
        await using var watch = Watch.Over(db, new FolderWatchTimings { Debounce = TimeSpan.FromMilliseconds(200), StableFor = TimeSpan.FromMilliseconds(1500), Rescan = TimeSpan.FromHours(1) });
        var path = Path.Combine(db.DocumentsFolder, "growing.txt");

        // Written a piece at a time, as a slow copy over a network share would: each pause longer than the debounce,
        // shorter than the time a file must stay still.
        var text = Publication("20962", "Growing Graft") + string.Concat(Enumerable.Range(1, 20).Select(i => $"Paragraph {i} of the overview.\n\n")) + "The end.\n";
        var pieces = text.Chunk(text.Length / 10 + 1).Select(c => new string(c)).ToList();
        foreach (var piece in pieces)
        {
            await File.AppendAllTextAsync(path, piece);
            await Task.Delay(400);
        }

        var report = await watch.NextImportAsync();
        Assert.Equal(ImportFileStatus.Imported, Assert.Single(report?.Files ?? []).Status);
        var stored = await db.QueryAsync(c => c.SourceDocuments.ToListAsync());
        Assert.EndsWith("The end.\n", StoredText.Of(Assert.Single(stored)));
    }

    [Fact]
    public async Task Without_events_the_periodic_rescan_imports_changes_and_withdraws_what_is_gone()
    {
        await using var db = await CreateAsync();
        db.WriteDocument("a.txt", Publication("20962"));
        db.WriteDocument("b.txt", Publication("99213", "Office Visit"));
        await db.ImportAsync();
        db.WriteDocument("a.txt", Publication("20962", "Edited Graft"));
        File.Delete(Path.Combine(db.DocumentsFolder, "b.txt"));

        // Events are lost on some shares: this watch hears none, only its rescans.
        await using var watch = Watch.Over(db, new FolderWatchTimings { Rescan = TimeSpan.FromSeconds(1) }, listen: false);

        var report = await watch.NextImportAsync(r => r is not null);
        Assert.Equal((1, 1), (report?.Updated, report?.Withdrawn));
        Assert.Equal("Edited Graft", (await db.Articles.GetAsync("20962"))?.Article.Title);
        Assert.NotNull((await db.Articles.GetAsync("99213"))?.WithdrawnAt);
    }

    [Fact]
    public async Task Rescans_of_an_unchanged_folder_leave_no_run_behind()
    {
        await using var db = await CreateAsync();
        db.WriteDocument("a.txt", Publication("20962"));
        await db.ImportAsync();
        await using var watch = Watch.Over(db, new FolderWatchTimings { Rescan = TimeSpan.FromSeconds(1) }, listen: false);

        Assert.Null(await watch.NextImportAsync());
        Assert.Null(await watch.NextImportAsync());

        Assert.Equal(1, await db.QueryAsync(c => c.ImportRuns.CountAsync()));
    }

    [Fact]
    public async Task A_deleted_file_is_heard_and_withdraws_its_article()
    {
        await using var db = await CreateAsync();
        db.WriteDocument("a.txt", Publication("20962"));
        db.WriteDocument("b.txt", Publication("99213", "Office Visit"));
        await db.ImportAsync();
        await using var watch = Watch.Over(db, new FolderWatchTimings { Debounce = TimeSpan.FromMilliseconds(200), StableFor = TimeSpan.FromMilliseconds(200), Rescan = TimeSpan.FromHours(1) });

        File.Delete(Path.Combine(db.DocumentsFolder, "b.txt"));

        var report = await watch.NextImportAsync();
        Assert.NotNull(report);
        Assert.Equal("99213", Assert.Single(report.Files, f => f.Status == ImportFileStatus.Withdrawn).Code);
        Assert.Equal(["20962"], (await db.Articles.ListAsync(new PageRequest())).Items.Select(a => a.Code));
    }

    /// <summary>A running <see cref="FolderWatch"/> and the reports of the imports it made.</summary>
    private sealed class Watch : IAsyncDisposable
    {
        private readonly FolderWatch _watch;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _running;
        private readonly BlockingCollection<ImportRunReport?> _reports = [];

        private Watch(FolderWatch watch, bool listen)
        {
            _watch = watch;
            _watch.Imported += report =>
            {
                Imports.Add(report);
                _reports.Add(report);
            };
            if (listen) Assert.True(_watch.Start());
            _running = Task.Run(() => _watch.RunAsync(_stop.Token));
        }

        public ConcurrentBag<ImportRunReport?> Imports { get; } = [];

        public static Watch Over(TestDatabase db, FolderWatchTimings timings, bool listen = true) =>
            new(new FolderWatch(db.DocumentsFolder, db.Importer, timings, TimeProvider.System, NullLogger.Instance), listen);

        /// <summary>The next import's report (null for a run that changed nothing) that satisfies <paramref name="wanted"/>.</summary>
        public Task<ImportRunReport?> NextImportAsync(Func<ImportRunReport?, bool>? wanted = null) => Task.Run(() =>
        {
            using var giveUp = new CancellationTokenSource(GiveUpAfter);
            while (true)
            {
                var report = _reports.Take(giveUp.Token);
                if (wanted is null || wanted(report))
                    return report;
            }
        });

        public async Task StopAsync()
        {
            // Long enough for a second run to begin if the burst had been split.
            await Task.Delay(TimeSpan.FromSeconds(2));
            await _stop.CancelAsync();
            await _running;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _running;
            _watch.Dispose();
            _stop.Dispose();
            _reports.Dispose();
        }
    }
}
