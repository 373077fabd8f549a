using CptKb.Core.Compare;

namespace CptKb.Tests.Compare;

/// <summary>The codes asked for, as typed or linked: each code once, at most six, and a problem naming anything else.</summary>
public sealed class CompareRequestTests
{
    [Theory]
    [InlineData("20955,20962", new[] { "20955", "20962" })]
    [InlineData(" 20955 ; 0042t  20962 ", new[] { "20955", "0042T", "20962" })]
    [InlineData("", new string[0])]
    [InlineData(null, new string[0])]
    public void Parse_reads_codes_between_commas_semicolons_or_blanks(string? text, string[] expected)
    {
        Assert.Equal(expected, CompareRequest.Parse(text).Codes);
    }

    [Fact]
    public void Parse_names_what_is_not_a_code_and_a_code_given_twice()
    {
        var request = CompareRequest.Parse("20955,bone,20955,20962");

        Assert.Equal(["20955", "20962"], request.Codes);
        Assert.Equal([new CompareProblem(CompareProblemKind.NotACode, "bone"), new CompareProblem(CompareProblemKind.Duplicate, "20955")], request.Problems);
    }

    [Fact]
    public void Parse_keeps_the_first_six_codes_and_names_the_seventh()
    {
        var request = CompareRequest.Parse("20955,20956,20957,20962,20969,20970,20972");

        Assert.Equal(6, request.Codes.Count);
        Assert.Equal(new CompareProblem(CompareProblemKind.TooMany, "20972"), Assert.Single(request.Problems));
    }

    [Fact]
    public void With_adds_a_code_once_and_not_past_six()
    {
        var two = CompareRequest.Parse("20955,20962");

        Assert.Equal(["20955", "20962", "20970"], two.With("20970").Codes);
        Assert.Equal(["20955", "20962"], two.With("20962").Codes);
        Assert.Equal(6, CompareRequest.Parse("20955,20956,20957,20962,20969,20970").With("20972").Codes.Count);
        Assert.Equal(["20962"], two.Without("20955").Codes);
    }
}
