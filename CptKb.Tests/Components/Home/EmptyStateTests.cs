using Bunit;
using CptKb.Core.Import;
using CptKb.Core.Samples;
using CptKb.Core.Storage;
using CptKb.Web.Components.Layout;
using CptKb.Web.Components.Pages.Codes;
using CptKb.Web.Components.Pages.Import;
using CptKb.Web.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CptKb.Tests.Components.Home;

/// <summary>A new store, before any import: home and the import page say what to do next.</summary>
public sealed class EmptyStateTests : KbComponentTest
{
    // An empty store: migrated, nothing imported.
    public override Task InitializeAsync() => Services.GetRequiredService<KbDatabase>().InitializeAsync();

    private string Seeds => Services.GetRequiredService<SeedsFolder>().FullPath;

    [Fact]
    public void Home_on_an_empty_store_says_it_holds_nothing_where_publications_go_what_is_read_and_offers_the_sample()
    {
        var cut = Render<CptKb.Web.Components.Pages.Home.Home>();

        var guide = cut.WaitForElement("[data-testid=kb-guide]");
        Assert.Contains("No import has run yet, so the knowledge base holds no publications.", cut.Find("[data-testid=kb-holds]").TextContent);
        Assert.Equal(Seeds, cut.Find("[data-testid=seeds-folder]").TextContent);
        var formats = cut.Find("[data-testid=file-formats]").TextContent;
        Assert.Contains(".txt", formats);
        Assert.Contains(".md", formats);
        Assert.Contains("dotnet run --project CptKb.Web -- import", guide.TextContent);
        Assert.Equal("dotnet run --project CptKb.Web -- sample", cut.Find("[data-testid=sample-command]").TextContent);
        Assert.Equal("dotnet run --project CptKb.Web -- sample remove", cut.Find("[data-testid=sample-remove-command]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=stats]"));
    }

    [Fact]
    public void The_import_page_with_no_run_shows_the_same_guide()
    {
        var cut = Render<ImportPage>();

        cut.WaitForElement("[data-testid=kb-guide]");
        Assert.Contains("No import has run yet", cut.Find("[data-testid=kb-holds]").TextContent);
        Assert.Equal(Seeds, cut.Find("[data-testid=seeds-folder]").TextContent);
        Assert.Equal("dotnet run --project CptKb.Web -- sample", cut.Find("[data-testid=sample-command]").TextContent);
    }

    [Fact]
    public void No_banner_shows_while_no_generated_sample_is_stored()
    {
        var cut = Render<SampleBanner>();

        Assert.Empty(cut.FindAll("[data-testid=sample-banner]"));
    }

    [Fact]
    public async Task While_generated_samples_are_stored_the_banner_counts_them_and_each_sample_article_says_it_is_one()
    {
        var folder = Path.Combine(Seeds, "generated-sample");
        var codes = SampleFolder.Write(folder, 3, new HashSet<string>());
        await Services.GetRequiredService<Importer>().ImportFolderAsync(folder);

        var banner = Render<SampleBanner>().Find("[data-testid=sample-banner]").TextContent;
        Assert.Contains("3 articles here were written by the sample generator: not real payer policy.", banner);
        Assert.Contains("dotnet run --project CptKb.Web -- sample remove", banner);

        var article = Render<ArticlePage>(p => p.Add(x => x.Code, codes[0]));
        article.WaitForAssertion(() => Assert.Contains("generated sample", article.Find("[data-testid=sample-article]").TextContent));

        var home = Render<CptKb.Web.Components.Pages.Home.Home>();
        home.WaitForAssertion(() => Assert.Contains("3 publications, 3 of them generated samples", home.Find("[data-testid=kb-holds]").TextContent));
    }
}

/// <summary>A knowledge base with few publications (the fixture's four) still says where more come from.</summary>
public sealed class ThinStateTests : KbComponentTest
{
    [Fact]
    public void Home_on_a_thin_store_counts_what_it_holds_and_says_where_more_come_from()
    {
        var cut = Render<CptKb.Web.Components.Pages.Home.Home>();

        cut.WaitForElement("[data-testid=stats]");
        Assert.Contains("The knowledge base holds 4 publications.", cut.Find("[data-testid=kb-holds]").TextContent);
        Assert.Equal(Services.GetRequiredService<SeedsFolder>().FullPath, cut.Find("[data-testid=seeds-folder]").TextContent);
        Assert.Contains("dotnet run --project CptKb.Web -- sample", cut.Find("[data-testid=kb-guide]").TextContent);
    }
}
