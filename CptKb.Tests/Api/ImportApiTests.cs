using System.Net.Http.Json;
using System.Text.Json;
using CptKb.Core.Storage;
using CptKb.Tests.TestSupport;

namespace CptKb.Tests.Api;

public class ImportApiTests : IAsyncLifetime
{
    private sealed class MixedSeeds(KbDatabaseProvider provider) : KbAppFactory(provider)
    {
        protected override void WriteSeeds(string folder)
        {
            base.WriteSeeds(folder);
            File.WriteAllText(Path.Combine(folder, "empty.txt"), "");
            File.WriteAllText(Path.Combine(folder, "no-code.md"), "# Summary\n\nA procedure without a code.\n");
        }
    }

    private MixedSeeds _app = null!; // set in InitializeAsync, before any test runs
    private HttpClient _client = null!;

    /// <summary>The engine these tests run on; the PostgreSQL variant below overrides it.</summary>
    protected virtual KbDatabaseProvider Provider => KbDatabaseProvider.Sqlite;

    public async Task InitializeAsync()
    {
        _app = new MixedSeeds(Provider);
        _client = await _app.StartAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_latest_run_gives_counts_and_each_files_status_and_messages()
    {
        var run = await _client.GetFromJsonAsync<JsonElement>("/api/import/runs/latest");

        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        Assert.Equal(1, run.GetProperty("imported").GetInt32());
        Assert.Equal(2, run.GetProperty("failed").GetInt32());
        Assert.True(run.GetProperty("finishedAt").GetDateTimeOffset() >= run.GetProperty("startedAt").GetDateTimeOffset());

        var files = run.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("fileName").GetString()!);
        Assert.Equal("imported", files["000_1ec41e0964c043f3.txt"].GetProperty("status").GetString());
        Assert.Equal("failed", files["empty.txt"].GetProperty("status").GetString());
        Assert.Equal("the file is empty", files["empty.txt"].GetProperty("messages")[0].GetString());
        Assert.StartsWith("no CPT code found", files["no-code.md"].GetProperty("messages")[0].GetString());
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class ImportApiOnPostgreSqlTests : ImportApiTests
{
    protected override KbDatabaseProvider Provider => KbDatabaseProvider.PostgreSQL;
}
