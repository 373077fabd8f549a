using CptKb.Tests.TestSupport;
using CptKb.Web.Commands;
using CptKb.Web.Hosting;
using Microsoft.Extensions.Configuration;

namespace CptKb.Tests.Commands;

/// <summary>The command line: commands run, a mistyped one is refused with the list, settings are checked before anything starts.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData]
    [InlineData("--urls", "http://127.0.0.1:5099")]
    [InlineData("Kb:SeedsPath=/tmp/somewhere")]
    [InlineData("--Kb:ImportOnStartup=false")]
    public async Task No_command_starts_the_server(params string[] args) =>
        Assert.Null(await CommandLine.RunAsync(args, new StringWriter()));

    [Theory]
    [InlineData("frobnicate", null)]
    [InlineData("smaple", "sample")]
    [InlineData("improt", "import")]
    [InlineData("Import", "import")]
    [InlineData("reindx", "reindex")]
    public async Task A_mistyped_command_says_so_and_lists_the_commands(string word, string? suggestion)
    {
        var output = new StringWriter();

        var exit = await CommandLine.RunAsync([word], output);

        Assert.Equal(ExitCodes.Usage, exit);
        var text = output.ToString();
        Assert.Contains($"error: '{word}' is not a command", text);
        if (suggestion is not null)
            Assert.Contains($"did you mean '{suggestion}'?", text);
        Assert.Contains("  import [--source DIR]", text);
        Assert.Contains("  reindex", text);
    }

    [Fact]
    public async Task Help_lists_the_commands()
    {
        var output = new StringWriter();
        Assert.Equal(ExitCodes.Ok, await CommandLine.RunAsync(["help"], output));
        Assert.StartsWith("usage: dotnet run --project CptKb.Web -- [command]", output.ToString());
    }

    [Theory]
    [InlineData("Kb:RateLimit:ApiPerMinute", "abc", "Kb:RateLimit:ApiPerMinute")]
    [InlineData("Kb:RateLimit:SearchPerMinute", "0", "Kb:RateLimit:SearchPerMinute is 0; it must be at least 1.")]
    [InlineData("Kb:Search:TimeBudgetMilliseconds", "-5", "Kb:Search:TimeBudgetMilliseconds is -5; it must be at least 1.")]
    [InlineData("Kb:Import:MaxFiles", "0", "Kb:Import:MaxFiles is 0; it must be at least 1.")]
    [InlineData("Kb:Database:LockWaitSeconds", "soon", "Kb:Database:LockWaitSeconds")]
    [InlineData("Kb:Database:Provider", "Oracle", "Kb:Database:Provider is 'Oracle'; it must be Sqlite or PostgreSQL.")]
    [InlineData("Kb:Database:Provider", "1", "Kb:Database:Provider is '1'; it must be Sqlite or PostgreSQL.")]
    [InlineData("Kb:ImportOnStartup", "perhaps", "Kb:ImportOnStartup")]
    [InlineData("Kb:SeedsPath", " ", "Kb:SeedsPath is empty")]
    [InlineData("Kb:WatchSeeds", "sometimes", "Kb:WatchSeeds")]
    [InlineData("Kb:RescanSeconds", "1", "Kb:RescanSeconds is 1; it must be from 5 to 86400 (one day).")]
    [InlineData("Kb:RescanSeconds", "100000", "Kb:RescanSeconds is 100000; it must be from 5 to 86400 (one day).")]
    [InlineData("Kb:Import:LockWaitSeconds", "-1", "Kb:Import:LockWaitSeconds is -1; it must be from 0 to 86400 (one day).")]
    [InlineData("Kb:NodeName", " ", "Kb:NodeName is ' '; it must be 1 to 63 printable ASCII characters")]
    [InlineData("Kb:NodeName", "ward-7-é", "Kb:NodeName is 'ward-7-é'; it must be 1 to 63 printable ASCII characters")]
    [InlineData("Kb:NodeName", "node-name-far-longer-than-the-sixty-three-bytes-postgresql-keeps-x", "Kb:NodeName is")]
    public void A_setting_that_cannot_be_used_is_refused_naming_its_key(string key, string value, string message)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build();

        var refused = Assert.Throws<KbSettingsException>(() => KbOptions.Read(configuration));

        Assert.Contains(message, refused.Message);
    }

    [Fact]
    public void Every_setting_is_read_into_the_options()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
        [
            new("Kb:SeedsPath", "/data/seeds"), new("Kb:ImportOnStartup", "false"), new("Kb:RateLimit:ApiPerMinute", "60"),
            new("Kb:RateLimit:SearchPerMinute", "30"), new("Kb:Circuits:DisconnectedRetentionSeconds", "5"),
            new("Kb:Search:TimeBudgetMilliseconds", "250"), new("Kb:Search:MaxConcurrentSearches", "3"),
            new("Kb:Database:LockWaitSeconds", "2"), new("Kb:Database:MigrationTimeoutSeconds", "9"),
            new("Kb:Import:MaxDepth", "4"), new("Kb:Import:MaxFiles", "7"),
        ]).Build();

        var options = KbOptions.Read(configuration);

        Assert.Equal(("/data/seeds", false, 60, 30, 5), (options.SeedsPath, options.ImportOnStartup, options.RateLimit.ApiPerMinute, options.RateLimit.SearchPerMinute, options.Circuits.DisconnectedRetentionSeconds));
        Assert.Equal((TimeSpan.FromMilliseconds(250), 3), (options.Search.ToLimits().TimeBudget, options.Search.ToLimits().MaxConcurrentSearches));
        Assert.Equal((2.0, 9.0, 4, 7), (options.Database.LockWaitSeconds, options.Database.MigrationTimeoutSeconds, options.Import.MaxDepth, options.Import.MaxFiles));
    }

    [Fact]
    public async Task A_command_with_a_bad_setting_stops_before_opening_the_store()
    {
        var output = new StringWriter();

        var exit = await CommandLine.RunAsync(["import", "--Kb:Import:MaxDepth=0"], output);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Equal("error: Kb:Import:MaxDepth is 0; it must be at least 1.", output.ToString().Trim());
    }

    [Fact]
    public async Task The_app_with_a_bad_setting_does_not_start_and_says_why()
    {
        await using var app = KbProcess.Start(["--urls", "http://127.0.0.1:0", "--Kb:RateLimit:ApiPerMinute=-1"]);

        Assert.Equal(ExitCodes.Usage, await app.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("error: Kb:RateLimit:ApiPerMinute is -1; it must be at least 1.", app.Log);
    }

    [Fact]
    public async Task The_app_given_a_mistyped_command_does_not_start_the_server()
    {
        await using var app = KbProcess.Start(["smaple"]);

        Assert.Equal(ExitCodes.Usage, await app.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("error: 'smaple' is not a command (did you mean 'sample'?).", app.Log);
        Assert.DoesNotContain("Now listening", app.Log);
    }

    [Fact]
    public void A_node_is_named_after_its_machine_and_process_unless_Kb_NodeName_says_otherwise()
    {
        var unset = KbOptions.Read(new ConfigurationBuilder().Build());
        var named = KbOptions.Read(new ConfigurationBuilder().AddInMemoryCollection([new("Kb:NodeName", "ward-7")]).Build());

        Assert.Equal($"{Environment.MachineName}:{Environment.ProcessId}", unset.NodeName);
        Assert.Equal("ward-7", named.NodeName);
    }

    [Fact]
    public void A_PostgreSQL_connection_carries_the_node_name_unless_it_names_its_own_application()
    {
        const string server = "Host=db.example;Database=cptkb;Username=cptkb";

        Assert.Contains("Application Name=ward-7", KbConfiguration.NamedAfterNode(server, "ward-7"));
        Assert.Contains("Application Name=reporting", KbConfiguration.NamedAfterNode(server + ";Application Name=reporting", "ward-7"));
    }
}
