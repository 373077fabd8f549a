using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CptKb.Tests.TestSupport;

/// <summary>What a client of the API is told about a bad query parameter.</summary>
public static class ApiProblem
{
    /// <summary>A 400 JSON problem whose detail, and whose errors entry for <paramref name="parameter"/>, say <paramref name="allowed"/>.</summary>
    public static async Task AssertBadParameterAsync(HttpResponseMessage response, string parameter, string allowed)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(allowed, problem.GetProperty("detail").GetString());
        Assert.Contains(allowed, Assert.Single(problem.GetProperty("errors").GetProperty(parameter).EnumerateArray()).GetString());
    }
}
