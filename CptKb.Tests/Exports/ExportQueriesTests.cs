using CptKb.Tests.TestSupport;
using CptKb.Core.Codes;
using CptKb.Core.Exports;
using CptKb.Core.Payers;
using CptKb.Core.Samples;
using CptKb.Core.Storage;
using CptKb.Tests.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CptKb.Tests.Exports;

/// <summary>The export of the code list over more codes than one batch holds: the same rows as every page of the list.</summary>
public class ExportQueriesTests
{
    /// <summary>The engine these tests run on; the PostgreSQL variant below overrides it.</summary>
    protected virtual KbDatabaseProvider Provider => KbDatabaseProvider.Sqlite;

    /// <summary>
    /// Codes per batch of the code list's export: the real size on SQLite; fewer on PostgreSQL, where importing twice
    /// as many codes takes much longer, and still more than one page of the matrix (200 rows).
    /// </summary>
    protected virtual int BatchSize => ExportQueries.BatchSize;

    [Fact]
    public async Task Every_code_is_exported_once_with_its_own_payers_and_modifiers_across_batches_in_the_list_and_the_matrix()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        new CorpusGenerator().WriteFolder(database.DocumentsFolder, BatchSize * 2 + 37);
        await database.ImportAsync();
        var request = new CodeListRequest { Sort = CodeSort.Title, Descending = true };

        var exported = new List<CodeExportRow>();
        var exports = new ExportQueries(database.Contexts, database.Services.GetRequiredService<PayerQueries>()) { CodeBatchSize = BatchSize };
        await foreach (var row in exports.CodesAsync(request))
            exported.Add(row);

        var listed = new List<CodeRow>();
        var codes = database.Services.GetRequiredService<CodeQueries>();
        for (var page = 1; listed.Count < exported.Count + 1; page++)
        {
            var rows = (await codes.ListAsync(request with { Page = new PageRequest(page, PageRequest.MaxPageSize) })).Rows.Items;
            if (rows.Count == 0)
                break;
            listed.AddRange(rows);
        }
        Assert.Equal(BatchSize * 2 + 37, exported.Count);
        var matrix = await exports.MatrixAsync(new MatrixRequest { AllPayers = true });
        var matrixCodes = new List<string>();
        await foreach (var row in matrix.Rows)
        {
            Assert.Equal(matrix.Payers.Count, row.Cells.Count);
            matrixCodes.Add(row.Code);
        }
        Assert.Equal(listed.Select(r => r.Code).Order(StringComparer.Ordinal), matrixCodes.Order(StringComparer.Ordinal));
        Assert.Equal(matrixCodes.Count, matrixCodes.Distinct().Count());
        Assert.Equal(listed.Select(r => (r.Code, r.Title, string.Join(";", r.Payers), string.Join(";", r.ModifierCodes), r.DataGapCount)),
            exported.Select(r => (r.Code, r.Title, string.Join(";", r.Payers), string.Join(";", r.Modifiers), r.DataGapCount)));
    }

    [Fact]
    public async Task An_import_committing_while_the_code_list_is_exported_leaves_the_export_as_the_store_was_when_it_began()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        new CorpusGenerator().WriteFolder(database.DocumentsFolder, 7);
        await database.ImportAsync();
        // Two codes a batch: the later batches' payers and modifiers are read after the writer below has committed.
        var exports = new ExportQueries(database.Contexts, database.Services.GetRequiredService<PayerQueries>()) { CodeBatchSize = 2 };
        var before = new List<CodeExportRow>();
        await foreach (var row in exports.CodesAsync(new CodeListRequest()))
            before.Add(row);
        Assert.All(before, r => Assert.NotEmpty(r.Payers));

        var last = before[^1].Code;
        var during = new List<CodeExportRow>();
        await foreach (var row in exports.CodesAsync(new CodeListRequest()))
        {
            if (during.Count == 0)
            {
                await using var writer = await database.Contexts.CreateDbContextAsync();
                await writer.Payers.ExecuteDeleteAsync();
                await writer.Modifiers.ExecuteDeleteAsync();
                await writer.Articles.Where(a => a.Code == last).ExecuteUpdateAsync(a => a.SetProperty(x => x.Title, "Changed meanwhile"));
            }
            during.Add(row);
        }

        Assert.Equal(before.Select(Flat), during.Select(Flat));
    }

    private static string Flat(CodeExportRow r) =>
        $"{r.Code}|{r.Title}|{string.Join(";", r.Payers)}|{string.Join(";", r.Modifiers)}|{r.DataGapCount}";
}

/// <summary>The same tests on PostgreSQL.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class ExportQueriesOnPostgreSqlTests : ExportQueriesTests
{
    protected override KbDatabaseProvider Provider => KbDatabaseProvider.PostgreSQL;

    protected override int BatchSize => 100;
}
