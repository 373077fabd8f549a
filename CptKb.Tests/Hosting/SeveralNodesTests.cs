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
