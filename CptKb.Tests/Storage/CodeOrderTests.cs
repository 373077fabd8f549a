using CptKb.Tests.TestSupport;
using CptKb.Core.Codes;
using CptKb.Core.Gaps;
using CptKb.Core.Modifiers;
using CptKb.Core.Payers;
using CptKb.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CptKb.Tests.Storage;

/// <summary>Every list of codes follows one order: numeric codes by number, then F, T and U codes, each letter by number.</summary>
public class CodeOrderTests : IAsyncLifetime
{
    /// <summary>The engine these tests run on; the PostgreSQL variant below overrides it.</summary>
    protected virtual KbDatabaseProvider Provider => KbDatabaseProvider.Sqlite;

    // Ordinal order would put 0001T and 0042T first and 1000F between them and 10021.
    private static readonly string[] Stored = ["0042T", "99213", "1000F", "10021", "0001T"];
    private static readonly string[] InCodeOrder = ["10021", "99213", "1000F", "0001T", "0042T"];

    private TestDatabase _database = null!; // set in InitializeAsync

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(Provider);
        foreach (var code in Stored)
            _database.WriteDocument($"{code}.md", Publication(code));
        var report = await _database.ImportAsync();
        Assert.Equal(Stored.Length, report.Imported);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private T Get<T>() where T : notnull => _database.Services.GetRequiredService<T>();

    [Fact]
    public async Task The_codes_list_and_its_reverse()
    {
        Assert.Equal(InCodeOrder, (await Get<CodeQueries>().ListAsync(new CodeListRequest())).Rows.Items.Select(r => r.Code));
        Assert.Equal(InCodeOrder.Reverse(), (await Get<CodeQueries>().ListAsync(new CodeListRequest { Descending = true })).Rows.Items.Select(r => r.Code));
    }

    [Theory]
    [InlineData("procedure")]
    [InlineData("PROCEDURE 99213")]
    [InlineData("ProCedure 9921")]
    public async Task The_code_lists_words_find_titles_in_any_letter_case(string text)
    {
        var found = (await Get<CodeQueries>().ListAsync(new CodeListRequest { Text = text })).Rows.Items.Select(r => r.Code);

        Assert.Equal(text.Contains("992", StringComparison.Ordinal) ? ["99213"] : InCodeOrder, found);
    }

    [Fact]
    public async Task A_payers_codes_and_the_payer_matrix()
    {
        var payer = await Get<PayerQueries>().GetAsync("Medicare", new PageRequest());
        Assert.Equal(InCodeOrder, payer!.Codes.Items.Select(c => c.Code));
        var matrix = await Get<PayerQueries>().GetMatrixAsync(new MatrixRequest());
        Assert.Equal(InCodeOrder, matrix.Rows.Items.Select(r => r.Code));
    }

    [Fact]
    public async Task A_modifiers_codes_and_the_data_gaps()
    {
        var modifier = await Get<ModifierQueries>().GetAsync("22", new PageRequest());
        Assert.Equal(InCodeOrder, modifier!.Usages.Items.Select(u => u.Code));
        var gaps = await Get<GapQueries>().ListAsync(new GapFilter(), new PageRequest());
        Assert.Equal(InCodeOrder, gaps.Rows.Items.Select(r => r.Code));
    }

    [Fact]
    public async Task Moving_to_the_next_code_follows_the_same_order()
    {
        var codes = Get<CodeQueries>();
        var walked = new List<string> { InCodeOrder[0] };
        while ((await codes.NeighboursAsync(walked[^1])).Next is { } next)
            walked.Add(next.Code);
        Assert.Equal(InCodeOrder, walked);
    }

    private static string Publication(string code) => $"""
        # CPT {code}: Procedure {code}

        ## Summary & Overview

        Key payers covered in this analysis include Medicare.

        ## Clinical & Coding Specifications

        ### Coding Specifications

        | Modifier | Description | When to Use |
        |---|---|---|
        | 22 | Increased procedural services | More work than usual |

        ## Payer Coverage & Benchmarks

        ### Medicare

        Data not available in the input.
        """;
}

/// <summary>The same lists on PostgreSQL: code order comes from the stored sort key, not from the engine's collation.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class CodeOrderOnPostgreSqlTests : CodeOrderTests
{
    protected override KbDatabaseProvider Provider => KbDatabaseProvider.PostgreSQL;
}
