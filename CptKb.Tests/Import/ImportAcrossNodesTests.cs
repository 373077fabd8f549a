using CptKb.Core;
using CptKb.Core.Import;
using CptKb.Core.Storage;
using CptKb.Tests.Storage;
using CptKb.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static CptKb.Tests.Storage.TestDatabase;

namespace CptKb.Tests.Import;

/// <summary>
/// Two nodes sharing one PostgreSQL database, each with its own services (its own importer) and its own name in the
/// connection's application name, as two web nodes or an import command beside a node would be.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class ImportAcrossNodesTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Two_nodes_importing_at_once_run_one_after_the_other_and_both_runs_store_everything()
    {
        await using var db = await CreateAsync(KbDatabaseProvider.PostgreSQL);
        var (folderA, folderB) = TwoFolders(db);
        await using var nodeA = Node(db, "node-a");
        await using var nodeB = Node(db, "node-b");
        var aRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bWaiting = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Node A stops after its first file until node B says it waits, so the two runs surely overlap.
        var progressA = new ProgressLog(_ =>
        {
            aRunning.TrySetResult();
            bWaiting.Task.Wait(Patience);
        });
        var progressB = new ProgressLog(p =>
        {
            if (p.WaitingFor is { } holder) bWaiting.TrySetResult(holder);
        });

        var importA = Task.Run(() => nodeA.GetRequiredService<Importer>().ImportFolderAsync(folderA, progressA));
        await aRunning.Task.WaitAsync(Patience);
        var importB = Task.Run(() => nodeB.GetRequiredService<Importer>().ImportFolderAsync(folderB, progressB));
        var reportA = await importA.WaitAsync(Patience);
        var reportB = await importB.WaitAsync(Patience);

        Assert.Contains("as 'node-a'", await bWaiting.Task);
        Assert.True(reportA.Status == ImportRunStatus.Succeeded, reportA.Error);
        Assert.True(reportB.Status == ImportRunStatus.Succeeded, reportB.Error);
        Assert.Null(reportA.WaitedFor);
        Assert.Contains("as 'node-a'", reportB.WaitedFor);
        Assert.Equal(3, reportA.Imported);
        Assert.Equal(3, reportB.Imported);
        // B started only once A had committed: A's articles were there when B began.
        Assert.True(reportB.StartedAt >= reportA.FinishedAt);
        await AssertStoredOnceAsync(db, ["10001", "10002", "10003", "20001", "20002", "20003"]);
        var runs = await db.QueryAsync(c => c.ImportRuns.OrderBy(r => r.Id).Select(r => new { r.SourceFolder, r.Status }).ToListAsync());
        Assert.Equal([(folderA, ImportRunStatus.Succeeded), (folderB, ImportRunStatus.Succeeded)], runs.Select(r => (r.SourceFolder, r.Status)));
    }

    [Fact]
    public async Task An_import_that_waits_too_long_for_another_node_fails_naming_it_and_loses_nothing()
    {
        await using var db = await CreateAsync(KbDatabaseProvider.PostgreSQL);
        var (folderA, folderB) = TwoFolders(db);
        await using var nodeA = Node(db, "node-a");
        await using var nodeB = Node(db, "node-b", lockWaitSeconds: 0.5);
        var aRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var progressA = new ProgressLog(_ =>
        {
            aRunning.TrySetResult();
            bDone.Task.Wait(Patience);
        });

        var importA = Task.Run(() => nodeA.GetRequiredService<Importer>().ImportFolderAsync(folderA, progressA));
        await aRunning.Task.WaitAsync(Patience);
        var reportB = await nodeB.GetRequiredService<Importer>().ImportFolderAsync(folderB).WaitAsync(Patience);
        bDone.SetResult();
        var reportA = await importA.WaitAsync(Patience);

        Assert.Equal(ImportRunStatus.Failed, reportB.Status);
        Assert.Contains("Another import is running on this database, held by server process", reportB.Error);
        Assert.Contains("as 'node-a'", reportB.Error);
        Assert.Contains("Kb:Import:LockWaitSeconds", reportB.Error);
        Assert.True(reportA.Status == ImportRunStatus.Succeeded, reportA.Error);
        await AssertStoredOnceAsync(db, ["10001", "10002", "10003"]);
        var failed = await db.QueryAsync(c => c.ImportRuns.SingleAsync(r => r.SourceFolder == folderB));
        Assert.Equal(ImportRunStatus.Failed, failed.Status);
        Assert.Contains("as 'node-a'", failed.Error);

        // Nothing of B's was lost: its files are imported by its next run.
        var again = await nodeB.GetRequiredService<Importer>().ImportFolderAsync(folderB);
        Assert.True(again.Status == ImportRunStatus.Succeeded, again.Error);
        Assert.Null(again.WaitedFor);
        await AssertStoredOnceAsync(db, ["10001", "10002", "10003", "20001", "20002", "20003"]);
    }

    private static (string A, string B) TwoFolders(TestDatabase db)
    {
        for (var i = 1; i <= 3; i++)
        {
            db.WriteDocument($"a/a{i}.txt", Publication($"1000{i}", $"Procedure A{i}"));
            db.WriteDocument($"b/b{i}.txt", Publication($"2000{i}", $"Procedure B{i}"));
        }
        return (Path.GetFullPath(Path.Combine(db.DocumentsFolder, "a")), Path.GetFullPath(Path.Combine(db.DocumentsFolder, "b")));
    }

    private static ServiceProvider Node(TestDatabase db, string name, double lockWaitSeconds = 60)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(db.ConnectionString) { ApplicationName = name }.ToString();
        return new ServiceCollection()
            .AddCptKbCore(KbDatabaseProvider.PostgreSQL, connectionString, TestSearchLimits.Limits)
            .Configure<FolderWalkLimits>(limits => limits.LockWaitSeconds = lockWaitSeconds)
            .BuildServiceProvider();
    }

    private static async Task AssertStoredOnceAsync(TestDatabase db, string[] codes)
    {
        var stored = await db.QueryAsync(c => c.Articles.IgnoreQueryFilters().Select(a => a.Code).ToListAsync());
        Assert.Equal(codes.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
        var documents = await db.QueryAsync(c => c.SourceDocuments.CountAsync());
        Assert.Equal(codes.Length, documents);
    }
}
