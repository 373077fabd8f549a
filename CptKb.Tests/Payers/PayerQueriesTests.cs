using CptKb.Core.Articles;
using CptKb.Core.Payers;
using CptKb.Core.Storage;
using CptKb.Tests.TestSupport;

namespace CptKb.Tests.Payers;

public abstract class PayerQueriesSuite(CorpusDatabase corpus)
{
    private PayerQueries Payers => corpus.Get<PayerQueries>();

    [Fact]
    public async Task The_list_counts_articles_sections_and_gaps_per_payer()
    {
        var payers = await Payers.ListAsync();

        Assert.Equal(
            [
                // A key payer without a section (all five of 20962's) is a data gap of that payer.
                new PayerSummary("Aetna", 3, 2, 0, 1),
                new PayerSummary("Blue Cross Blue Shield", 1, 0, 0, 1),
                new PayerSummary("Cigna Health", 2, 1, 1, 2),
                new PayerSummary("Humana", 1, 1, 1, 1),
                new PayerSummary("Medicare", 4, 3, 1, 2),
                new PayerSummary("UnitedHealthcare", 2, 1, 0, 1),
            ],
            payers);
    }

    [Fact]
    public async Task A_payer_is_found_in_any_letter_case_with_its_section_or_its_absence_for_every_code()
    {
        var cigna = await Payers.GetAsync("cigna HEALTH", new PageRequest());

        Assert.NotNull(cigna);
        Assert.Equal(new PayerSummary("Cigna Health", 2, 1, 1, 2), cigna.Summary);
        Assert.Equal(["20955", "20962"], cigna.Codes.Items.Select(c => c.Code));
        var withSection = cigna.Codes.Items[0];
        Assert.Equal(CoverageStance.DataMissing, withSection.Stance);
        Assert.NotNull(withSection.Section);
        Assert.True(withSection.Section.DataMissing);
        Assert.Equal("payer-coverage-benchmarks-cigna-health", withSection.Section.Anchor);
        var named = cigna.Codes.Items[1];
        Assert.Null(named.Section);
        Assert.Equal(CoverageStance.NoSection, named.Stance);
    }

    [Fact]
    public async Task A_payers_sections_carry_their_facts_and_stance()
    {
        var aetna = await Payers.GetAsync("Aetna", new PageRequest());

        Assert.NotNull(aetna);
        var graft = aetna.Codes.Items.Single(c => c.Code == "20955");
        Assert.Equal(CoverageStance.CoveredWithPriorAuthorization, graft.Stance);
        Assert.Equal(["Coverage", "Prior authorization"], graft.Section?.Facts.Select(f => f.Label));
        Assert.Equal("Required.", graft.Section?.Facts[1].Value);
        Assert.DoesNotContain("Prior authorization", graft.Text);
    }

    [Fact]
    public async Task A_payers_codes_come_a_page_at_a_time()
    {
        var medicare = await Payers.GetAsync("Medicare", new PageRequest(Page: 2, PageSize: 3));

        Assert.NotNull(medicare);
        Assert.Equal(4, medicare.Codes.Total);
        Assert.Equal(2, medicare.Codes.PageCount);
        Assert.Equal(["0042T"], medicare.Codes.Items.Select(c => c.Code));
    }

    [Fact]
    public async Task An_unknown_payer_is_null() =>
        Assert.Null(await Payers.GetAsync("Nobody Mutual", new PageRequest()));

    [Fact]
    public async Task The_matrix_has_a_row_per_code_and_a_column_per_payer_most_named_first()
    {
        var matrix = await Payers.GetMatrixAsync(new MatrixRequest { AllPayers = true });

        Assert.Equal(["Medicare", "Aetna", "Cigna Health", "UnitedHealthcare", "Blue Cross Blue Shield", "Humana"], matrix.Payers);
        Assert.Equal(["20955", "20962", "27447", "0042T"], matrix.Rows.Items.Select(r => r.Code));
        Assert.Equal(
            [CoverageStance.Covered, CoverageStance.CoveredWithPriorAuthorization, null, CoverageStance.NotCovered, null, null],
            Row(matrix, "27447").Cells.Select(c => c?.Stance));
        Assert.Equal(
            [CoverageStance.Covered, CoverageStance.CoveredWithPriorAuthorization, CoverageStance.DataMissing, null, null, null],
            Row(matrix, "20955").Cells.Select(c => c?.Stance));
        Assert.All(Row(matrix, "20962").Cells.Take(5), c => Assert.Equal(new PayerMatrixCell(CoverageStance.NoSection, null), c));
        Assert.Equal("payer-coverage-benchmarks-unitedhealthcare", Row(matrix, "27447").Cells[3]?.Anchor);
    }

