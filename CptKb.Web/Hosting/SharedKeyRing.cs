using CptKb.Core.Storage;
using Microsoft.AspNetCore.DataProtection;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;

namespace CptKb.Web.Hosting;

/// <summary>
/// ASP.NET Core Data Protection's keys (antiforgery tokens, a page's persisted state) kept in the knowledge base's own
/// database, table <c>DataProtectionKeys</c> (made by CptKb.Core's migrations), under one application name: every node
/// sharing the database protects and unprotects with the same keys, and a restart keeps them.
/// </summary>
internal static class SharedKeyRing
{
    /// <summary>The application name every node protects under; a node named otherwise could not read another's data.</summary>
    public const string ApplicationName = "CptKb";

    public static IServiceCollection AddSharedKeyRing(this IServiceCollection services, IConfiguration configuration, string contentRoot, KbOptions settings)
    {
        settings.Database.TryGetProvider(out var provider);
        var connectionString = KbConfiguration.DatabaseConnectionString(configuration, contentRoot, settings);
        services.AddDbContext<KeyRingContext>(options =>
        {
            if (provider == KbDatabaseProvider.PostgreSQL)
                options.UseNpgsql(connectionString);
            else
                options.UseSqlite(connectionString);
        });
        services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToDbContext<KeyRingContext>();
        // After PersistKeysToDbContext's own configuration: wraps the repository it set.
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider => new ConfigureOptions<KeyManagementOptions>(options =>
            options.XmlRepository = new UnlessUnusable(options.XmlRepository!, provider.GetRequiredService<KbStatus>())));
        return services;
    }

    /// <summary>
    /// The database's key store while the database can be used. When start-up found it unusable (every page then answers
    /// with the reason, logged once), keys live in memory instead of failing, and logging, at every request.
    /// </summary>
    private sealed class UnlessUnusable(IXmlRepository database, KbStatus status) : IXmlRepository
    {
        private readonly List<XElement> inMemory = [];
        private readonly Lock gate = new();

        private bool Unusable => status.Current.State == KbState.Unusable;

        public IReadOnlyCollection<XElement> GetAllElements()
        {
            if (!Unusable)
                return database.GetAllElements();
            lock (gate)
                return [.. inMemory];
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            if (!Unusable)
            {
                database.StoreElement(element, friendlyName);
                return;
            }
            lock (gate)
                inMemory.Add(element);
        }
    }

    /// <summary>
    /// The key store's view of the database: only the keys' table, which CptKb.Core's migrations create (this context has
    /// no migrations of its own).
    /// </summary>
    internal sealed class KeyRingContext(DbContextOptions<KeyRingContext> options) : DbContext(options), IDataProtectionKeyContext
    {
        public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

        protected override void OnModelCreating(ModelBuilder modelBuilder) =>
            modelBuilder.Entity<DataProtectionKey>().ToTable("DataProtectionKeys");
    }
}
