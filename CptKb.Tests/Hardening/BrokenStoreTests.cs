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
/// The app and the import command over a database file that cannot be used: read-only, in a folder that cannot be
/// made, or not a database at all. Each answers with one clear message naming the file and what to do.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // file modes, and setpriv to make them bind root
[Collection(AppProcessesCollection.Name)]
public sealed partial class BrokenStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cptkb-tests", "broken-" + Guid.NewGuid().ToString("N"));

    public static TheoryData<string> Faults => ["read-only", "read-only folder", "folder cannot be made", "not a database"];

    /// <summary>Breaks the store in the named way; returns the database file and words of the advice the message must give.</summary>
    private async Task<(string File, string Advice, bool FileModesApply)> BreakAsync(string fault)
    {
        Directory.CreateDirectory(_root);
        switch (fault)
        {
            case "read-only" or "read-only folder":
            {
                // A real, complete database that this process may not write. Tests run as root, which ignores file
                // modes, so the app and the command run without root's file override (setpriv, see KbProcess).
                // The file 0444 in a 0555 folder is refused before SQLite opens it; a writable file in a 0555 folder
                // is refused by SQLite itself ("attempt to write a readonly database": no journal can be made beside it).
                var folder = Path.Combine(_root, "data");
                var file = Path.Combine(folder, "kb.db");
                GeneratedCorpus.Write(Path.Combine(_root, "seeds"), 3);
                await StoredFile.ImportAsync(Path.Combine(_root, "seeds"), file);
                const UnixFileMode read = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
                if (fault == "read-only")
                    File.SetUnixFileMode(file, read);
                File.SetUnixFileMode(folder, read | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
                return (file, "writable", true);
            }
            case "folder cannot be made":
            {
                // The database's folder would be made below a plain file: no process, root or not, can do that.
                var blocker = Path.Combine(_root, "not-a-folder");
                await File.WriteAllTextAsync(blocker, "a file where the data folder should be");
                return (Path.Combine(blocker, "data", "kb.db"), "Create the folder", false);
            }
            case "not a database":
            {
                var file = Path.Combine(_root, "kb.db");
                var garbage = new byte[64 * 1024];
                new Random(6).NextBytes(garbage);
                await File.WriteAllBytesAsync(file, garbage);
                return (file, "Move it aside", false);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(fault), fault, null);
        }
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task The_app_starts_says_why_once_and_answers_every_request_with_the_reason(string fault)
    {
        var (file, advice, fileModesApply) = await BreakAsync(fault);

        await using var app = await LiveApp.StartAsync(new LiveAppOptions
        {
            PrepareSeeds = FixtureCorpus.CopyTo,
            DatabasePath = file,
            WaitUntilHealthy = false,
            FileModesApply = fileModesApply,
        });
        using var client = app.CreateClient();

        using var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var report = await health.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Unhealthy", report.GetProperty("status").GetString());
        Assert.Contains(file, report.GetProperty("detail").GetString());

        foreach (var page in new[] { "/", "/codes", "/codes/20955", "/payers", "/import" })
        {
            using var response = await client.GetAsync(page);
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{page}: {(int)response.StatusCode}");
            Assert.Contains("The knowledge base database cannot be used", html);
            Assert.Contains(WebUtility.HtmlEncode(file), html);
        }
        using (var api = await client.GetAsync("/api/articles"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
            Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
            Assert.Contains(file, (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        }

        await app.StopAsync();
        var log = app.Log;
        var error = Assert.Single(ErrorEntries(log));
        Assert.Contains(file, error);
        Assert.Contains(advice, error);
        Assert.DoesNotMatch(StackFrame(), log);

        await using var command = KbProcess.Start(["import", "--source", app.SeedsFolder, $"--ConnectionStrings:Kb=Data Source={file}"], fileModesApply);
        Assert.Equal(ExitCodes.RunFailed, await command.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var reason = error[(error.IndexOf("cannot be used: ", StringComparison.Ordinal) + "cannot be used: ".Length)..];
        Assert.Contains("error: " + reason, command.Log);
        Assert.DoesNotMatch(StackFrame(), command.Log);
    }

    /// <summary>The console logger's error entries: a "fail:" line and the message lines under it.</summary>
    private static List<string> ErrorEntries(string log) =>
        [.. Regex.Matches(log, @"^fail: .*\n((?:      .*\n)*)", RegexOptions.Multiline).Select(m => m.Groups[1].Value.Trim())];

    [GeneratedRegex(@"^\s+at \S+\(", RegexOptions.Multiline)]
    private static partial Regex StackFrame();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Path.Combine(_root, "data")))
            File.SetUnixFileMode(Path.Combine(_root, "data"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }
}
