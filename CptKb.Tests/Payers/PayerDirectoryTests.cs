using CptKb.Tests.TestSupport;
using CptKb.Core.Payers;
using CptKb.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using static CptKb.Tests.Storage.TestDatabase;

namespace CptKb.Tests.Payers;

/// <summary>The payers known to the store are kept between reads; every import that changes them is seen at once.</summary>
public class PayerDirectoryTests
{
    /// <summary>The engine these tests run on; the PostgreSQL variant below overrides it.</summary>
    protected virtual KbDatabaseProvider Provider => KbDatabaseProvider.Sqlite;

    [Fact]
    public async Task A_payer_renamed_in_a_changed_file_shows_at_the_next_read_though_the_number_of_articles_is_the_same()
    {
        await using var db = await CreateAsync(Provider);
        db.WriteDocument("20955.txt", Publication("20955", payers: "Aetna and Medicare"));
        db.WriteDocument("27447.txt", Publication("27447", "Total Knee Arthroplasty", payers: "Aetna"));
        await db.ImportAsync();
        var payers = db.Services.GetRequiredService<PayerQueries>();
        Assert.Equal(["Aetna", "Medicare"], (await payers.ListAsync()).Select(p => p.Name));
        Assert.Equal(["Aetna", "Medicare"], (await payers.GetMatrixAsync(new MatrixRequest())).Payers);

        db.WriteDocument("20955.txt", Publication("20955", payers: "Aetna and Humana"));
        await db.ImportAsync();

        Assert.Equal(["Aetna", "Humana"], (await payers.ListAsync()).Select(p => p.Name));
        Assert.Equal(["Aetna", "Humana"], (await payers.GetMatrixAsync(new MatrixRequest())).Payers);
        Assert.Null(await payers.GetAsync("Medicare", new PageRequest()));
    }

    [Fact]
    public async Task A_withdrawn_article_takes_its_payers_with_it_and_brings_them_back_when_restored()
    {
        await using var db = await CreateAsync(Provider);
        db.WriteDocument("20955.txt", Publication("20955", payers: "Aetna and Medicare"));
        db.WriteDocument("27447.txt", Publication("27447", "Total Knee Arthroplasty", payers: "Humana"));
        await db.ImportAsync();
        var payers = db.Services.GetRequiredService<PayerQueries>();
        Assert.Equal(["Aetna", "Humana", "Medicare"], (await payers.ListAsync()).Select(p => p.Name));

        var knee = File.ReadAllText(Path.Combine(db.DocumentsFolder, "27447.txt"));
        File.Delete(Path.Combine(db.DocumentsFolder, "27447.txt"));
        await db.ImportAsync();
        Assert.Equal(["Aetna", "Medicare"], (await payers.ListAsync()).Select(p => p.Name));

        db.WriteDocument("27447.txt", knee);
        await db.ImportAsync();
        Assert.Equal(["Aetna", "Humana", "Medicare"], (await payers.ListAsync()).Select(p => p.Name));
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PayerDirectoryOnPostgreSqlTests : PayerDirectoryTests
{
    protected override KbDatabaseProvider Provider => KbDatabaseProvider.PostgreSQL;
}
