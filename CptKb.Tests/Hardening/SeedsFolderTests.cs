using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CptKb.Tests.TestSupport;
using Microsoft.Data.Sqlite;

namespace CptKb.Tests.Hardening;

/// <summary>The app started over a stored knowledge base with a seeds folder that is gone or cannot be read.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // file modes, and setpriv to make them bind root
[Collection(AppProcessesCollection.Name)]
public sealed class SeedsFolderTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cptkb-tests", "seeds-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("missing", "does not exist")]
    [InlineData("unreadable", "cannot be read")]
    public async Task The_app_warns_naming_the_folder_and_serves_what_is_stored(string fault, string reason)
    {
        var database = Path.Combine(_root, "kb.db");
        var seeds = Path.Combine(_root, "seeds");
        GeneratedCorpus.Write(seeds, 3);
        await StoredFile.ImportAsync(seeds, database);
        if (fault == "missing")
            Directory.Delete(seeds, recursive: true);
        else
            File.SetUnixFileMode(seeds, UnixFileMode.None); // binds the app because it runs without root's file override

        await using var app = await LiveApp.StartAsync(new LiveAppOptions { DatabasePath = database, SeedsFolder = seeds, FileModesApply = true });
        using var client = app.CreateClient();

        var health = await client.GetFromJsonAsync<JsonElement>("/health");
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        Assert.Contains(reason, health.GetProperty("detail").GetString());

        Assert.Contains(GeneratedCorpus.Title(1, "first"), await client.GetStringAsync($"/codes/{GeneratedCorpus.Code(1)}"));
        var import = await client.GetStringAsync("/import");
        Assert.Contains("Failed", import);
        Assert.Contains(WebUtility.HtmlEncode(seeds), import);
        Assert.Contains(reason, import);

        await app.StopAsync();
        var warning = app.Log.Split('\n').SkipWhile(l => !l.StartsWith("warn: CptKb", StringComparison.Ordinal)).Skip(1).FirstOrDefault() ?? "";
        Assert.True(warning.Contains(seeds) && warning.Contains(reason), app.Log);
        Assert.False(app.Log.Contains("fail:", StringComparison.Ordinal), app.Log);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        var seeds = Path.Combine(_root, "seeds");
        if (Directory.Exists(seeds))
            File.SetUnixFileMode(seeds, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }
}
