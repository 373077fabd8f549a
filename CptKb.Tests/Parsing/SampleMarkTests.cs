using CptKb.Core.Parsing;
using CptKb.Core.Samples;

namespace CptKb.Tests.Parsing;

/// <summary>A generated sample says what it is, in its own text, and the parser reads it as a property of the article.</summary>
public sealed class SampleMarkTests
{
    [Fact]
    public void A_generated_sample_is_read_as_one_and_says_so_in_its_summary()
    {
        var article = PublicationParser.Parse(new CorpusGenerator(markAsSample: true).Generate(3).Text).Article!;

        Assert.True(article.IsGeneratedSample);
        Assert.Contains(SampleMark.Line, article.Summary);
    }

    [Fact]
    public void The_benchmark_corpus_and_real_publications_are_not_samples()
    {
        Assert.False(PublicationParser.Parse(new CorpusGenerator().Generate(3).Text).Article!.IsGeneratedSample);
        Assert.False(PublicationParser.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "seeds", "000_1ec41e0964c043f3.txt"))).Article!.IsGeneratedSample);
    }

    [Theory]
    [InlineData("Summary\nCPT 20962: Graft\n" + SampleMark.Line + "\n", true)]
    [InlineData("Summary\r\nCPT 20962: Graft\r\n  " + SampleMark.Line + "  \r\n", true)]
    [InlineData("# CPT 20962: Graft\n\n" + SampleMark.Line, true)]
    [InlineData("Summary\nCPT 20962: Graft\nQuoted, " + SampleMark.Line + "\n", false)]
    [InlineData("Summary\nCPT 20962: Graft\n" + SampleMark.Line + " Not quite.\n", false)]
    public void The_mark_counts_only_on_a_line_of_its_own(string text, bool isSample) =>
        Assert.Equal(isSample, PublicationParser.Parse(text).Article!.IsGeneratedSample);
}
