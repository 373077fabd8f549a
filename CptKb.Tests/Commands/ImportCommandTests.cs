using CptKb.Tests.TestSupport;
using CptKb.Web.Commands;
using CptKb.Web.Hosting;
using Microsoft.Data.Sqlite;

namespace CptKb.Tests.Commands;

/// <summary><c>dotnet run --project CptKb.Web -- import [--source DIR]</c>, run in-process.</summary>
public sealed class ImportCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cptkb-tests", "cmd-" + Guid.NewGuid().ToString("N"));

    private string Source => Path.Combine(_root, "in");

    public ImportCommandTests()
    {
        Directory.CreateDirectory(Source);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "seeds", "000_1ec41e0964c043f3.txt"), Path.Combine(Source, "20962.txt"));
    }

    private async Task<(int Exit, string Output)> RunAsync(params string[] extra)
    {
        var output = new StringWriter();
        var exit = await ImportCommand.RunAsync(
            ["import", .. extra, $"--ConnectionStrings:Kb=Data Source={Path.Combine(_root, "kb.db")}", "--Kb:ImportOnStartup=false"],
            output);
        return (exit, output.ToString());
    }

    [Fact]
    public async Task A_clean_folder_exits_0_and_prints_the_per_file_report()
    {
        var (exit, output) = await RunAsync("--source", Source);

        Assert.Equal(0, exit);
        Assert.Contains("[##############################] 1/1", output);
        Assert.Matches(@"imported\s+20962\s+20962\.txt", output);
        Assert.Contains("modifier table row 1 has 2 of 3 cells", output);
        Assert.Contains("1 imported, 0 updated, 0 unchanged, 0 failed", output);

        var (again, secondOutput) = await RunAsync("--source", Source);
        Assert.Equal(0, again);
        Assert.Contains("0 imported, 0 updated, 1 unchanged, 0 failed", secondOutput);
    }

    [Fact]
    public async Task A_folder_with_a_failed_file_exits_2_and_names_the_reason()
    {
        await File.WriteAllBytesAsync(Path.Combine(Source, "picture.txt"), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A]);

        var (exit, output) = await RunAsync("--source", Source);

        Assert.Equal(2, exit);
        Assert.Matches(@"failed\s+-\s+picture\.txt", output);
        Assert.Contains("the file is a PNG image, not a text document", output);
    }

    [Fact]
    public async Task A_newline_in_a_file_name_is_printed_escaped_and_cannot_forge_a_report_line()
    {
        // The same publication under a second name: it fails as a second claimant, and both files' messages quote its name.
        const string forged = "a\nimported   20962  fake.txt";
        File.Copy(Path.Combine(Source, "20962.txt"), Path.Combine(Source, forged));

        var (exit, output) = await RunAsync("--source", Source);

        Assert.Equal(ExitCodes.FilesFailed, exit);
        var lines = output.Split('\n');
        Assert.DoesNotContain(lines, l => l.StartsWith("imported   20962  fake", StringComparison.Ordinal));
        var mentions = lines.Where(l => l.Contains("fake.txt", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, mentions.Count); // the file's own line, its message, and the kept file's message
        Assert.All(mentions, l => Assert.Contains(@"a\nimported   20962  fake.txt", l));
        Assert.Matches(@"(?m)^failed\s+20962\s+a\\nimported   20962  fake\.txt", output);
        Assert.Equal(
            [forged],
            StoredFile.Query(Path.Combine(_root, "kb.db"), "SELECT FileName FROM ImportRunFiles WHERE Status = 'Failed'", r => r.GetString(0)));
    }

    [Fact]
    public async Task Withdrawn_and_restored_files_are_listed_after_the_report()
    {
        File.WriteAllText(Path.Combine(Source, "99213.txt"), CptKb.Tests.Storage.TestDatabase.Publication("99213", "Office Visit"));
        await RunAsync("--source", Source);
        File.Move(Path.Combine(Source, "20962.txt"), Path.Combine(_root, "away.txt"));

        var (_, withdrawing) = await RunAsync("--source", Source);

        Assert.Matches(@"(?m)^withdrawn\s+20962\s+20962\.txt", withdrawing);
        Assert.Contains("Withdrawn (file gone; the article is kept but left out of lists and search):\n  20962  20962.txt", withdrawing.ReplaceLineEndings("\n"));
        Assert.Contains("0 imported, 0 updated, 1 unchanged, 0 failed, 0 skipped, 1 withdrawn, 0 restored", withdrawing);

        File.Move(Path.Combine(_root, "away.txt"), Path.Combine(Source, "20962.txt"));
        var (_, restoring) = await RunAsync("--source", Source);

        Assert.Contains("Restored (file back; the article is current again):\n  20962  20962.txt", restoring.ReplaceLineEndings("\n"));
        Assert.Contains("1 restored", restoring);
    }

    [Fact]
    public async Task A_missing_folder_exits_3_with_a_message_naming_it()
    {
        var missing = Path.Combine(_root, "nowhere");
        var (exit, output) = await RunAsync("--source", missing);

        Assert.Equal(3, exit);
        Assert.Contains(missing, output);
    }

    [Fact]
    public async Task Source_without_a_folder_is_a_usage_error()
    {
        var (exit, output) = await RunAsync("--source");
        Assert.Equal(1, exit);
        Assert.Contains("usage: import", output);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }
}
