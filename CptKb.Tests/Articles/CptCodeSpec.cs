using CptKb.Core.Articles;

namespace CptKb.Tests.Articles;

/// <summary>Spec: what a CPT code is, how it reads as a number and where it sorts.</summary>
public sealed class CptCodeSpec
{
    [Theory]
    [InlineData("20962", "20962", 20962, CptCodeKind.Numeric)]
    [InlineData(" 0042t ", "0042T", 42, CptCodeKind.CategoryIII)]
    [InlineData("1000F", "1000F", 1000, CptCodeKind.CategoryII)]
    [InlineData("0001U", "0001U", 1, CptCodeKind.Pla)]
    [InlineData("0001A", "0001A", 1, CptCodeKind.OtherLetter)]
    public void A_code_reads_as_its_value_number_and_kind(string text, string value, int number, CptCodeKind kind)
    {
        Assert.True(CptCode.TryParse(text, out var code));
        Assert.Equal((value, number, kind), (code.Value, code.Number, code.Kind));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2096")]
    [InlineData("209622")]
    [InlineData("A0962")]
    [InlineData("2096-")]
    [InlineData("٢٠٩٦٢")] // digits, but not ASCII ones
    [InlineData("2096é")]
    public void Anything_else_is_not_a_code(string? text) => Assert.False(CptCode.TryParse(text, out _));

    [Fact]
    public void Codes_sort_numeric_first_then_each_letter_in_CPTs_order_each_by_number()
    {
        string[] codes = ["0042T", "99213", "0001U", "1000F", "00100", "0001T", "0001A", "0002F"];
        Assert.Equal(["00100", "99213", "0002F", "1000F", "0001T", "0042T", "0001U", "0001A"], codes.Order(CptCode.Order));
    }

    [Fact]
    public void Every_range_is_one_span_of_sort_keys_holding_only_its_codes()
    {
        Assert.Equal(CptRange.All.Single(r => r.Key == "category-iii"), CptRange.Of("0042T"));
        Assert.Equal(CptRange.All.Single(r => r.Key == "surgery-musculoskeletal"), CptRange.Of("20962"));
        Assert.Equal(CptRange.Other, CptRange.Of("0001A"));
        Assert.Equal(CptRange.Other, CptRange.Of("not a code"));
        Assert.False(CptRange.All.Single(r => r.Key == "category-ii").Contains("0042T"));
    }

    [Theory]
    [InlineData("2", true)]
    [InlineData("2096", true)]
    [InlineData("20962", true)]
    [InlineData("209622", false)]
    [InlineData("", false)]
    [InlineData("20a", false)]
    public void A_digit_prefix_is_one_to_five_digits(string text, bool expected) => Assert.Equal(expected, CptCode.IsDigitPrefix(text));
}
