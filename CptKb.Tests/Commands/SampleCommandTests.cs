using CptKb.Core.Parsing;
using CptKb.Core.Samples;
using CptKb.Web.Commands;
using Microsoft.Data.Sqlite;

namespace CptKb.Tests.Commands;

/// <summary><c>dotnet run --project CptKb.Web -- sample [--count N] [--out DIR]</c> and <c>sample remove</c>, run in-process.</summary>
public sealed class SampleCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cptkb-tests", "sample-" + Guid.NewGuid().ToString("N"));

    private string Seeds => Path.Combine(_root, "seeds");

    private string SampleFolder => Path.Combine(Seeds, SampleCommand.DefaultFolderName);

    private string Database => Path.Combine(_root, "kb.db");

    public SampleCommandTests()
    {
        Directory.CreateDirectory(Seeds);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "seeds", "000_1ec41e0964c043f3.txt"), Path.Combine(Seeds, "000_1ec41e0964c043f3.txt"));
    }

    private async Task<(int Exit, string Output)> RunAsync(params string[] arguments)
    {
        var output = new StringWriter();
        var exit = await CommandLine.RunAsync(
            [.. arguments, $"--ConnectionStrings:Kb=Data Source={Database}", $"--Kb:SeedsPath={Seeds}"], output) ?? -1;
        return (exit, output.ToString());
    }

    private List<(string Code, bool IsSample)> StoredArticles()
    {
        using var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Code, IsSample FROM Articles ORDER BY Code;";
        using var reader = command.ExecuteReader();
        var rows = new List<(string, bool)>();
        while (reader.Read())
            rows.Add((reader.GetString(0), reader.GetBoolean(1)));
        return rows;
    }

    private long Count(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task The_sample_writes_count_marked_files_into_the_seeds_folder_and_imports_them_beside_the_real_publications()
    {
        var (exit, output) = await RunAsync("sample", "--count", "25");

        Assert.True(exit == 0, output);
        var files = Directory.GetFiles(SampleFolder);
        Assert.Equal(25, files.Length);
        Assert.All(files, f => Assert.True(SampleMark.IsIn(File.ReadAllText(f)), f));
        Assert.Contains("[##############################] 26/26", output);
        Assert.Contains("26 imported, 0 updated, 0 unchanged, 0 failed", output);
        var stored = StoredArticles();
        Assert.Equal(26, stored.Count);
        Assert.Equal(25, stored.Count(a => a.IsSample));
        Assert.Contains(("20962", false), stored);
    }

    [Fact]
    public async Task Running_the_sample_again_changes_nothing_and_the_mark_survives_a_rebuild()
    {
        await RunAsync("sample", "--count", "25");
        var written = Directory.GetFiles(SampleFolder).ToDictionary(f => f, File.GetLastWriteTimeUtc);

        var (exit, output) = await RunAsync("sample", "--count", "25");

        Assert.True(exit == 0, output);
        Assert.Contains("0 imported, 0 updated, 26 unchanged, 0 failed", output);
        Assert.Equal(written, Directory.GetFiles(SampleFolder).ToDictionary(f => f, File.GetLastWriteTimeUtc));
        Assert.Equal(26, Count("SELECT COUNT(*) FROM SourceDocuments"));

        var (rebuilt, rebuildOutput) = await RunAsync("reindex");
        Assert.True(rebuilt == 0, rebuildOutput);
        Assert.Equal(25, StoredArticles().Count(a => a.IsSample));
    }

    [Fact]
    public async Task A_smaller_sample_takes_out_the_articles_and_files_it_no_longer_has()
    {
        await RunAsync("sample", "--count", "25");

        var (exit, output) = await RunAsync("sample", "--count", "10");

        Assert.True(exit == 0, output);
        Assert.Equal(10, Directory.GetFiles(SampleFolder).Length);
        Assert.Equal(10, StoredArticles().Count(a => a.IsSample));
        Assert.Contains(("20962", false), StoredArticles());
    }

    [Fact]
    public async Task Removing_the_sample_takes_its_articles_revisions_index_rows_and_files_and_leaves_real_publications()
    {
        var realFile = Path.Combine(Seeds, "000_1ec41e0964c043f3.txt");
        var unmarked = Path.Combine(SampleFolder, "notes.txt");
        Assert.Equal(0, (await RunAsync("import")).Exit);
        var realIndexRows = Count("SELECT COUNT(*) FROM SearchSections");
        await RunAsync("sample", "--count", "25");
        Assert.True(Count("SELECT COUNT(*) FROM SearchSections") > realIndexRows);
        await File.WriteAllTextAsync(unmarked, "A reader's own notes, kept in the sample's folder.");

        var (exit, output) = await RunAsync("sample", "remove");

        Assert.True(exit == 0, output);
        Assert.Contains("Removed 25 generated sample articles and 25 sample files", output);
        Assert.Equal([("20962", false)], StoredArticles());
        Assert.Equal(1, Count("SELECT COUNT(*) FROM SourceDocuments"));
        Assert.Equal(realIndexRows, Count("SELECT COUNT(*) FROM SearchSections"));
        Assert.True(File.Exists(realFile));
        Assert.Equal([unmarked], Directory.GetFiles(SampleFolder));

        // Removing again finds nothing to remove, and says so.
        File.Delete(unmarked);
        var (again, againOutput) = await RunAsync("sample", "remove");
        Assert.Equal(0, again);
        Assert.Contains("Removed 0 generated sample articles and 0 sample files", againOutput);
        Assert.False(Directory.Exists(SampleFolder));
    }

    [Fact]
    public async Task The_sample_never_takes_the_code_of_a_real_publication()
    {
        // A real publication (no sample mark) for the code the generator hands out first.
        var first = new CorpusGenerator().Generate(0);
        await File.WriteAllTextAsync(Path.Combine(Seeds, "real.txt"), first.Text);
        Assert.Equal(0, (await RunAsync("import")).Exit);

        var (exit, output) = await RunAsync("sample", "--count", "5");

        Assert.True(exit == 0, output);
        Assert.Contains((first.Code, false), StoredArticles());
        Assert.Equal(5, StoredArticles().Count(a => a.IsSample));
        Assert.DoesNotContain(Directory.GetFiles(SampleFolder), f => f.EndsWith($"_{first.Code}.txt", StringComparison.Ordinal));

        await RunAsync("sample", "remove");
        Assert.Contains((first.Code, false), StoredArticles());
    }

    public static TheoryData<string[], string> BadArguments => new()
    {
        { ["--count", "abc"], "--count must be a whole number from 1 to 10000 (default 300); 'abc' is not." },
        { ["--count", "0"], "--count must be a whole number from 1 to 10000 (default 300); '0' is not." },
        { ["--count", "10001"], "--count must be a whole number from 1 to 10000 (default 300); '10001' is not." },
        { ["--count", "-5"], "'-5' is not." },
        { ["--count"], "nothing was given." },
        { ["--out"], "--out needs a folder." },
        { ["--cout", "5"], "'--cout' is not an option of sample." },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public async Task Bad_arguments_are_refused_with_a_message_and_exit_code_1_before_anything_is_written(string[] arguments, string message)
    {
        var (exit, output) = await RunAsync(["sample", .. arguments]);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("error: ", output);
        Assert.Contains(message, output);
        Assert.Contains("usage: sample", output);
        Assert.DoesNotContain("   at ", output);
        Assert.False(Directory.Exists(SampleFolder));
        Assert.False(File.Exists(Database));
    }

    [Fact]
    public async Task A_folder_that_cannot_be_written_is_named_with_exit_code_3_and_no_stack_trace()
    {
        var blocker = Path.Combine(_root, "a-file");
        await File.WriteAllTextAsync(blocker, "a file where the folder would be made");
        var folder = Path.Combine(blocker, "sample");

        var (exit, output) = await RunAsync("sample", "--out", folder);

        Assert.Equal(ExitCodes.RunFailed, exit);
        Assert.Contains($"error: the sample cannot be written into {folder}", output);
        Assert.Contains("--out DIR", output);
        Assert.DoesNotContain("   at ", output);
        Assert.Empty(StoredArticles());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }
}
