using Bunit;
using CptKb.Core.Import;
using CptKb.Web.Components.Pages.Codes;
using Microsoft.Extensions.DependencyInjection;

namespace CptKb.Tests.Components.Codes;

/// <summary>An open article told that it changed, or that it was withdrawn.</summary>
public sealed class ArticleUpdatesTests : KbComponentTest
{
    private string Corpus => Import.SourceFolder;

    private Task<ImportRunReport> ImportAgainAsync() => Services.GetRequiredService<Importer>().ImportFolderAsync(Corpus);

    [Fact]
    public async Task An_import_that_changes_the_open_article_brings_the_bar_and_reload_shows_the_new_revision_in_place()
    {
        var cut = Render<ArticlePage>(p => p.Add(x => x.Code, "20955"));
        cut.WaitForElement("[data-testid=article-header]");
        Assert.Empty(cut.FindAll("[data-testid=update-bar]"));

        var path = Path.Combine(Corpus, "20955.txt");
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path)).Replace(
            "Fibula Free Flap Bone Graft with Microvascular Anastomosis", "Fibula Free Flap, Revised"));
        await ImportAgainAsync();

        var bar = cut.WaitForElement("[data-testid=update-bar]");
        Assert.Contains("This article was updated", bar.TextContent);
        Assert.Equal("/codes/20955/history", cut.Find("[data-testid=update-bar-changes]").GetAttribute("href"));
        // Until the reader asks, the page keeps what they were reading.
        Assert.Equal("Fibula Free Flap Bone Graft with Microvascular Anastomosis", cut.Find("h1").TextContent);

        await cut.Find("[data-testid=update-bar-reload]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal("Fibula Free Flap, Revised", cut.Find("h1").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=update-bar]"));
        Assert.Contains("revision 2", cut.Find("[data-testid=article-header]").TextContent);
    }

    [Fact]
    public async Task An_import_that_changes_other_articles_only_leaves_the_open_one_quiet()
    {
        var cut = Render<ArticlePage>(p => p.Add(x => x.Code, "20955"));
        cut.WaitForElement("[data-testid=article-header]");

        File.Delete(Path.Combine(Corpus, "27447.txt"));
        var report = await ImportAgainAsync();

        Assert.Equal(1, report.Withdrawn);
        Assert.Empty(cut.FindAll("[data-testid=update-bar]"));
    }

    [Fact]
    public async Task A_withdrawn_article_says_since_when_and_its_bar_reload_shows_it()
    {
        var cut = Render<ArticlePage>(p => p.Add(x => x.Code, "27447"));
        cut.WaitForElement("[data-testid=article-header]");
        Assert.Empty(cut.FindAll("[data-testid=withdrawn-notice]"));

        File.Delete(Path.Combine(Corpus, "27447.txt"));
        var report = await ImportAgainAsync();

        cut.WaitForElement("[data-testid=update-bar]");
        await cut.Find("[data-testid=update-bar-reload]").ClickAsync(new());
        var notice = cut.WaitForElement("[data-testid=withdrawn-notice]");
        Assert.Contains($"Withdrawn on {report.FinishedAt:yyyy-MM-dd}", notice.TextContent);
        Assert.Contains("27447", cut.Find("[data-testid=article-header]").TextContent);
    }
}
