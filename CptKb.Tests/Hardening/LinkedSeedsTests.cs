using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CptKb.Tests.TestSupport;
using CptKb.Web.Commands;
using CptKb.Web.Hosting;
using Microsoft.Data.Sqlite;

namespace CptKb.Tests.Hardening;

/// <summary>
/// A seeds folder with two symbolic links back to itself: followed, each would read the whole folder again inside
/// itself, level after level, without end.
/// </summary>
[Collection(AppProcessesCollection.Name)]
public sealed class LinkedSeedsTests : IDisposable
{
    private const int Publications = 5;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "cptkb-tests", "links-" + Guid.NewGuid().ToString("N"));

    private string Seeds => Path.Combine(_root, "seeds");

    [Fact]
    public async Task The_import_command_and_the_app_read_each_publication_once_and_report_both_links()
    {
        GeneratedCorpus.Write(Seeds, Publications);
        Directory.CreateSymbolicLink(Path.Combine(Seeds, "again"), Seeds);
        Directory.CreateDirectory(Path.Combine(Seeds, "sub"));
        Directory.CreateSymbolicLink(Path.Combine(Seeds, "sub", "loop"), "..");
        var database = Path.Combine(_root, "kb.db");

        await using (var import = KbProcess.Start(["import", "--source", Seeds, $"--ConnectionStrings:Kb=Data Source={database}"]))
        {
            int exit;
            try
            {
                exit = await import.WaitForExitAsync(TimeSpan.FromSeconds(60));
            }
            catch (OperationCanceledException)
            {
                exit = -1; // still walking
            }
            Assert.True(exit is ExitCodes.Ok or ExitCodes.FilesFailed, $"exit {exit}\n{import.Log}");

            var lines = import.Log.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
            Assert.Contains($"{Publications} imported, 0 updated, 0 unchanged, 0 failed, 2 skipped", import.Log);
            Assert.Contains(lines, l => Regex.IsMatch(l, @"^skipped\s+-\s+again\s*$"));
            Assert.Contains(lines, l => Regex.IsMatch(l, @"^skipped\s+-\s+sub/loop\s*$"));
            Assert.Equal(2, lines.Count(l => l.Contains("the link leads to the import folder itself, already read; it was not followed", StringComparison.Ordinal)));
            Assert.DoesNotContain("again/", import.Log);
        }
        Assert.Equal(Publications, StoredFile.Query(database, "SELECT COUNT(*) FROM Articles", r => r.GetInt32(0)).Single());

        // The app's start-up import walks the folder the same way and shows what it skipped on /import and in the API.
        await using var app = await LiveApp.StartAsync(new LiveAppOptions { SeedsFolder = Seeds });
        using var client = app.CreateClient();
        var run = await client.GetFromJsonAsync<JsonElement>("/api/import/runs/latest");
        Assert.Equal(2, run.GetProperty("skipped").GetInt32());
        Assert.Equal(Publications, run.GetProperty("imported").GetInt32());
        var skipped = run.GetProperty("files").EnumerateArray()
            .Where(f => f.GetProperty("status").GetString() == "skipped")
            .Select(f => f.GetProperty("fileName").GetString())
            .ToList();
        Assert.Equal(["again", "sub/loop"], skipped);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/import"));
        Assert.Contains("2 skipped", page);
        Assert.Contains("the link leads to the import folder itself, already read; it was not followed", page);

        await app.StopAsync();
        Assert.Contains("again was skipped: the link leads to the import folder itself", app.Log);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }
}
