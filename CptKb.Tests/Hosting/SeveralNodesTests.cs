using System.Net.Http.Json;
using System.Text.Json;
using CptKb.Core.Import;
using CptKb.Core.Storage;
using CptKb.Tests.TestSupport;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CptKb.Tests.Hosting;

/// <summary>Two web nodes (the real app, in memory) on one PostgreSQL database, as behind a proxy.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class SeveralNodesTests
{
    [Fact]
    public async Task What_one_node_protects_the_other_reads_with_the_keys_kept_in_the_database()
    {
        await using var nodes = await TwoNodes.StartAsync();
        const string purpose = "CptKb.PersistedPageState";

        var protectedOnA = nodes.A.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose).Protect("the reader's page state");
        var readOnB = nodes.B.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose).Unprotect(protectedOnA);

        Assert.Equal("the reader's page state", readOnB);
        Assert.True(await nodes.CountKeysAsync() >= 1);
    }

    [Fact]
    public async Task An_antiforgery_token_given_by_one_node_is_accepted_by_the_other()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var issued = new DefaultHttpContext { RequestServices = nodes.A.Services };
        var tokens = nodes.A.Services.GetRequiredService<IAntiforgery>().GetAndStoreTokens(issued);
        var cookie = issued.Response.Headers.SetCookie.ToString().Split(';')[0];

        var posted = new DefaultHttpContext { RequestServices = nodes.B.Services };
        posted.Request.Method = "POST";
        posted.Request.Headers.Cookie = cookie;
        posted.Request.Headers[tokens.HeaderName!] = tokens.RequestToken;

        Assert.True(await nodes.B.Services.GetRequiredService<IAntiforgery>().IsRequestValidAsync(posted));
    }

    [Fact]
    public async Task An_import_on_one_node_shows_on_the_other_at_its_next_request_and_so_does_a_withdrawal()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var b = nodes.ClientB;
        // Node B has read (and keeps in memory) what its pages and searches need before node A imports.
        Assert.Null(await ExactCodeAsync(b, "0999T"));
        Assert.Equal(0, await TotalAsync(b, "zircon"));
        Assert.DoesNotContain("0999T", await b.GetStringAsync("/codes"));
        var folder = Path.Combine(nodes.A.Root, "more");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "new.txt"), Storage.TestDatabase.Publication("0999T", "Zircon Implant Placement", "Zenith Health and Medicare"));
        File.WriteAllText(Path.Combine(folder, "other.txt"), Storage.TestDatabase.Publication("0998T", "Another Placement"));

        var imported = await nodes.A.Services.GetRequiredService<Importer>().ImportFolderAsync(folder);

        Assert.Equal(2, imported.Imported);
        Assert.Equal("0999T", await ExactCodeAsync(b, "0999T"));
        Assert.Equal(1, await TotalAsync(b, "zircon"));
        Assert.Contains("0999T", await b.GetStringAsync("/codes"));
        Assert.Contains("Zircon Implant Placement", await b.GetStringAsync("/codes/0999T"));
        Assert.Contains("0999T", await b.GetStringAsync("/payers/Zenith%20Health"));

        File.Delete(Path.Combine(folder, "new.txt"));
        var withdrawn = await nodes.A.Services.GetRequiredService<Importer>().ImportFolderAsync(folder);

        Assert.Equal(1, withdrawn.Withdrawn);
        Assert.Null(await ExactCodeAsync(b, "0999T"));
        Assert.Equal(0, await TotalAsync(b, "zircon"));
        Assert.DoesNotContain("0999T", await b.GetStringAsync("/codes"));
    }

    private static async Task<string?> ExactCodeAsync(HttpClient client, string code) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/search?q=" + code)).GetProperty("exactCode").GetString();

    private static async Task<int> TotalAsync(HttpClient client, string query) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/search?q=" + query)).GetProperty("total").GetInt32();

    /// <summary>Node A imports its seeds at start; node B starts on the same database without an import of its own.</summary>
    internal sealed class TwoNodes : IAsyncDisposable
    {
        private readonly PostgreSqlCluster cluster;
        private readonly string connectionString;

        private TwoNodes(PostgreSqlCluster cluster, string connectionString, KbAppFactory a, KbAppFactory b)
        {
            this.cluster = cluster;
            this.connectionString = connectionString;
            A = a;
            B = b;
        }

        public KbAppFactory A { get; }

        public KbAppFactory B { get; }

        public HttpClient ClientA { get; private set; } = null!;

        public HttpClient ClientB { get; private set; } = null!;

        public static async Task<TwoNodes> StartAsync()
        {
            var cluster = await PostgreSqlCluster.GetAsync();
            var connectionString = cluster.NewDatabase();
            var nodes = new TwoNodes(cluster, connectionString, Node(connectionString, "node-a", importOnStartup: true), Node(connectionString, "node-b", importOnStartup: false));
            nodes.ClientA = await nodes.A.StartAsync();
            nodes.ClientB = await nodes.B.StartAsync();
            return nodes;
        }

        private static KbAppFactory Node(string connectionString, string name, bool importOnStartup) => new()
        {
            Settings =
            {
                ["Kb:Database:Provider"] = nameof(KbDatabaseProvider.PostgreSQL),
                ["ConnectionStrings:Kb"] = connectionString,
                ["Kb:NodeName"] = name,
                ["Kb:ImportOnStartup"] = importOnStartup ? "true" : "false",
            },
        };

        public async Task<long> CountKeysAsync()
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM \"DataProtectionKeys\";", connection);
            return (long)(await command.ExecuteScalarAsync())!;
        }

        public async ValueTask DisposeAsync()
        {
            ClientA?.Dispose();
            ClientB?.Dispose();
            await A.DisposeAsync();
            await B.DisposeAsync();
            await cluster.DropAsync(connectionString);
        }
    }
}
