using CptKb.Core.Parsing;
using static CptKb.Tests.Parsing.ParserSpec;

namespace CptKb.Tests.Parsing;

/// <summary>Where the code, the title and the key payers come from.</summary>
public class CodeAndPayerTests
{
    [Theory]
    [InlineData("CPT 20962: Vascularized Bone Graft", "20962", "Vascularized Bone Graft")]
    [InlineData("CPT 0001T: Endovascular Repair", "0001T", "Endovascular Repair")]
    [InlineData("cpt 99213 - Office Visit", "99213", "Office Visit")]
    [InlineData("**CPT 27447:** Total Knee Arthroplasty", "27447", "Total Knee Arthroplasty")]
    public void The_title_line_gives_code_and_title(string line, string code, string title)
    {
        var article = Article(Lines("Summary & Overview", line, "Text."));
        Assert.Equal(code, article.Code);
        Assert.Equal(title, article.Title);
    }

    [Fact]
    public void Without_a_title_line_the_code_comes_from_the_words_cpt_code_with_a_warning()
    {
        var article = Article(Lines("Summary & Overview", "CPT code 20962 identifies a graft procedure.", ""));
        Assert.Equal("20962", article.Code);
        Assert.Equal("CPT 20962", article.Title);
        Assert.Contains(article.Warnings, w => w.Message.StartsWith("no title line"));
    }

    [Fact]
    public void A_document_without_a_code_is_an_error_not_an_article()
    {
        var result = PublicationParser.Parse(Lines("Summary & Overview", "A procedure with no code.", ""));
        Assert.Null(result.Article);
        Assert.StartsWith("no CPT code found", result.Error);
    }

    [Fact]
    public void A_second_title_line_with_another_code_is_a_warning_and_the_first_code_wins()
    {
        var article = Article(Lines("CPT 20962: First", "Text.", "CPT 20955: Second", ""));
        Assert.Equal("20962", article.Code);
        Assert.Contains(article.Warnings, w => w.Message.Contains("second code, 20955"));
    }

    [Theory]
    [InlineData("Key payers covered in this analysis include Aetna, Blue Cross Blue Shield, Cigna Health, UnitedHealthcare, and Medicare.", new[] { "Aetna", "Blue Cross Blue Shield", "Cigna Health", "UnitedHealthcare", "Medicare" })]
    [InlineData("Key payers covered in this analysis include Aetna and Medicare.", new[] { "Aetna", "Medicare" })]
    [InlineData("Key payers covered in this analysis include Humana, Aetna and Medicare. More text.", new[] { "Humana", "Aetna", "Medicare" })]
    [InlineData("Key payers include Medicare.", new[] { "Medicare" })]
    [InlineData("No payer sentence here.", new string[0])]
    public void Key_payers_are_read_in_the_order_written(string sentence, string[] payers)
    {
        var article = Article(Lines("CPT 20962: Graft", sentence, ""));
        Assert.Equal(payers, article.Payers);
    }
}
