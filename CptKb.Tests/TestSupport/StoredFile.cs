using System.Security.Cryptography;
using System.Text;
using CptKb.Web.Commands;
using CptKb.Web.Hosting;
using Microsoft.Data.Sqlite;

namespace CptKb.Tests.TestSupport;

/// <summary>Reads a database file the way a new process would: its own unpooled connection, nothing cached.</summary>
public static class StoredFile
{
    /// <summary>Fills a database file from a folder with the import command, run in this process, and lets go of the file.</summary>
    public static async Task ImportAsync(string folder, string databasePath)
    {
        var output = new StringWriter();
        var exit = await ImportCommand.RunAsync(["import", "--source", folder, $"--ConnectionStrings:Kb=Data Source={databasePath}"], output);
        Assert.True(exit == ExitCodes.Ok, output.ToString());
        SqliteConnection.ClearAllPools();
    }

    public static SqliteConnection Open(string databasePath)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public static List<T> Query<T>(string databasePath, string sql, Func<SqliteDataReader, T> read)
    {
        using var connection = Open(databasePath);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
            rows.Add(read(reader));
        return rows;
    }

    /// <summary>
    /// Every table's row count and a hash of its rows (the search index's own tables included), except the tables
    /// named in <paramref name="except"/>: equal snapshots mean equal stored content.
    /// </summary>
    public static SortedDictionary<string, string> Snapshot(string databasePath, params string[] except)
    {
        using var connection = Open(databasePath);
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            // Virtual tables (the FTS5 index) are read through the shadow tables that hold their data.
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'";
            using var reader = list.ExecuteReader();
            while (reader.Read())
                tables.Add(reader.GetString(0));
        }

        var snapshot = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in tables.Where(t => !except.Contains(t)))
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = select.ExecuteReader();
            var rows = new List<string>();
            while (reader.Read())
            {
                var row = new StringBuilder();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.GetValue(i);
                    row.Append(value is byte[] bytes ? Convert.ToHexString(bytes) : value.ToString()).Append('\u001f');
                }
                rows.Add(row.ToString());
            }
            rows.Sort(StringComparer.Ordinal);
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001e', rows))))[..16];
            snapshot[table] = $"{rows.Count} rows, {hash}";
        }
        return snapshot;
    }
}
