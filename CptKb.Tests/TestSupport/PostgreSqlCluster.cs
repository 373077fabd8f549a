using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace CptKb.Tests.TestSupport;

/// <summary>
/// A throwaway PostgreSQL 15 cluster for the test run: made with initdb in a temp folder the first time a test asks for it
/// (as the <c>postgres</c> system user when the tests run as root), listening on 127.0.0.1 only, on a free port, with
/// fsync off; one fresh database per test (<see cref="CreateDatabaseAsync"/>). Stopped when the test host exits. A host
/// that crashed leaves its folder with its own process id in it: the next run stops that cluster and removes the folder.
/// A machine without PostgreSQL fails these tests with a message saying how to install it, never skips them.
/// </summary>
internal sealed class PostgreSqlCluster
{
    public const string BinFolder = "/usr/lib/postgresql/15/bin";

    private static readonly string ClustersFolder = Path.Combine(Path.GetTempPath(), "cptkb-postgresql");
    private static readonly Lazy<Task<PostgreSqlCluster>> Shared = new(StartAsync);

    private readonly string folder;
    private readonly int port;

    private PostgreSqlCluster(string folder, int port)
    {
        this.folder = folder;
        this.port = port;
    }

    /// <summary>The run's cluster, started on first use.</summary>
    public static Task<PostgreSqlCluster> GetAsync() => Shared.Value;

    /// <summary>The connection string of a database of that name on the cluster.</summary>
    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={port};Username=postgres;Database={database};Include Error Detail=true";

    /// <summary>A new database's name and connection string; the database itself is made by whoever opens it first (the app's start-up does).</summary>
    public string NewDatabase() => ConnectionString("kb_" + Guid.NewGuid().ToString("N"));

    /// <summary>Drops a test's database, closing whatever connections it still has.</summary>
    public async Task DropAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE);", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<PostgreSqlCluster> StartAsync()
    {
        if (!File.Exists(Path.Combine(BinFolder, "initdb")))
            throw new InvalidOperationException(
                $"PostgreSQL 15 is not installed ({BinFolder}/initdb is missing); the PostgreSQL variants of the storage, import and " +
                "search tests need it. Install it with `apt-get install -y postgresql-15` (scripts/test.sh and .ci/run do).");
        RemoveStaleClusters();
        var folder = Path.Combine(ClustersFolder, $"{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "owner.pid"), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var asRoot = Environment.UserName == "root";
        if (asRoot) await RunAsync("chown", ["postgres", folder]);
        var data = Path.Combine(folder, "data");
        await RunAsPostgresAsync(asRoot, Path.Combine(BinFolder, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
        var port = FreePort();
        var cluster = new PostgreSqlCluster(folder, port);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
        await RunAsPostgresAsync(asRoot, Path.Combine(BinFolder, "pg_ctl"),
        [
            "-D", data, "-l", Path.Combine(folder, "log"), "-w", "start", "-o",
            $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
        ]);
        return cluster;
    }

    private int stopped;

    /// <summary>Stops the cluster at once and removes its folder; once.</summary>
    private void Stop()
    {
        if (Interlocked.Exchange(ref stopped, 1) == 0) StopCluster(folder);
    }

    /// <summary>Stops the run's cluster if it was started: at the end of the PostgreSQL collection, whose tests are its only users.</summary>
    public static async Task StopSharedAsync()
    {
        if (Shared.IsValueCreated && Shared.Value.IsCompletedSuccessfully) await Task.Run((await Shared.Value).Stop);
    }

    private static void StopCluster(string folder)
    {
        var data = Path.Combine(folder, "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            var asRoot = Environment.UserName == "root";
            try
            {
                RunAsPostgresAsync(asRoot, Path.Combine(BinFolder, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]).GetAwaiter().GetResult();
            }
            catch (InvalidOperationException)
            {
                // Already stopped.
            }
        }
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The next run removes it.
        }
    }

    /// <summary>Clusters left by test hosts that are no longer running.</summary>
    private static void RemoveStaleClusters()
    {
        if (!Directory.Exists(ClustersFolder)) return;
        foreach (var folder in Directory.GetDirectories(ClustersFolder))
        {
            var owner = Path.Combine(folder, "owner.pid");
            if (File.Exists(owner) && int.TryParse(File.ReadAllText(owner), out var pid) && IsRunning(pid)) continue;
            StopCluster(folder);
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task RunAsPostgresAsync(bool asRoot, string program, IReadOnlyList<string> arguments) =>
        asRoot
            ? RunAsync("su", ["postgres", "-s", "/bin/sh", "-c", string.Join(' ', new[] { program }.Concat(arguments).Select(Shell))])
            : RunAsync(program, arguments);

    private static string Shell(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error} {await output}");
    }
}

/// <summary>
/// The PostgreSQL variants of the test classes: one collection, so they run beside the rest, one at a time among
/// themselves; the cluster stops when the collection is done.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlCollection : ICollectionFixture<PostgreSqlCollection.ClusterLifetime>
{
    public const string Name = "PostgreSQL";

    public sealed class ClusterLifetime : IAsyncLifetime
    {
        public Task InitializeAsync() => Task.CompletedTask;

        public Task DisposeAsync() => PostgreSqlCluster.StopSharedAsync();
    }
}
