using System.Text.RegularExpressions;
using CptKb.Tests.TestSupport;
using CptKb.Web.Commands;
using CptKb.Web.Hosting;
using Microsoft.Data.Sqlite;

namespace CptKb.Tests.Hardening;

/// <summary>The import command killed (SIGKILL) in the middle of a large import, then started again.</summary>
[Collection(AppProcessesCollection.Name)]
public sealed partial class KillDuringImportTests : IDisposable
{
    private const int Before = 200;
    private const int After = 1000;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "cptkb-tests", "kill-" + Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_root, "kb.db");

    [Fact]
    public async Task A_killed_import_leaves_the_previous_content_whole_and_a_rerun_completes()
    {
        var first = Path.Combine(_root, "first");
        var second = Path.Combine(_root, "second");
        GeneratedCorpus.Write(first, Before, "first");
        // The second edition rewrites every article of the first and adds more, so a half-done run has deleted and replaced rows.
        GeneratedCorpus.Write(second, After, "second");
        var connection = $"--ConnectionStrings:Kb=Data Source={DatabasePath}";

        await StoredFile.ImportAsync(first, DatabasePath);
        var before = StoredFile.Snapshot(DatabasePath, except: "ImportRuns");

        await using (var killed = KbProcess.Start(["import", "--source", second, connection]))
        {
            // The progress bar prints a line per tenth: past the first tenth, the run has replaced articles in its transaction.
            await killed.WaitForLogAsync(line => Progress(line) is >= After / 10 and < After, TimeSpan.FromSeconds(60));
            await killed.KillAsync();
            Assert.DoesNotContain($"{After}/{After}", killed.Log);
        }

        Assert.Equal(before, StoredFile.Snapshot(DatabasePath, except: "ImportRuns"));
        Assert.Equal(
            [(1, "Succeeded"), (2, "Running")],
            StoredFile.Query(DatabasePath, "SELECT Id, Status FROM ImportRuns ORDER BY Id", r => (r.GetInt32(0), r.GetString(1))));

        await using var rerun = KbProcess.Start(["import", "--source", second, connection]);
        Assert.True(await rerun.WaitForExitAsync(TimeSpan.FromSeconds(90)) == ExitCodes.Ok, rerun.Log);
        Assert.Contains($"{After - Before} imported, {Before} updated, 0 unchanged, 0 failed", rerun.Log);

        var runs = StoredFile.Query(DatabasePath, "SELECT Id, Status, Error FROM ImportRuns ORDER BY Id", r => (r.GetInt32(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2)));
        Assert.Equal(3, runs.Count);
        Assert.Equal("Failed", runs[1].Item2);
        Assert.Contains("stopped before the import finished", runs[1].Item3);
        Assert.Equal("Succeeded", runs[2].Item2);
        var titles = StoredFile.Query(DatabasePath, "SELECT Code, Title FROM Articles ORDER BY Code", r => (r.GetString(0), r.GetString(1)));
        Assert.Equal(Enumerable.Range(0, After).Select(i => (GeneratedCorpus.Code(i), GeneratedCorpus.Title(i, "second"))), titles);
        var indexed = StoredFile.Query(DatabasePath, "SELECT COUNT(DISTINCT rowid >> 36) FROM SearchSections WHERE SearchSections MATCH '\"second edition\"'", r => r.GetInt32(0));
        Assert.Equal(After, indexed.Single());
    }

    private static int? Progress(string line) =>
        ProgressLine().Match(line) is { Success: true } match ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;

    [GeneratedRegex(@"\] (\d+)/\d+$")]
    private static partial Regex ProgressLine();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }
}
