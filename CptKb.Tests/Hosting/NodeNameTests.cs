using System.Net.Http.Json;
using System.Text.Json;
using CptKb.Tests.TestSupport;

namespace CptKb.Tests.Hosting;

/// <summary>Which node answered: several nodes behind a proxy each say their <c>Kb:NodeName</c>.</summary>
public sealed class NodeNameTests
{
    [Fact]
    public async Task Health_names_the_node_that_answered()
    {
        await using var factory = new KbAppFactory();
        factory.Settings["Kb:NodeName"] = "ward-7";
        using var client = await factory.StartAsync();

        var health = await client.GetFromJsonAsync<JsonElement>("/health");

        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        Assert.Equal("ward-7", health.GetProperty("node").GetString());
    }
}
