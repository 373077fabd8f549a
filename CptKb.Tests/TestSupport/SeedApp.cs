using CptKb.Core.Storage;

namespace CptKb.Tests.TestSupport;

/// <summary>
/// The app on the real seed, started once for a test class whose tests only read it (xunit class fixture); SQLite by
/// default, <see cref="PostgreSqlSeedApp"/> for the PostgreSQL variants.
/// </summary>
public class SeedApp : KbAppFactory, IAsyncLifetime
{
    public SeedApp() : this(KbDatabaseProvider.Sqlite)
    {
    }

    protected SeedApp(KbDatabaseProvider provider) : base(provider)
    {
    }

    public HttpClient Client { get; private set; } = null!; // set in InitializeAsync, before any test runs

    public async Task InitializeAsync() => Client = await StartAsync();

    // The factory's own DisposeAsync (IAsyncDisposable) stops the app and removes its database.
    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

/// <summary>The app on the real seed, on PostgreSQL.</summary>
public sealed class PostgreSqlSeedApp() : SeedApp(KbDatabaseProvider.PostgreSQL);
