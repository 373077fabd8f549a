using Bunit;
using CptKb.Core.Storage;
using CptKb.Web.Components.Pages.Import;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CptKb.Tests.Components.Import;

public sealed class ImportPageTests : KbComponentTest
{
    [Fact]
    public void The_last_run_shows_its_counts_and_the_failed_file_first_with_its_reason()
    {
        var cut = Render<ImportPage>();

        var first = cut.WaitForElement("tbody tr");
        Assert.Contains("kb-row-failed", first.ClassName);
        Assert.Equal("broken.txt", first.QuerySelector("td[data-label='File']")?.TextContent.Trim());
        Assert.Equal("Failed", first.QuerySelector("td[data-label='Status']")?.TextContent.Trim());
        Assert.Contains("no CPT code found", first.QuerySelector("td[data-label='Messages']")?.TextContent);
        Assert.Equal(5, cut.FindAll("tbody tr").Count);
        Assert.Single(cut.FindAll("tbody tr.kb-row-failed"));
        var figures = cut.Find("[aria-label='File counts']").TextContent;
        Assert.Contains("4 imported", figures);
        Assert.Contains("1 failed", figures);
        Assert.Contains("Succeeded", cut.Markup);
        Assert.Contains(Import.SourceFolder, cut.Markup);
    }

    [Fact]
    public void Failed_only_lists_just_the_failed_files()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/import?failed=true");

        var cut = Render<ImportPage>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("tbody tr")));
        Assert.Contains("broken.txt", cut.Find("tbody tr").TextContent);
    }

    [Fact]
    public async Task Withdrawn_files_are_counted_and_listed_right_after_failed_ones()
    {
        File.Delete(Path.Combine(Import.SourceFolder, "27447.txt"));
        await Services.GetRequiredService<CptKb.Core.Import.Importer>().ImportFolderAsync(Import.SourceFolder);

        var cut = Render<ImportPage>();

        cut.WaitForElement("tbody tr");
        Assert.Contains("1 withdrawn", cut.Find("[data-testid=withdrawn-count]").TextContent);
        var rows = cut.FindAll("tbody tr");
        Assert.Equal("Withdrawn", rows[1].QuerySelector("td[data-label='Status']")?.TextContent.Trim());
        Assert.Equal("27447.txt", rows[1].QuerySelector("td[data-label='File']")?.TextContent.Trim());
        Assert.Contains("is gone", rows[1].QuerySelector("td[data-label='Messages']")?.TextContent);
    }

    [Fact]
    public void Imported_files_link_to_their_code()
    {
        var cut = Render<ImportPage>();

        cut.WaitForElement("tbody tr");
        Assert.NotNull(cut.Find("td[data-label='Code'] a[href='/codes/27447']"));
    }
}

public sealed class ImportPageWithoutRunTests : KbComponentTest
{
    // The database exists, but nothing has been imported into it.
    public override Task InitializeAsync() => Services.GetRequiredService<KbDatabase>().InitializeAsync();

    [Fact]
    public void Without_any_run_the_page_says_so()
    {
        var cut = Render<ImportPage>();

        cut.WaitForAssertion(() => Assert.Contains("No import has run yet", cut.Markup));
        Assert.Empty(cut.FindAll("table"));
    }
}
