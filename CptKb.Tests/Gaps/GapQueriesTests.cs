using CptKb.Core.Gaps;
using CptKb.Core.Storage;
using CptKb.Tests.TestSupport;

namespace CptKb.Tests.Gaps;

public sealed class GapQueriesTests(CorpusDatabase corpus) : IClassFixture<CorpusDatabase>
{
    private GapQueries Gaps => corpus.Get<GapQueries>();

    [Fact]
    public async Task Every_gap_is_listed_by_code_and_place_with_its_section_fact_and_payer()
    {
        var list = await Gaps.ListAsync(new GapFilter(), new PageRequest());

        Assert.Equal(5, list.AllGaps);
        Assert.Equal(5, list.Rows.Total);
        Assert.Equal(["20955", "20955", "20955", "20962", "0042T"], list.Rows.Items.Select(r => r.Code));
        Assert.Equal(
            new GapRow("20955", "Fibula Free Flap Bone Graft with Microvascular Anastomosis", "Payer Coverage & Benchmarks",
                "Payer Coverage & Benchmarks > Medicare", "payer-coverage-benchmarks-medicare", "Benchmark", "Medicare"),
            list.Rows.Items[2]);
        Assert.Equal(["Billing Code Overview", "Payer Coverage & Benchmarks"], list.Sections);
        Assert.Contains("Cigna Health", list.Payers);
    }

    [Theory]
    [InlineData("medicare", null, null, new[] { "20955" })]
    [InlineData(null, "Billing Code Overview", null, new[] { "20955", "20962" })]
    [InlineData(null, "Payer Coverage & Benchmarks", null, new[] { "20955", "20955", "0042T" })]
    [InlineData(null, null, "category-iii", new[] { "0042T" })]
    [InlineData("Cigna Health", null, "surgery-musculoskeletal", new[] { "20955" })]
    [InlineData("Humana", null, "surgery-musculoskeletal", new string[0])]
    [InlineData("Nobody Mutual", null, null, new string[0])]
    public async Task Gaps_filter_by_payer_section_and_code_range(string? payer, string? section, string? range, string[] codes)
    {
        var list = await Gaps.ListAsync(new GapFilter(payer, section, new CodeFilter(range)), new PageRequest());

        Assert.Equal(codes, list.Rows.Items.Select(r => r.Code));
        Assert.Equal(codes.Length, list.Rows.Total);
        Assert.Equal(5, list.AllGaps);
    }

    [Fact]
    public async Task Gaps_come_a_page_at_a_time()
    {
        var list = await Gaps.ListAsync(new GapFilter(), new PageRequest(Page: 3, PageSize: 2));

        Assert.Equal(3, list.Rows.PageCount);
        Assert.Equal(["0042T"], list.Rows.Items.Select(r => r.Code));
    }

    [Fact]
    public async Task Completeness_counts_sections_per_payer_and_gaps_per_section()
    {
        var completeness = await Gaps.GetCompletenessAsync();

        Assert.Equal(
            [
                new PayerCompleteness("Aetna", 2, 0),
                new PayerCompleteness("Cigna Health", 0, 1),
                new PayerCompleteness("Humana", 0, 1),
                new PayerCompleteness("Medicare", 2, 1),
                new PayerCompleteness("UnitedHealthcare", 1, 0),
            ],
            completeness.Payers);
        Assert.Equal([new SectionGaps("Payer Coverage & Benchmarks", 3), new SectionGaps("Billing Code Overview", 2)], completeness.Sections);
    }
}
