using CptKb.Bench;

namespace CptKb.Tests.Bench;

public sealed class BenchOptionsTests
{
    [Fact]
    public void Several_sizes_are_read_for_the_engines_bench()
    {
        var options = BenchOptions.Parse(["--docs", "10000,100000", "--only", "engines"], out var error);

        Assert.NotNull(options);
        Assert.Equal("", error);
        Assert.Equal([10_000, 100_000], options.Sizes);
        Assert.Equal(10_000, options.Docs);
        Assert.False(options.NeedsCorpus);
    }

    [Fact]
    public void Several_sizes_for_a_bench_that_reads_one_corpus_are_refused_with_the_reason()
    {
        var options = BenchOptions.Parse(["--docs", "10000,100000", "--only", "engines,search"], out var error);

        Assert.Null(options);
        Assert.Contains("--docs takes several sizes only with --only engines", error, StringComparison.Ordinal);
    }

    [Fact]
    public void One_size_is_every_size()
    {
        var options = BenchOptions.Parse(["--docs", "2000"], out _);

        Assert.NotNull(options);
        Assert.Equal([2000], options.Sizes);
        Assert.DoesNotContain("engines", options.Only);
        Assert.DoesNotContain("proxy", options.Only);
    }
}
