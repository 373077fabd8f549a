using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CptKb.Core.Storage;

/// <summary>
/// <see cref="KbDbContext"/> on PostgreSQL: the same model, with the migrations scaffolded for PostgreSQL in
/// <c>Storage/PostgreSqlMigrations</c> (EF Core's "one context type per provider"); everything else asks for a
/// <see cref="KbDbContext"/>.
/// </summary>
public sealed class PostgreSqlKbDbContext(DbContextOptions<PostgreSqlKbDbContext> options) : KbDbContext(options);

/// <summary>Lets <c>dotnet ef migrations add ... --context PostgreSqlKbDbContext</c> build the context without a server.</summary>
public sealed class PostgreSqlDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlKbDbContext>
{
    /// <summary>Creates a context on a connection string that adding a migration never opens.</summary>
    public PostgreSqlKbDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgreSqlKbDbContext>();
        options.UseKbPostgreSql("Host=127.0.0.1;Database=cptkb_design_time");
        return new PostgreSqlKbDbContext(options.Options);
    }
}

/// <summary>Hands out <see cref="PostgreSqlKbDbContext"/> to everything that asks for a <see cref="KbDbContext"/>.</summary>
internal sealed class PostgreSqlContexts(IDbContextFactory<PostgreSqlKbDbContext> contexts) : IDbContextFactory<KbDbContext>
{
    public KbDbContext CreateDbContext() => contexts.CreateDbContext();

    public async Task<KbDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await contexts.CreateDbContextAsync(cancellationToken);
}
