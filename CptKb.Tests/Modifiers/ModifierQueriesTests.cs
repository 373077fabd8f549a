using CptKb.Core.Modifiers;
using CptKb.Core.Storage;
using CptKb.Tests.TestSupport;

namespace CptKb.Tests.Modifiers;

public abstract class ModifierQueriesSuite(CorpusDatabase corpus)
{
    private ModifierQueries Modifiers => corpus.Get<ModifierQueries>();

    [Fact]
    public async Task Every_modifier_is_listed_once_with_its_descriptions_and_usage()
    {
        var modifiers = await Modifiers.ListAsync();

        Assert.Equal(["22", "26", "59", "62", "LT", "RT", "TC"], modifiers.Select(m => m.Code));
        var increased = modifiers[0];
        Assert.Equal(["Increased procedural services"], increased.Descriptions);
        Assert.Equal(3, increased.ArticleCount);
        Assert.Equal(["Technical component"], modifiers.Single(m => m.Code == "TC").Descriptions);
    }

    [Fact]
    public async Task The_reverse_lookup_lists_every_code_whose_table_lists_the_modifier()
    {
        var detail = await Modifiers.GetAsync("22", new PageRequest());

        Assert.NotNull(detail);
        Assert.Equal(["20955", "20962", "27447"], detail.Usages.Items.Select(u => u.Code));
        Assert.Equal("Substantially greater work than usual, documented in the operative note", detail.Usages.Items[0].WhenToUse);
        Assert.Null(detail.Usages.Items[1].WhenToUse);
        Assert.All(detail.Usages.Items, u => Assert.Equal("coding-specifications", u.Anchor));
        Assert.Equal("Vascularized Bone Graft for Major Bone Defect", detail.Usages.Items[1].Title);
    }

    [Fact]
    public async Task A_modifier_is_found_in_any_letter_case_and_a_missing_cell_stays_null()
    {
        var detail = await Modifiers.GetAsync("tc", new PageRequest());

        Assert.NotNull(detail);
        Assert.Equal("TC", detail.Summary.Code);
        var usage = Assert.Single(detail.Usages.Items);
        Assert.Equal(("0042T", "Technical component", (string?)null), (usage.Code, usage.Description, usage.WhenToUse));
    }

    [Fact]
    public async Task An_unknown_modifier_is_null() =>
        Assert.Null(await Modifiers.GetAsync("99", new PageRequest()));

    [Fact]
    public async Task Usages_come_a_page_at_a_time()
    {
        var detail = await Modifiers.GetAsync("22", new PageRequest(Page: 2, PageSize: 2));

        Assert.NotNull(detail);
        Assert.Equal(3, detail.Usages.Total);
        Assert.Equal(["27447"], detail.Usages.Items.Select(u => u.Code));
    }
}

public sealed class ModifierQueriesTests(CorpusDatabase corpus) : ModifierQueriesSuite(corpus), IClassFixture<CorpusDatabase>;

/// <summary>The same tests on PostgreSQL.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class ModifierQueriesOnPostgreSqlTests(PostgreSqlCorpusDatabase corpus) : ModifierQueriesSuite(corpus), IClassFixture<PostgreSqlCorpusDatabase>;
