using System.Data.Common;
using CptKb.Core.Search;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CptKb.Core.Storage;

/// <summary>
/// What the bulk writers (<see cref="TableInserter{T}"/> and the importer's statements) say differently to each database
/// engine: how a new row's generated key comes back and whether a statement is prepared ahead. Each engine's SQL lives in
/// its own class (<see cref="SqliteStore"/>, <see cref="PostgreSqlStore"/>); the search index has its own per engine.
/// </summary>
internal abstract class StoreEngine
{
    /// <summary>The engine a transaction talks to.</summary>
    public static StoreEngine Of(DbTransaction transaction) => Of(transaction.Connection);

    /// <summary>The engine a connection talks to.</summary>
    public static StoreEngine Of(DbConnection? connection) =>
        connection is NpgsqlConnection ? PostgreSqlStore.Instance : SqliteStore.Instance;

    /// <summary>
    /// The INSERT of one row. <paramref name="generatedKey"/> is the index of the key column the database makes when the
    /// row has none (its parameter is then null); null when the table's key is not generated.
    /// </summary>
    public abstract string InsertSql(string table, IReadOnlyList<string> columns, IReadOnlyList<string> parameters, int? generatedKey);

    /// <summary>
    /// A statement that reads back the key the last insert made, run after it; null when the insert itself returns the key
    /// (then run it as a scalar).
    /// </summary>
    public abstract string? LastKeySql { get; }

    /// <summary>Prepares a statement that runs many times, where the engine gains by it before its parameters have values.</summary>
    public abstract void Prepare(DbCommand command);

    /// <summary>Whether a connection runs a second statement while the reader of a first is still open between its rows.</summary>
    public abstract bool ReadsBesideAnOpenReader { get; }

    /// <summary>
    /// The upkeep to run once a write of <paramref name="articles"/> articles is committed (see <see cref="UpkeepAsync"/>);
    /// null when the engine needs none.
    /// </summary>
    public abstract string? UpkeepSql(int articles);

    /// <summary>Fewer articles written than this, and the planner's statistics are left to the engine's own upkeep.</summary>
    public const int StatisticsAfterArticles = 1000;

    /// <summary>
    /// Runs the engine's upkeep after <paramref name="articles"/> articles were written and committed (see
    /// <see cref="UpkeepSql"/>). Never throws: what was written is kept either way, and the engine's own upkeep catches up
    /// later. Returns the database's error when the upkeep failed (for the caller to log: searches may be slow until the
    /// engine catches up), else null.
    /// </summary>
    public static async Task<string?> UpkeepAsync(DbContext db, int articles, CancellationToken cancellationToken)
    {
        if (articles < 1 || Of(db.Database.GetDbConnection()).UpkeepSql(articles) is not { } sql) return null;
        try
        {
            await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
        }
        catch (DbException ex)
        {
            return ex.Message;
        }
        catch (OperationCanceledException)
        {
            // Stopped on purpose (the app is shutting down): the upkeep is left to the engine's own.
        }
        return null;
    }

    /// <summary>Adds a parameter whose type comes from the value it is given later.</summary>
    public static DbParameter AddParameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>A name between double quotes, inner quotes doubled: standard SQL, read alike by both engines.</summary>
    public static string Quote(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}

/// <summary>SQLite's side of <see cref="StoreEngine"/>.</summary>
internal sealed class SqliteStore : StoreEngine
{
    public static readonly SqliteStore Instance = new();

    // An INTEGER PRIMARY KEY sent as NULL gets the next rowid.
    public override string InsertSql(string table, IReadOnlyList<string> columns, IReadOnlyList<string> parameters, int? generatedKey) =>
        $"INSERT INTO {Quote(table)} ({string.Join(", ", columns.Select(Quote))}) VALUES ({string.Join(", ", parameters)});";

    // Read back apart rather than with RETURNING: a RETURNING statement opens a statement savepoint, and a savepoint
    // makes FTS5 write out the index rows it holds in memory, so every insert after an article's index rows would
    // flush them as a segment of their own (measured: 360 us an insert, 3.6 s of a 10,000-document import).
    public override string? LastKeySql => "SELECT last_insert_rowid();";

    public override void Prepare(DbCommand command) => command.Prepare();

    public override bool ReadsBesideAnOpenReader => true;

    // FTS5 keeps its own; the store's few queries on its own tables read by keys.
    public override string? UpkeepSql(int articles) => null;
}

/// <summary>PostgreSQL's side of <see cref="StoreEngine"/>.</summary>
internal sealed class PostgreSqlStore : StoreEngine
{
    public static readonly PostgreSqlStore Instance = new();

    // An identity column refuses NULL: a row without a key takes the column's next value, and RETURNING gives it back.
    public override string InsertSql(string table, IReadOnlyList<string> columns, IReadOnlyList<string> parameters, int? generatedKey)
    {
        var values = parameters.Select((p, i) => i == generatedKey
            ? $"COALESCE({p}::integer, nextval(pg_get_serial_sequence('{Quote(table).Replace("'", "''", StringComparison.Ordinal)}', '{columns[i].Replace("'", "''", StringComparison.Ordinal)}'))::integer)"
            : p);
        var returning = generatedKey is { } key ? $" RETURNING {Quote(columns[key])}" : "";
        return $"INSERT INTO {Quote(table)} ({string.Join(", ", columns.Select(Quote))}) VALUES ({string.Join(", ", values)}){returning};";
    }

    public override string? LastKeySql => null;

    // Npgsql prepares a statement from its parameters' types, which are known only once values are set; its automatic
    // preparation (Max Auto Prepare in the connection string) covers statements run many times.
    public override void Prepare(DbCommand command)
    {
    }

    // One statement at a time per connection: Npgsql refuses a command while a reader is open ("A command is already in
    // progress").
    public override bool ReadsBesideAnOpenReader => false;

    // GIN adds new rows' words to a pending list that every search reads whole until the list is merged into the index,
    // by autovacuum or once it passes 4 MB: after an import of 10,000 documents it held 700 pages, and each search took
    // 8-25 ms longer (a code: 12.4 ms, 4.3 ms merged). Merging a few pages after a small import takes milliseconds.
    // A new or rebuilt store has no statistics until autovacuum gets to it (a minute or more later, and for a 2.6 GB
    // search table a while after that): meanwhile the planner read a prefix's word lookup and a code range as full scans
    // (at 100,000 documents, "209*" took 146 ms, 5 ms once analysed). ANALYZE samples each table: 2 s at 100,000.
    public override string? UpkeepSql(int articles) =>
        PostgreSqlSearchIndex.MergePendingWordsSql + (articles >= StatisticsAfterArticles ? " ANALYZE;" : "");
}
