using CptKb.Core.Articles;
using CptKb.Core.Gaps;
using CptKb.Core.Storage;
using CptKb.Tests.TestSupport;

namespace CptKb.Tests.Gaps;

public abstract class GapQueriesSuite(CorpusDatabase corpus)
{
    private GapQueries Gaps => corpus.Get<GapQueries>();

    [Fact]
    public async Task Every_gap_is_listed_by_code_and_place_with_its_section_fact_and_payer()
    {
        var list = await Gaps.ListAsync(new GapFilter(), new PageRequest());

        // 20955: three notes; 20962: a note, its empty "When to Use" cell and five key payers without a section;
        // 0042T: an empty cell and a note.
        Assert.Equal(12, list.AllGaps);
        Assert.Equal(12, list.Rows.Total);
        Assert.Equal(["20955", "20955", "20955", "20962", "20962", "20962", "20962", "20962", "20962", "20962", "0042T", "0042T"],
            list.Rows.Items.Select(r => r.Code));
        Assert.Equal(
            new GapRow("20955", "Fibula Free Flap Bone Graft with Microvascular Anastomosis", "Payer Coverage & Benchmarks",
                "Payer Coverage & Benchmarks > Medicare", "payer-coverage-benchmarks-medicare", "Benchmark", "Medicare"),
            list.Rows.Items[2]);
        Assert.Equal(
            [DataGapKind.NotAvailableNote, DataGapKind.EmptyTableCell, DataGapKind.NoPayerSection, DataGapKind.NoPayerSection,
                DataGapKind.NoPayerSection, DataGapKind.NoPayerSection, DataGapKind.NoPayerSection],
            list.Rows.Items.Where(r => r.Code == "20962").Select(r => r.Kind));
        Assert.Equal("When to Use", list.Rows.Items[4].FactLabel);
        Assert.Equal(["Aetna", "Blue Cross Blue Shield", "Cigna Health", "UnitedHealthcare", "Medicare"],
            list.Rows.Items.Where(r => r.Kind == DataGapKind.NoPayerSection).Select(r => r.Payer));
        Assert.Equal(["Billing Code Overview", "Clinical & Coding Specifications", "Payer Coverage & Benchmarks"], list.Sections);
        Assert.Contains("Cigna Health", list.Payers);
    }

    [Theory]
    [InlineData("medicare", null, null, new[] { "20955", "20962" })]
    [InlineData(null, "Billing Code Overview", null, new[] { "20955", "20962" })]
    [InlineData(null, "Clinical & Coding Specifications", null, new[] { "20962", "0042T" })]
    [InlineData(null, "Payer Coverage & Benchmarks", null, new[] { "20955", "20955", "20962", "20962", "20962", "20962", "20962", "0042T" })]
    [InlineData(null, null, "category-iii", new[] { "0042T", "0042T" })]
    [InlineData("Cigna Health", null, "surgery-musculoskeletal", new[] { "20955", "20962" })]
    [InlineData("Humana", null, "surgery-musculoskeletal", new string[0])]
    [InlineData("Nobody Mutual", null, null, new string[0])]
    public async Task Gaps_filter_by_payer_section_and_code_range(string? payer, string? section, string? range, string[] codes)
    {
        var list = await Gaps.ListAsync(new GapFilter(payer, section, new CodeFilter(range)), new PageRequest());

        Assert.Equal(codes, list.Rows.Items.Select(r => r.Code));
        Assert.Equal(codes.Length, list.Rows.Total);
        Assert.Equal(12, list.AllGaps);
    }

    [Fact]
    public async Task Gaps_come_a_page_at_a_time()
    {
        var list = await Gaps.ListAsync(new GapFilter(), new PageRequest(Page: 6, PageSize: 2));

        Assert.Equal(6, list.Rows.PageCount);
        Assert.Equal(["0042T", "0042T"], list.Rows.Items.Select(r => r.Code));
    }

    [Fact]
    public async Task Completeness_counts_the_same_gaps_per_payer_and_per_section()
    {
        var completeness = await Gaps.GetCompletenessAsync();

        Assert.Equal(
            [
                new PayerGaps("Aetna", 3, 1),
                new PayerGaps("Blue Cross Blue Shield", 1, 1),
                new PayerGaps("Cigna Health", 2, 2),
                new PayerGaps("Humana", 1, 1),
                new PayerGaps("Medicare", 4, 2),
                new PayerGaps("UnitedHealthcare", 2, 1),
            ],
            completeness.Payers);
        Assert.Equal(
            [
                new SectionGaps("Payer Coverage & Benchmarks", 8),
                new SectionGaps("Billing Code Overview", 2),
                new SectionGaps("Clinical & Coding Specifications", 2),
            ],
            completeness.Sections);
        Assert.Equal(12, completeness.Sections.Sum(s => s.Gaps));
    }
}

public sealed class GapQueriesTests(CorpusDatabase corpus) : GapQueriesSuite(corpus), IClassFixture<CorpusDatabase>;

/// <summary>The same tests on PostgreSQL.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class GapQueriesOnPostgreSqlTests(PostgreSqlCorpusDatabase corpus) : GapQueriesSuite(corpus), IClassFixture<PostgreSqlCorpusDatabase>;
