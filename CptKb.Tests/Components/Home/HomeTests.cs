using CptKb.Core.Articles;
using CptKb.Core.Import;
using CptKb.Core.Storage;
using CptKb.Web.Components;
using Microsoft.Extensions.DependencyInjection;
using CptKb.Web.Components.Pages.Home;

namespace CptKb.Tests.Components.Home;

public sealed class HomeTests : KbComponentTest
{
    [Fact]
    public void The_home_page_counts_what_the_knowledge_base_holds()
    {
        var cut = Render<CptKb.Web.Components.Pages.Home.Home>();

        var stats = cut.Find("[data-testid=stats]").TextContent;
        Assert.Contains("4Codes", stats.Replace(" ", "").Replace("\n", ""));
        Assert.Contains("in 3 of 4 codes", stats);
        Assert.Contains("1 file(s) failed", cut.Find("[data-testid=last-import]").TextContent);
    }

    [Fact]
    public void The_home_page_offers_a_way_in_for_each_kind_of_user()
    {
        var cut = Render<CptKb.Web.Components.Pages.Home.Home>();

        Assert.Equal(["Medical coders", "Revenue-cycle managers", "Clinical leads"], cut.FindAll("h2").Select(h => h.TextContent));
        Assert.Contains(cut.FindAll("a"), a => a.GetAttribute("href") == "/codes?range=surgery-musculoskeletal" && a.TextContent.Contains("(3)"));
        Assert.Contains(cut.FindAll("a"), a => a.GetAttribute("href") == "/payer-matrix");
    }
}

public sealed class HomeWithManyRangesTests : KbComponentTest
{
    // One code in each of eleven CPT ranges: more than fit in a short list.
    private static readonly string[] CodesInElevenRanges =
        ["00100", "10040", "20100", "31000", "33020", "38100", "40490", "50010", "61000", "70010", "99202"];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cptkb-tests", "ranges-" + Guid.NewGuid().ToString("N"));

    public override async Task InitializeAsync()
    {
        await Services.GetRequiredService<KbDatabase>().InitializeAsync();
        Directory.CreateDirectory(_folder);
        foreach (var code in CodesInElevenRanges)
        {
            await File.WriteAllTextAsync(Path.Combine(_folder, code + ".txt"),
                $"Summary & Overview\nCPT {code}: Procedure {code}\nKey payers covered in this analysis include Aetna.\n");
        }
        await Services.GetRequiredService<Importer>().ImportFolderAsync(_folder);
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Every_range_that_holds_codes_is_reachable_from_home()
    {
        var cut = Render<CptKb.Web.Components.Pages.Home.Home>();

        var rangeLinks = cut.FindAll("a").Select(a => a.GetAttribute("href")).Where(h => h?.StartsWith("/codes?range=", StringComparison.Ordinal) == true).ToList();
        foreach (var code in CodesInElevenRanges)
            Assert.Contains(Links.CodesInRange(CptRange.Of(code).Key), rangeLinks);
    }
}
