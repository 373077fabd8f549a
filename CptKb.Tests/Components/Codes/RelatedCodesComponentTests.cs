using CptKb.Web.Components.Pages.Codes;

namespace CptKb.Tests.Components.Codes;

/// <summary>The related codes on an article page: links to the codes its text names and to its code family.</summary>
public sealed class RelatedCodesComponentTests : KbComponentTest
{
    [Fact]
    public void The_codes_the_text_names_and_the_code_family_are_links_to_their_articles()
    {
        // 20955's policy: "do not report 20962 for the same donor site".
        var cut = Render<ArticlePage>(p => p.Add(x => x.Code, "20955"));

        var named = cut.Find("[data-testid=named-codes]");
        Assert.Equal(["/codes/20962"], named.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Contains("Vascularized Bone Graft for Major Bone Defect", named.TextContent);
        var family = cut.Find("[data-testid=code-family]").QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/codes/20962", "/codes/27447"], family);
        Assert.Contains("/codes?range=surgery-musculoskeletal", cut.Find("[data-testid=related-codes]").InnerHtml);
    }
}
