using CptKb.Core.Import;

namespace CptKb.Tests.Import;

/// <summary>The walk through an import folder, over real folders, files and symbolic links in a temp folder.</summary>
public sealed class FolderWalkTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cptkb-tests", "walk-" + Guid.NewGuid().ToString("N"));

    private string Folder => Path.Combine(_root, "seeds");

    private string Outside => Path.Combine(_root, "outside");

    public FolderWalkTests() => Directory.CreateDirectory(Folder);

    private void Write(string relative, string under = "seeds")
    {
        var path = Path.Combine(_root, under, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "CPT 20962: x");
    }

    private void Link(string relative, string target, bool folder = true)
    {
        var path = Path.Combine(Folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (folder)
            Directory.CreateSymbolicLink(path, target);
        else
            File.CreateSymbolicLink(path, target);
    }

    private FolderListing Walk(int maxDepth = 32, int maxFiles = 200_000) =>
        FolderWalk.List(Folder, new FolderWalkLimits { MaxDepth = maxDepth, MaxFiles = maxFiles });

    private static Dictionary<string, string> Reasons(FolderListing listing) => listing.Skipped.ToDictionary(s => s.Path, s => s.Reason);

    [Fact]
    public void Publications_are_txt_and_md_files_in_any_case_in_ordinal_order_without_hidden_ones()
    {
        foreach (var name in new[] { "b.txt", "A.MD", "sub/c.Txt", "notes.pdf", "README", ".hidden.txt", ".git/x.md", "sub/.cache/y.txt" })
            Write(name);

        var listing = Walk();

        Assert.Null(listing.Error);
        Assert.Equal(["A.MD", "b.txt", "sub/c.Txt"], listing.Files);
        Assert.Empty(listing.Skipped);
    }

    [Fact]
    public void A_link_back_to_the_folder_is_reported_and_not_followed()
    {
        Write("a.txt");
        Write("sub/b.txt");
        Link("sub/up", "..");

        var listing = Walk();

        Assert.Equal(["a.txt", "sub/b.txt"], listing.Files);
        Assert.Equal("the link leads to the import folder itself, already read; it was not followed", Reasons(listing)["sub/up"]);
    }

    [Fact]
    public void Two_links_back_to_the_folder_read_each_file_once_and_are_both_reported()
    {
        Write("a.txt");
        Write("sub/b.md");
        Link("again", Folder);
        Link("sub/loop", ".");

        var listing = Walk();

        Assert.Equal(["a.txt", "sub/b.md"], listing.Files);
        Assert.Equal(["again", "sub/loop"], listing.Skipped.Select(s => s.Path));
        Assert.Contains("already read", Reasons(listing)["again"]);
        Assert.Contains("the folder 'sub', already read", Reasons(listing)["sub/loop"]);
    }

    [Fact]
    public void A_link_to_a_sibling_folder_is_not_read_again_and_the_folder_keeps_its_own_path()
    {
        Write("z/c.txt");
        Link("a", "z"); // sorts before the folder it leads to

        var listing = Walk();

        Assert.Equal(["z/c.txt"], listing.Files);
        Assert.Equal("the link leads to the folder 'z', already read; it was not followed", Reasons(listing)["a"]);
    }

    [Fact]
    public void A_link_to_an_outside_folder_is_followed_once_and_a_second_link_to_it_is_reported()
    {
        Write("o.txt", under: "outside");
        Write("deeper/p.md", under: "outside");
        Link("ext1", Outside);
        Link("sub/ext2", Path.Combine("..", "..", "outside"));

        var listing = Walk();

        Assert.Equal(["ext1/deeper/p.md", "ext1/o.txt"], listing.Files);
        Assert.Equal("the link leads to the folder 'ext1', already read; it was not followed", Reasons(listing)["sub/ext2"]);
    }

    [Fact]
    public void A_link_to_a_folder_holding_the_import_folder_is_not_followed()
    {
        Write("a.txt");
        Write("elsewhere.txt", under: "outside");
        Link("all", _root);

        var listing = Walk();

        Assert.Equal(["a.txt"], listing.Files);
        Assert.Equal($"the link leads to '{_root}', which holds the import folder; it was not followed", Reasons(listing)["all"]);
    }

    [Fact]
    public void Links_to_files_are_read_under_their_own_names()
    {
        Write("o.txt", under: "outside");
        Link("alias.md", Path.Combine(Outside, "o.txt"), folder: false);
        Link("not-a-publication", Path.Combine(Outside, "o.txt"), folder: false);

        var listing = Walk();

        Assert.Equal(["alias.md"], listing.Files);
        Assert.Empty(listing.Skipped);
    }

    [Fact]
    public void Dangling_links_and_loops_of_links_are_reported()
    {
        Write("a.txt");
        Link("gone.txt", "missing.txt", folder: false);
        Link("gone-folder", Path.Combine(Outside, "nowhere"));
        Link("l1", "l2", folder: false);
        Link("l2", "l1", folder: false);

        var listing = Walk();

        Assert.Equal(["a.txt"], listing.Files);
        var reasons = Reasons(listing);
        Assert.Equal("the link leads to 'missing.txt', which does not exist; it was not read", reasons["gone.txt"]);
        Assert.Equal($"the link leads to '{Path.Combine(Outside, "nowhere")}', which does not exist; it was not read", reasons["gone-folder"]);
        Assert.Contains("a loop of links", reasons["l1"]);
        Assert.Contains("a loop of links", reasons["l2"]);
    }

    [Fact]
    public void Folders_past_the_depth_bound_are_reported_and_not_read()
    {
        Write("d1/d2/ok.txt");
        Write("d1/d2/d3/deep.txt");
        Write("d1/d2/d3/d4/deeper.txt");

        var listing = Walk(maxDepth: 2);

        Assert.Null(listing.Error);
        Assert.Equal(["d1/d2/ok.txt"], listing.Files);
        var skipped = Assert.Single(listing.Skipped);
        Assert.Equal("d1/d2/d3", skipped.Path);
        Assert.Equal("the folder is more than 2 folders below the import folder (Kb:Import:MaxDepth); it was not read", skipped.Reason);
    }

    [Fact]
    public void A_folder_with_more_files_than_the_bound_is_not_imported_at_all()
    {
        for (var i = 0; i < 4; i++)
            Write($"sub/{i}.txt");
        Write("ignored.pdf");

        Assert.Equal(4, Walk(maxFiles: 4).Files.Count);
        var listing = Walk(maxFiles: 3);

        Assert.Empty(listing.Files);
        Assert.Equal(
            $"The import folder '{Folder}' holds more than 3 *.txt and *.md files (Kb:Import:MaxFiles); nothing was imported. " +
            "Import its subfolders one at a time, or raise Kb:Import:MaxFiles.",
            listing.Error);
    }

    [Fact]
    public void A_missing_folder_is_an_error_naming_it()
    {
        var missing = Path.Combine(_root, "nowhere");

        var listing = FolderWalk.List(missing, new FolderWalkLimits());

        Assert.Equal($"The import folder '{missing}' does not exist or is not a folder.", listing.Error);
    }

    [Fact]
    public void An_import_folder_that_is_itself_a_link_is_read()
    {
        Write("o.txt", under: "outside");
        var linked = Path.Combine(_root, "linked");
        Directory.CreateSymbolicLink(linked, Outside);

        var listing = FolderWalk.List(linked, new FolderWalkLimits());

        Assert.Equal(["o.txt"], listing.Files);
        Assert.Empty(listing.Skipped);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }
}
