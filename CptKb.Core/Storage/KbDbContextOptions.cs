using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CptKb.Core.Storage;

/// <summary>The one place that says how <see cref="KbDbContext"/> talks to SQLite and to PostgreSQL.</summary>
internal static class KbDbContextOptions
{
    public static DbContextOptionsBuilder UseKbSqlite(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(KbDbContext).Assembly.GetName().Name))
            .IgnoringPartsOfWithdrawnArticles()
            .AddInterceptors(ConnectionPragmas.Instance);

    public static DbContextOptionsBuilder UseKbPostgreSql(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(typeof(KbDbContext).Assembly.GetName().Name))
            .IgnoringPartsOfWithdrawnArticles();

    // Withdrawn articles are filtered out, and their parts (payers, modifiers, sections, gaps) are deleted when they
    // are withdrawn, so no part is left whose article the filter hides: the warning about that case does not apply.
    private static DbContextOptionsBuilder IgnoringPartsOfWithdrawnArticles(this DbContextOptionsBuilder options) =>
        options.ConfigureWarnings(w => w.Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning));

    /// <summary>
    /// Sets what SQLite keeps per connection. journal_mode=WAL is stored in the file by <see cref="KbDatabase"/>;
    /// synchronous and busy_timeout are not stored, so every connection sets them when it opens.
    /// </summary>
    private sealed class ConnectionPragmas : DbConnectionInterceptor
    {
        public static readonly ConnectionPragmas Instance = new();

        private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(
            DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
