using CptKb.Tests.TestSupport;
using CptKb.Web.Commands;
using CptKb.Web.Components;
using Npgsql;

namespace CptKb.Tests.Cluster;

/// <summary>
/// Two imports started at once on two nodes of one PostgreSQL database (each the <c>import</c> command with its node's
/// settings), while both web nodes serve readers through the proxy.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class ImportsOnTwoNodesTests : IDisposable
{
    private const int PerFolder = 40;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "cptkb-tests", "imports-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Two_imports_at_once_run_one_after_the_other_and_every_publication_is_stored_once()
    {
        await using var cluster = await TestCluster.StartAsync(_ => { });
        var folderA = Path.Combine(_root, "a");
        var folderB = Path.Combine(_root, "b");
        GeneratedCorpus.Write(folderA, 2 * PerFolder);
        Directory.CreateDirectory(folderB);
        foreach (var i in Enumerable.Range(PerFolder, PerFolder))
            File.Move(Path.Combine(folderA, $"gen-{GeneratedCorpus.Code(i)}.txt"), Path.Combine(folderB, $"gen-{GeneratedCorpus.Code(i)}.txt"));

        KbProcess Import(string folder, string node) => KbProcess.Start(
        [
            "import", "--source", folder,
            "--Kb:Database:Provider=PostgreSQL", $"--ConnectionStrings:Kb={cluster.ConnectionString}", $"--Kb:NodeName={node}",
        ]);

        // Writes to the articles are held back, so whichever import takes the database's import lock first is still
        // holding it when the other one asks: the two surely overlap.
        await using var holdWrites = new NpgsqlConnection(cluster.ConnectionString);
        await holdWrites.OpenAsync();
        await using var transaction = await holdWrites.BeginTransactionAsync();
        await using (var lockArticles = new NpgsqlCommand("LOCK TABLE \"Articles\" IN EXCLUSIVE MODE", holdWrites, transaction))
            await lockArticles.ExecuteNonQueryAsync();

        await using var onNode1 = Import(folderA, "node1");
        await using var onNode2 = Import(folderB, "node2");
        var (waiter, holder) = await OneWaitsAsync(onNode1, onNode2);
        Assert.Contains($"as '{holder}'", (waiter == "node1" ? onNode1 : onNode2).Log);
        Assert.False(onNode1.HasExited || onNode2.HasExited, onNode1.Log + onNode2.Log);
        await transaction.RollbackAsync();

        Assert.True(await onNode1.WaitForExitAsync(TimeSpan.FromSeconds(90)) == ExitCodes.Ok, onNode1.Log);
        Assert.True(await onNode2.WaitForExitAsync(TimeSpan.FromSeconds(90)) == ExitCodes.Ok, onNode2.Log);
        Assert.Contains($"{PerFolder} imported, 0 updated, 0 unchanged, 0 failed", onNode1.Log);
        Assert.Contains($"{PerFolder} imported, 0 updated, 0 unchanged, 0 failed", onNode2.Log);
        Assert.DoesNotContain("Waiting for another import", (waiter == "node1" ? onNode2 : onNode1).Log);

        var codes = await QueryAsync(cluster.ConnectionString, "SELECT \"Code\" FROM \"Articles\"", r => r.GetString(0));
        Assert.Equal(Enumerable.Range(0, 2 * PerFolder).Select(GeneratedCorpus.Code), codes.Order());
        var runs = await QueryAsync(cluster.ConnectionString,
            "SELECT \"Status\", \"StartedAt\", \"FinishedAt\" FROM \"ImportRuns\" WHERE \"SourceFolder\" IN (@a, @b) ORDER BY \"StartedAt\"",
            r => (Status: r.GetString(0), Started: r.GetDateTime(1), Finished: r.GetDateTime(2)),
            ("a", folderA), ("b", folderB));
        Assert.Equal(["Succeeded", "Succeeded"], runs.Select(r => r.Status));
        Assert.True(runs[1].Started >= runs[0].Finished, $"The runs overlapped: {string.Join(", ", runs)}");

        // Both nodes serve what both imports stored.
        foreach (var node in cluster.Nodes)
        {
            using var client = node.CreateClient();
            foreach (var index in new[] { 0, 2 * PerFolder - 1 })
            {
                var page = await client.GetStringAsync(Links.Article(GeneratedCorpus.Code(index)));
                Assert.Contains(GeneratedCorpus.Title(index, "first"), page);
            }
        }
    }

    /// <summary>Which import says it waits for the other's lock, and which holds it.</summary>
    private static async Task<(string Waiter, string Holder)> OneWaitsAsync(KbProcess onNode1, KbProcess onNode2)
    {
        const string waiting = "Waiting for another import to finish";
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            if (onNode1.Log.Contains(waiting, StringComparison.Ordinal))
                return ("node1", "node2");
            if (onNode2.Log.Contains(waiting, StringComparison.Ordinal))
                return ("node2", "node1");
            if (onNode1.HasExited || onNode2.HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"Neither import said it waits for the other:\n--- node1\n{onNode1.Log}\n--- node2\n{onNode2.Log}");
            await Task.Delay(50);
        }
    }

    private static async Task<List<T>> QueryAsync<T>(string connectionString, string sql, Func<NpgsqlDataReader, T> read, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(read(reader));
        return rows;
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }
}
