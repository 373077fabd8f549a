using System.Net;
using System.Net.Sockets;
using CptKb.Core;
using CptKb.Core.Import;
using CptKb.Core.Storage;
using CptKb.Tests.TestSupport;
using CptKb.Web.Commands;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CptKb.Tests.Storage;

/// <summary>What is PostgreSQL's own at start-up: its settings, its migration lock, a server that cannot be reached.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlStoreTests
{
    [Fact]
    public async Task Import_on_PostgreSQL_stores_the_article_and_finds_it_by_a_word()
    {
        await using var db = await TestDatabase.CreateAsync(KbDatabaseProvider.PostgreSQL);
        db.WriteDocument("a.txt", TestDatabase.Publication("20962"));

        var report = await db.ImportAsync();

        Assert.Equal(1, report.Imported);
        Assert.Equal("Vascularized Bone Graft", (await db.Articles.GetAsync("20962"))?.Article.Title);
        Assert.Equal("20962", Assert.Single((await db.Search.SearchAsync("graft")).Articles).Code);
    }

    [Fact]
    public async Task Nodes_starting_together_on_a_new_database_both_start_and_migrate_it_once()
    {
        await using var first = await TestDatabase.CreateAsync(KbDatabaseProvider.PostgreSQL, initialize: false);
        await using var second = new ServiceCollection().AddCptKbCore(KbDatabaseProvider.PostgreSQL, first.ConnectionString).BuildServiceProvider();

        await Task.WhenAll(first.Database.InitializeAsync(), second.GetRequiredService<KbDatabase>().InitializeAsync());

        first.WriteDocument("a.txt", TestDatabase.Publication("20962"));
        Assert.Equal(1, (await first.ImportAsync()).Imported);
    }

    [Fact]
    public async Task Start_up_waits_for_the_migration_lock_and_then_names_the_session_that_holds_it()
    {
        await using var db = await TestDatabase.CreateAsync(KbDatabaseProvider.PostgreSQL);
        await using var holder = new NpgsqlConnection(db.ConnectionString + ";Application Name=other-node;Pooling=false");
        await holder.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({PostgreSqlMigrationLock.Key});", holder))
            await take.ExecuteScalarAsync();
        await using var waiting = new ServiceCollection().AddCptKbCore(KbDatabaseProvider.PostgreSQL, db.ConnectionString)
            .Configure<KbDatabaseOptions>(o => o.LockWaitSeconds = 0.5).BuildServiceProvider();

        var refused = await Assert.ThrowsAsync<KbDatabaseException>(() => waiting.GetRequiredService<KbDatabase>().InitializeAsync());

        Assert.Contains("another CptKb process", refused.Message);
        Assert.Contains("as 'other-node'", refused.Message);
        Assert.Contains("Kb:Database:LockWaitSeconds", refused.Message);
        holder.Close();
        await waiting.GetRequiredService<KbDatabase>().InitializeAsync();
    }

    [Fact]
    public async Task An_import_leaves_no_words_pending_in_the_search_index()
    {
        await using var db = await TestDatabase.CreateAsync(KbDatabaseProvider.PostgreSQL);
        db.WriteDocument("a.txt", TestDatabase.Publication("20962"));
        db.WriteDocument("b.txt", TestDatabase.Publication("27447", "Total knee arthroplasty"));

        Assert.Equal(2, (await db.ImportAsync()).Imported);
        Assert.Equal(0, await PendingPagesAsync(db));

        // An import that only restores a withdrawn article writes its rows again: they are merged too.
        var moved = Path.Combine(db.DocumentsFolder, "..", "b.txt");
        File.Move(Path.Combine(db.DocumentsFolder, "b.txt"), moved);
        Assert.Equal(1, (await db.ImportAsync()).Withdrawn);
        File.Move(moved, Path.Combine(db.DocumentsFolder, "b.txt"));
        Assert.Equal(1, (await db.ImportAsync()).Restored);
        Assert.Equal(0, await PendingPagesAsync(db));
    }

    // Merging the pending lists again finds no page left in them when the import merged them once committed, so no
    // search reads them whole. A small import stays far below the 4 MB at which GIN merges by itself.
    private static Task<long> PendingPagesAsync(TestDatabase db) => db.QueryAsync(c => c.Database
        .SqlQueryRaw<long>("SELECT (gin_clean_pending_list('\"IX_SearchSections_Document\"'::regclass) + " +
            "gin_clean_pending_list('\"IX_SearchSections_Fields\"'::regclass))::bigint AS \"Value\"")
        .SingleAsync());

    [Fact]
    public async Task Upkeep_that_cannot_run_after_a_write_is_logged_and_nothing_throws()
    {
        var cluster = await PostgreSqlCluster.GetAsync();
        var options = new DbContextOptionsBuilder<PostgreSqlKbDbContext>();
        options.UseKbPostgreSql(cluster.ConnectionString("kb_never_created_" + Guid.NewGuid().ToString("N")));
        await using var context = new PostgreSqlKbDbContext(options.Options);
        var logger = new WarningsLogged();

        // Nothing written, nothing run, so nothing can fail.
        await Importer.UpkeepAsync(context, 0, logger, CancellationToken.None);
        Assert.Empty(logger.Messages);

        await Importer.UpkeepAsync(context, StoreEngine.StatisticsAfterArticles, logger, CancellationToken.None);
        var warning = Assert.Single(logger.Messages);
        Assert.Contains($"upkeep after {StoreEngine.StatisticsAfterArticles} articles were written did not run", warning);
        Assert.Contains("does not exist", warning);
    }

    private sealed class WarningsLogged : ILogger
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning) Messages.Add(formatter(state, exception));
        }
    }

    [Fact]
    public async Task A_server_that_cannot_be_reached_stops_a_command_with_a_message_naming_the_connection_string()
    {
        var output = new StringWriter();
        var port = FreePort();

        var exit = await CommandLine.RunAsync(
            ["import", "--Kb:Database:Provider=PostgreSQL", $"--ConnectionStrings:Kb=Host=127.0.0.1;Port={port};Database=kb;Username=postgres;Timeout=3"], output);

        Assert.Equal(ExitCodes.RunFailed, exit);
        Assert.Contains($"The PostgreSQL database 'kb' on 127.0.0.1:{port} (ConnectionStrings:Kb) cannot be used", output.ToString());
    }

    [Theory]
    [InlineData("", "Kb:Database:Provider is PostgreSQL, but ConnectionStrings:Kb is not set")]
    [InlineData("Data Source=data/cptkb.db", "ConnectionStrings:Kb is not a PostgreSQL connection string")]
    public async Task PostgreSQL_without_its_connection_string_stops_a_command_naming_the_setting(string connectionString, string message)
    {
        var output = new StringWriter();

        var exit = await CommandLine.RunAsync(["import", "--Kb:Database:Provider=PostgreSQL", $"--ConnectionStrings:Kb={connectionString}"], output);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(message, output.ToString());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
