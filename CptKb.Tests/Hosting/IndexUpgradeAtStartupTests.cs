using System.Net;
using System.Text.Json;
using CptKb.Tests.Search;
using CptKb.Tests.Storage;
using CptKb.Tests.TestSupport;
using Microsoft.Data.Sqlite;

namespace CptKb.Tests.Hosting;

/// <summary>The first start on a database whose derived rows an older version wrote rebuilds them, and the search index, once.</summary>
public sealed class IndexUpgradeAtStartupTests
{
    [Fact]
    public async Task The_app_started_on_rows_of_an_older_version_rebuilds_them_and_search_finds_again()
    {
        await using var earlier = await SearchCorpus.ImportedAsync();
        await using (var connection = new SqliteConnection($"Data Source={earlier.DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var downgrade = connection.CreateCommand();
            // As an older version left it: its own version mark, and an index this version cannot read (here: none).
            downgrade.CommandText = "UPDATE StoreInfo SET Value = '1' WHERE Key = 'derived-version'; INSERT INTO SearchSections(SearchSections) VALUES('delete-all');";
            await downgrade.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearAllPools();

        // With the start-up import off, so only the start-up's own check can rebuild it.
        await using var app = new KbAppFactory
        {
            Settings = { ["ConnectionStrings:Kb"] = $"Data Source={earlier.DatabasePath}", ["Kb:ImportOnStartup"] = "false" },
        };
        using var client = await app.StartAsync();

        using var response = await client.GetAsync("/api/search?q=mandibular");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var hits = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("hits");
        Assert.Equal("clinical-context", hits.EnumerateArray().Single().GetProperty("anchor").GetString());
    }
}
