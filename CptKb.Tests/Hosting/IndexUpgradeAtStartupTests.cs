using System.Net;
using System.Text.Json;
using CptKb.Core.Storage;
using CptKb.Tests.Search;
using CptKb.Tests.Storage;
using CptKb.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CptKb.Tests.Hosting;

/// <summary>The first start on a database whose derived rows an older version wrote rebuilds them, and the search index, once.</summary>
public class IndexUpgradeAtStartupTests
{
    /// <summary>The engine these tests run on; the PostgreSQL variant below overrides it.</summary>
    protected virtual KbDatabaseProvider Provider => KbDatabaseProvider.Sqlite;

    [Fact]
    public async Task The_app_started_on_rows_of_an_older_version_rebuilds_them_and_search_finds_again()
    {
        await using var earlier = await SearchCorpus.ImportedAsync(Provider);
        await using (var context = await earlier.Contexts.CreateDbContextAsync())
        {
            // As an older version left it: its own version mark, and an index this version cannot read (here: none).
            await context.StoreInfo.Where(i => i.Key == StoreInfo.DerivedVersionKey).ExecuteUpdateAsync(u => u.SetProperty(i => i.Value, "1"));
            await context.Database.ExecuteSqlRawAsync(Provider == KbDatabaseProvider.Sqlite
                ? "INSERT INTO SearchSections(SearchSections) VALUES('delete-all');"
                : "DELETE FROM \"SearchSections\";");
        }
        SqliteConnection.ClearAllPools();

        // With the start-up import off, so only the start-up's own check can rebuild it.
        await using var app = new KbAppFactory(Provider)
        {
            Settings = { ["ConnectionStrings:Kb"] = earlier.ConnectionString, ["Kb:ImportOnStartup"] = "false" },
        };
        using var client = await app.StartAsync();

        using var response = await client.GetAsync("/api/search?q=mandibular");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var hits = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("hits");
        Assert.Equal("clinical-context", hits.EnumerateArray().Single().GetProperty("anchor").GetString());
    }
}

/// <summary>The same upgrade on PostgreSQL.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class IndexUpgradeAtStartupOnPostgreSqlTests : IndexUpgradeAtStartupTests
{
    protected override KbDatabaseProvider Provider => KbDatabaseProvider.PostgreSQL;
}