    [Theory]
    [InlineData("surgery-musculoskeletal", null, new[] { "20955", "20962", "27447" })]
    [InlineData("category-iii", null, new[] { "0042T" })]
    [InlineData(null, "274", new[] { "27447" })]
    [InlineData(null, " 0042t ", new[] { "0042T" })]
    [InlineData("radiology", null, new string[0])]
    [InlineData("other", null, new string[0])]
    public async Task The_matrix_filters_by_range_or_prefix(string? range, string? prefix, string[] codes)
    {
        var matrix = await Payers.GetMatrixAsync(new MatrixRequest { Codes = new CodeFilter(range, prefix) });

        Assert.Equal(codes, matrix.Rows.Items.Select(r => r.Code));
        Assert.Equal(codes.Length, matrix.Rows.Total);
    }

    [Fact]
    public async Task The_matrix_shows_the_chosen_payers_in_any_letter_case_most_named_first_and_names_the_unknown_ones()
    {
        var matrix = await Payers.GetMatrixAsync(new MatrixRequest { Payers = ["unitedhealthcare", "Nobody Mutual", "MEDICARE"] });

        Assert.Equal(["Medicare", "UnitedHealthcare"], matrix.Payers);
        Assert.Equal(["Nobody Mutual"], matrix.UnknownPayers);
        Assert.Equal([CoverageStance.Covered, CoverageStance.NotCovered], Row(matrix, "27447").Cells.Select(c => c?.Stance));
        Assert.Equal(["20955", "20962", "27447", "0042T"], matrix.Rows.Items.Select(r => r.Code));
    }

    [Fact]
    public async Task The_matrix_offers_every_payer_most_named_first_and_shows_them_all_when_asked()
    {
        var matrix = await Payers.GetMatrixAsync(new MatrixRequest { AllPayers = true });

        Assert.Equal(["Medicare", "Aetna", "Cigna Health", "UnitedHealthcare", "Blue Cross Blue Shield", "Humana"], matrix.Choices.Select(c => c.Name));
        Assert.Equal(matrix.Choices.Select(c => c.Name), matrix.Payers);
        Assert.True(matrix.Choices[0].CodeCount >= matrix.Choices[^1].CodeCount);
    }

    [Theory]
    [InlineData("unitedhealthcare", null, new[] { "27447" })]
    [InlineData(null, "knee", new[] { "27447" })]
    [InlineData(null, "2096", new[] { "20962" })]
    [InlineData("Aetna", "209", new[] { "20955" })]
    public async Task The_matrix_keeps_the_codes_with_a_section_for_a_payer_and_those_matching_code_or_title_words(string? sectionFor, string? text, string[] codes)
    {
        var matrix = await Payers.GetMatrixAsync(new MatrixRequest { SectionFor = sectionFor, Codes = new CodeFilter(Text: text) });

        Assert.Equal(codes, matrix.Rows.Items.Select(r => r.Code));
        Assert.Equal(codes.Length, matrix.Rows.Total);
    }

    [Fact]
    public async Task A_section_filter_naming_no_payer_keeps_no_code_and_is_named()
    {
        var matrix = await Payers.GetMatrixAsync(new MatrixRequest { SectionFor = "Nobody Mutual" });

        Assert.Empty(matrix.Rows.Items);
        Assert.Equal(["Nobody Mutual"], matrix.UnknownPayers);
    }

    private static PayerMatrixRow Row(PayerMatrix matrix, string code) => matrix.Rows.Items.Single(r => r.Code == code);
}

public sealed class PayerQueriesTests(CorpusDatabase corpus) : PayerQueriesSuite(corpus), IClassFixture<CorpusDatabase>;

/// <summary>The same tests on PostgreSQL.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PayerQueriesOnPostgreSqlTests(PostgreSqlCorpusDatabase corpus) : PayerQueriesSuite(corpus), IClassFixture<PostgreSqlCorpusDatabase>;
