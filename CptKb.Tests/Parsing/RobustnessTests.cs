using System.Text;
using CptKb.Core.Parsing;

namespace CptKb.Tests.Parsing;

/// <summary>The parser never throws: every input gives an article or a plain error.</summary>
public class RobustnessTests
{
    [Fact]
    public void The_seed_cut_at_every_byte_gives_an_article_or_a_plain_error()
    {
        var bytes = File.ReadAllBytes(SeedGoldenTests.SeedPath);
        for (var length = 0; length <= bytes.Length; length++)
        {
            var result = PublicationParser.Parse(bytes.AsSpan(0, length));
            Assert.True(result.Succeeded ^ (result.Error is not null), $"cut at {length}");
            if (result.Article is { } article)
                Assert.Equal("20962", article.Code);
        }
    }

    [Fact]
    public void Random_mixtures_of_markdown_punctuation_never_throw()
    {
        var random = new Random(20962);
        const string alphabet = "CPT 20962:|-#*_>`~[]()!\n\r\t abcdefXYZ.&<script>\"'\\";
        for (var i = 0; i < 2000; i++)
        {
            var sb = new StringBuilder();
            var length = random.Next(0, 400);
            for (var j = 0; j < length; j++)
                sb.Append(alphabet[random.Next(alphabet.Length)]);
            var result = PublicationParser.Parse(sb.ToString());
            Assert.True(result.Succeeded ^ (result.Error is not null));
        }
    }

    [Fact]
    public void Deeply_nested_lists_and_quotes_are_read_without_exhausting_the_stack()
    {
        var sb = new StringBuilder("CPT 20962: Graft\n\n");
        for (var i = 0; i < 2000; i++)
            sb.Append(new string(' ', i * 2)).Append("- item ").Append(i).Append('\n');
        sb.Append(new string('>', 5000)).Append(" quoted\n");
        var result = PublicationParser.Parse(sb.ToString());
        Assert.Equal("20962", result.Article?.Code);
    }
}
