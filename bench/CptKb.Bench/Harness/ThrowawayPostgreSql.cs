using System.Diagnostics;
using Npgsql;

namespace CptKb.Bench.Harness;

/// <summary>
/// A PostgreSQL 15 cluster of the bench's own: initdb into a temp folder (as the <c>postgres</c> system user when the
/// bench runs as root), listening on 127.0.0.1 only on a free port. Stopped and removed on dispose, and on the
/// process's exit should a step throw past its own clean-up.
/// </summary>
internal sealed class ThrowawayPostgreSql : IAsyncDisposable
{
    public const string BinFolder = "/usr/lib/postgresql/15/bin";

    /// <summary>
    /// The server settings the bench starts it with, printed with every figure measured on it. Durability is off
    /// (fsync, full-page writes): a bench cluster is thrown away, and an fsync per commit would measure the disk.
    /// Memory settings are PostgreSQL's defaults (shared_buffers 128 MB), untuned.
    /// </summary>
    public static readonly string[] Settings =
    [
        "fsync=off", "full_page_writes=off", "synchronous_commit=off", "max_connections=300",
        // Counts every statement a node sends, so the proxy step can say how many an article page costs the database.
        "shared_preload_libraries=pg_stat_statements",
    ];

    private static readonly string ClustersFolder = Path.Combine(Path.GetTempPath(), "cptkb-bench-postgresql");

    private readonly string folder;
    private readonly bool asRoot;
    private int stopped;

    private ThrowawayPostgreSql(string folder, int port, bool asRoot)
    {
        this.folder = folder;
        this.asRoot = asRoot;
        Port = port;
    }

    public int Port { get; }

    public string SettingsText => string.Join(", ", Settings.Where(s => !s.StartsWith("shared_preload", StringComparison.Ordinal)));

    public string ConnectionString(string database, string? applicationName = null) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database}" + (applicationName is null ? "" : $";Application Name={applicationName}");

    public static async Task<ThrowawayPostgreSql> StartAsync()
    {
        if (!File.Exists(Path.Combine(BinFolder, "initdb")))
            throw new InvalidOperationException($"PostgreSQL 15 is not installed ({BinFolder}/initdb is missing): apt-get install -y postgresql-15");
        var asRoot = Environment.UserName == "root";
        RemoveAbandoned(asRoot);
        var folder = Path.Combine(ClustersFolder, $"{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var port = Pages.WebAppProcess.FreePort();
        var server = new ThrowawayPostgreSql(folder, port, asRoot);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        Console.CancelKeyPress += (_, _) => server.Stop();
        try
        {
            if (asRoot) await Run("chown", ["postgres", folder]);
            var data = Path.Combine(folder, "data");
            await server.RunAsPostgres(Path.Combine(BinFolder, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
            await server.RunAsPostgres(Path.Combine(BinFolder, "pg_ctl"),
            [
                "-D", data, "-l", Path.Combine(folder, "log"), "-w", "start", "-o",
                $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 " + string.Join(' ', Settings.Select(s => "-c " + s)),
            ]);
            return server;
        }
        catch
        {
            server.Stop();
            throw;
        }
    }

    public async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE);", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>The database's size on disk (tables, indexes, TOAST), as <c>pg_database_size</c> reports it.</summary>
    public async Task<long> DatabaseBytesAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var size = new NpgsqlCommand("SELECT pg_database_size(@name);", connection);
        size.Parameters.AddWithValue("name", name);
        return (long)(await size.ExecuteScalarAsync() ?? 0L);
    }

    /// <summary>CPU seconds (user + system) used so far by every process of the cluster: the postmaster and its backends.</summary>
    public double CpuSeconds()
    {
        var pidFile = Path.Combine(folder, "data", "postmaster.pid");
        return File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).First(), out var postmaster) ? ProcessCpu.WithChildren(postmaster) : 0;
    }

    public ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        Stop();
        return ValueTask.CompletedTask;
    }

    private void Stop()
    {
        if (Interlocked.Exchange(ref stopped, 1) != 0)
            return;
        var data = Path.Combine(folder, "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            try
            {
                RunAsPostgres(Path.Combine(BinFolder, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]).GetAwaiter().GetResult();
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
            Console.Error.WriteLine($"could not remove {folder}: {ex.Message}");
        }
    }

    /// <summary>Clusters of bench processes that were killed before they could stop them (each folder is named after its process).</summary>
    private static void RemoveAbandoned(bool asRoot)
    {
        if (!Directory.Exists(ClustersFolder))
            return;
        foreach (var folder in Directory.GetDirectories(ClustersFolder))
        {
            var name = Path.GetFileName(folder);
            if (int.TryParse(name[..Math.Max(0, name.IndexOf('-'))], out var pid) && File.Exists($"/proc/{pid}/stat"))
                continue;
            new ThrowawayPostgreSql(folder, 0, asRoot).Stop();
        }
    }

    private Task RunAsPostgres(string program, IReadOnlyList<string> arguments) =>
        asRoot
            ? Run("su", ["postgres", "-s", "/bin/sh", "-c", string.Join(' ', new[] { program }.Concat(arguments).Select(Shell))])
            : Run(program, arguments);

    private static string Shell(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static async Task Run(string program, IReadOnlyList<string> arguments)
    {
        var (code, output, error) = await ChildProcess.RunAsync(program, arguments);
        if (code != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({code}): {error} {output}");
    }
}
