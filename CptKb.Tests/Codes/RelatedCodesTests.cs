using CptKb.Core.Codes;
using CptKb.Core.Storage;
using CptKb.Tests.TestSupport;

namespace CptKb.Tests.Codes;

/// <summary>An article's code family and the codes its text names, over the relevance corpus.</summary>
public abstract class RelatedCodesSuite(RelevanceDatabase corpus)
{
    private async Task<RelatedCodes> RelatedAsync(string code)
    {
        var document = await corpus.Get<ArticleQueries>().GetAsync(code);
        Assert.NotNull(document);
        return await corpus.Get<CodeQueries>().RelatedAsync(document.Article);
    }

    [Fact]
    public async Task Codes_the_text_names_are_listed_once_each_stored_ones_with_their_titles()
    {
        // 20969's policy: "Do not report 20969 with 20962 for the same donor site; ... not reported separately with 15756."
        var related = await RelatedAsync("20969");

        Assert.Equal(["20962", "15756"], related.Named.Select(n => n.Code));
        Assert.Equal("Vascularized Bone Graft for Major Bone Defect", related.Named[0].Title);
        Assert.Null(related.Named[1].Title);
    }

    [Fact]
    public async Task The_family_is_the_stored_codes_of_the_same_range_nearest_in_code_order()
    {
        var related = await RelatedAsync("20969");

        Assert.Equal("surgery-musculoskeletal", related.Range.Key);
        var family = related.Family.Select(c => c.Code).ToList();
        Assert.Contains("20962", family);
        Assert.Contains("20970", family);
        Assert.DoesNotContain("20969", family);
        Assert.Equal(family.Order(CptKb.Core.Articles.CptCode.Order), family);
        Assert.InRange(family.Count, 1, CodeQueries.FamilySize);
        Assert.All(family, c => Assert.StartsWith("2", c));
    }

    [Fact]
    public async Task A_lettered_code_has_a_family_of_its_own_kind()
    {
        var related = await RelatedAsync("0042T");

        Assert.Equal("category-iii", related.Range.Key);
        Assert.NotEmpty(related.Family);
        Assert.All(related.Family, c => Assert.EndsWith("T", c.Code));
    }
}

public sealed class RelatedCodesTests(RelevanceDatabase corpus) : RelatedCodesSuite(corpus), IClassFixture<RelevanceDatabase>;

/// <summary>The same tests on PostgreSQL.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class RelatedCodesOnPostgreSqlTests(PostgreSqlRelevanceDatabase corpus) : RelatedCodesSuite(corpus), IClassFixture<PostgreSqlRelevanceDatabase>;
