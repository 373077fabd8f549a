using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CptKb.Core.Storage;

/// <summary>Lets <c>dotnet ef</c> build a <see cref="KbDbContext"/> without the web project.</summary>
public sealed class KbDesignTimeDbContextFactory : IDesignTimeDbContextFactory<KbDbContext>
{
    /// <summary>Creates a context on a scratch file name; adding a migration does not open it.</summary>
    public KbDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<KbDbContext>();
        options.UseKbSqlite("Data Source=cptkb-design-time.db");
        return new KbDbContext(options.Options);
    }
}
