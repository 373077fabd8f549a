using System.Net;
using CptKb.Core.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace CptKb.Tests.TestSupport;

/// <summary>
/// The real app in memory (WebApplicationFactory) on a fresh SQLite file, or a fresh database on the run's PostgreSQL
/// cluster (<see cref="PostgreSqlCluster"/>, dropped on dispose), importing a fixture folder at start-up.
/// <see cref="StartAsync"/> waits until <c>/health</c> says the start-up import is done.
/// </summary>
public class KbAppFactory : WebApplicationFactory<Program>
{
    private PostgreSqlCluster? cluster;
    private string? postgreSqlConnectionString;

    public KbAppFactory(KbDatabaseProvider provider = KbDatabaseProvider.Sqlite)
    {
        Provider = provider;
        Root = Path.Combine(Path.GetTempPath(), "cptkb-tests", "app-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(SeedsFolder);
        WriteSeeds(SeedsFolder);
    }

    /// <summary>The engine the app runs on.</summary>
    public KbDatabaseProvider Provider { get; }

    public string Root { get; }

    public string SeedsFolder => Path.Combine(Root, "seeds");

    /// <summary>The SQLite file (on SQLite only).</summary>
    public string DatabasePath => Path.Combine(Root, "data", "kb.db");

    /// <summary>The app's <c>ConnectionStrings:Kb</c>: the SQLite file, or the test's own PostgreSQL database.</summary>
    public string ConnectionString => Provider == KbDatabaseProvider.PostgreSQL
        ? postgreSqlConnectionString ??= (cluster ??= PostgreSqlCluster.GetAsync().GetAwaiter().GetResult()).NewDatabase()
        : $"Data Source={DatabasePath}";

    /// <summary>Writes the publications the app imports at start-up; by default the real seed.</summary>
    protected virtual void WriteSeeds(string folder) =>
        File.Copy(Path.Combine(AppContext.BaseDirectory, "seeds", "000_1ec41e0964c043f3.txt"), Path.Combine(folder, "000_1ec41e0964c043f3.txt"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Kb:Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Kb", ConnectionString);
        builder.UseSetting("Kb:SeedsPath", SeedsFolder);
        builder.UseSetting("Kb:ImportOnStartup", "true");
        // The tests' seeds change only when a test says so: no import of its own in the middle of a test.
        builder.UseSetting("Kb:WatchSeeds", "false");
        builder.UseSetting(TestSearchLimits.Key, TestSearchLimits.Value);
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
    }

    /// <summary>Extra configuration for the app under test.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    /// <summary>Starts the app and waits for the start-up import to finish.</summary>
    public async Task<HttpClient> StartAsync()
    {
        if (Provider == KbDatabaseProvider.PostgreSQL) cluster ??= await PostgreSqlCluster.GetAsync();
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var response = await client.GetAsync("/health");
            if (response.StatusCode == HttpStatusCode.OK)
                return client;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"/health still says {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(50);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (cluster is not null && postgreSqlConnectionString is not null) await cluster.DropAsync(postgreSqlConnectionString);
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing request; the temp folder is cleaned by the OS.
        }
        GC.SuppressFinalize(this);
    }
}
