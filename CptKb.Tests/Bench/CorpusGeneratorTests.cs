using CptKb.Core.Samples;
using CptKb.Core.Articles;
using CptKb.Core.Parsing;

namespace CptKb.Tests.Bench;

/// <summary>The benchmark corpus must read like the real publications: every document parses with only the warnings it was built to cause.</summary>
public sealed class CorpusGeneratorTests
{
    private static readonly CorpusGenerator Generator = new();
    private static readonly GeneratedPublication[] Documents = [.. Enumerable.Range(0, 200).Select(Generator.Generate)];

    public static TheoryData<int> Indexes() => [.. Enumerable.Range(0, Documents.Length)];

    [Theory]
    [MemberData(nameof(Indexes))]
    public void Each_document_parses_into_what_it_was_generated_with(int index)
    {
        var expected = Documents[index];

        var result = PublicationParser.Parse(expected.Text);

        Assert.True(result.Succeeded, result.Error);
        var article = result.Article!;
        Assert.Equal(expected.Code, article.Code);
        Assert.Equal(expected.Title, article.Title);
        Assert.Equal(expected.Payers, article.Payers);
        Assert.Equal(expected.Payers, article.PayerSections.Select(p => p.Payer));
        Assert.Equal(expected.Facts.Select(f => (f.Label, f.Value, f.SectionPath, f.Payer)), article.Facts.Select(f => (f.Label, f.Value, f.SectionPath, f.Payer)));
        Assert.Equal(expected.Modifiers, article.Modifiers);
        Assert.Equal(expected.DataGapCount, article.DataGaps.Count(g => g.Kind == DataGapKind.NotAvailableNote));
        // Each short row lacks its "When to Use" cell: a data gap of its own.
        Assert.Equal(expected.ShortModifierRows.Count(), article.DataGaps.Count(g => g.Kind == DataGapKind.EmptyTableCell));
        Assert.Equal(expected.DataGapCount + expected.ShortModifierRows.Count(), article.DataGaps.Count);
        Assert.Equal(
            expected.ShortModifierRows.Select(n => $"modifier table row {n} has 2 of 3 cells; missing: When to Use"),
            result.Warnings.Select(w => w.Message));
        Assert.Equal(
            [SectionKind.Summary, SectionKind.BillingCodeOverview, SectionKind.ClinicalCodingSpecifications, SectionKind.ClinicalContext,
             SectionKind.CodingSpecifications, SectionKind.PayerCoverage, .. expected.Payers.Select(_ => SectionKind.Payer),
             SectionKind.PolicyConsiderations, SectionKind.SitesOfService, SectionKind.DataGaps],
            article.Sections.Select(s => s.Kind));
    }

    [Fact]
    public void The_corpus_has_the_shape_the_issue_asks_for()
    {
        Assert.InRange(Documents.Average(d => System.Text.Encoding.UTF8.GetByteCount(d.Text)), 3000, 4000);
        Assert.All(Documents, d => Assert.InRange(d.Payers.Count, 2, 6));
        Assert.All(Documents, d => Assert.InRange(d.Modifiers.Count, 2, 8));
        Assert.All(Documents, d => Assert.InRange(d.DataGapCount, 0, 4));
        Assert.Contains(Documents, d => d.DataGapCount == 0);
        Assert.Contains(Documents, d => d.DataGapCount == 4);
        Assert.All(Documents, d => Assert.Equal(d.DataGapCount == 0, d.Text.Contains("No data gaps were identified", StringComparison.Ordinal)));
        Assert.Contains(Documents, d => d.ShortModifierRows.Any());
        Assert.Contains(Documents, d => d.Code.EndsWith('T'));
        Assert.Contains(Documents, d => d.Code.StartsWith('0') && char.IsAsciiDigit(d.Code[^1]));
        Assert.Contains(Documents, d => d.Code.StartsWith('7'));
        Assert.Equal(Documents.Length, Documents.Select(d => d.Code).Distinct().Count());
    }

    [Fact]
    public void Word_use_is_skewed_like_real_text()
    {
        var counts = Documents.SelectMany(d => d.Text.Split([' ', '\n', '.', ',', '|'], StringSplitOptions.RemoveEmptyEntries))
            .Select(w => w.ToLowerInvariant())
            .GroupBy(w => w)
            .Select(g => g.Count())
            .OrderDescending()
            .ToList();
        Assert.True(counts.Count > 600, $"only {counts.Count} distinct words");
        // Zipf: the 10th most common word is far more frequent than the 100th, which beats the 500th.
        Assert.True(counts[9] > 5 * counts[99], $"{counts[9]} vs {counts[99]}");
        Assert.True(counts[99] > counts[499], $"{counts[99]} vs {counts[499]}");
    }

    [Fact]
    public void The_same_seed_and_index_give_the_same_document_at_any_corpus_size()
    {
        var again = new CorpusGenerator();
        Assert.Equal(Documents[17].Text, again.Generate(17).Text);
        Assert.Equal(Documents[17].Facts, again.Generate(17).Facts);
        Assert.NotEqual(Documents[17].Text, new CorpusGenerator(seed: 7).Generate(17).Text);
    }

    [Fact]
    public void Every_code_the_generator_can_hand_out_is_unique()
    {
        var codes = CodeSections.Order(CorpusGenerator.DefaultSeed);
        Assert.Equal(CorpusGenerator.MaxDocuments, codes.Length);
        Assert.True(codes.Length >= 100_000);
        Assert.Equal(codes.Length, codes.Select(c => c.Code).Distinct().Count());
    }

    [Fact]
    public void The_benchmark_corpus_of_version_2_is_byte_identical_to_what_it_always_was()
    {
        // Stored corpora are reused while CorpusGenerator.Version stays: the same seed and size must give the same bytes.
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var index in Enumerable.Range(0, 300))
        {
            var document = Generator.Generate(index);
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(document.FileName + "\0" + document.Text + "\0"));
        }
        Assert.Equal(2, CorpusGenerator.Version);
        Assert.Equal("2833caf94e93ce86b55f740183ace35864709a09", Convert.ToHexStringLower(sha.GetHashAndReset())[..40]);
    }
}
