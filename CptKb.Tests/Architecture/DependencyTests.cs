using System.Reflection;
using CptKb.Core.Articles;
using NetArchTest.Rules;

namespace CptKb.Tests.Architecture;

/// <summary>
/// The arrows between Core's folders run one way (see ARCHITECTURE.md): the model depends on nothing, the parser on the
/// model, storage on neither feature nor import, the reading features on storage, import on what it drives, and Core on
/// nothing of the web app.
/// </summary>
public sealed class DependencyTests
{
    private static readonly Assembly Core = typeof(Article).Assembly;

    private static readonly string[] Folders = ["Articles", "Parsing", "Storage", "Import", "Search", "Codes", "Payers", "Modifiers", "Gaps", "Samples", "Changes", "Exports", "Compare"];

    /// <summary>Each folder and the folders it may use; every other arrow is forbidden.</summary>
    public static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Articles"] = [],
        ["Parsing"] = ["Articles"],
        ["Storage"] = ["Articles", "Parsing"],
        ["Search"] = ["Articles", "Parsing", "Storage"],
        ["Import"] = ["Articles", "Parsing", "Storage", "Search", "Changes"],
        ["Codes"] = ["Articles", "Storage"],
        ["Payers"] = ["Articles", "Storage"],
        ["Modifiers"] = ["Articles", "Storage"],
        ["Gaps"] = ["Articles", "Storage"],
        ["Samples"] = ["Articles", "Parsing", "Storage", "Import", "Search"],
        ["Changes"] = ["Articles", "Storage"],
        ["Exports"] = ["Articles", "Storage", "Codes", "Gaps", "Modifiers", "Payers"],
        ["Compare"] = ["Articles", "Storage"],
    };

    public static TheoryData<string, string> ForbiddenArrows()
    {
        var data = new TheoryData<string, string>();
        foreach (var from in Folders)
        {
            foreach (var to in Folders.Where(to => to != from && !Allowed[from].Contains(to)))
                data.Add(from, to);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ForbiddenArrows))]
    public void A_folder_does_not_use_a_folder_it_must_not(string from, string to)
    {
        var result = Types.InAssembly(Core).That().ResideInNamespace($"CptKb.Core.{from}")
            .ShouldNot().HaveDependencyOn($"CptKb.Core.{to}").GetResult();
        Assert.True(result.IsSuccessful, $"{from} uses {to}: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void The_folders_arrows_have_no_cycle()
    {
        // The arrows actually present, found type by type; then a walk from each folder must never come back to it.
        var uses = Folders.ToDictionary(f => f, f => Folders.Where(to => to != f && Uses(f, to)).ToList());
        foreach (var start in Folders)
        {
            var seen = new HashSet<string>();
            var pending = new Stack<string>(uses[start]);
            while (pending.Count > 0)
            {
                var at = pending.Pop();
                Assert.False(at == start, $"{start} reaches itself through {string.Join(", ", seen)}");
                if (seen.Add(at))
                    foreach (var next in uses[at]) pending.Push(next);
            }
        }
    }

    private static bool Uses(string from, string to) =>
        Types.InAssembly(Core).That().ResideInNamespace($"CptKb.Core.{from}").And().HaveDependencyOn($"CptKb.Core.{to}").GetTypes().Any();

    [Theory]
    [InlineData("CptKb.Web")]
    [InlineData("Microsoft.AspNetCore")]
    [InlineData("MudBlazor")]
    public void Core_knows_nothing_of_the_web_app(string dependency)
    {
        var result = Types.InAssembly(Core).ShouldNot().HaveDependencyOn(dependency).GetResult();
        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }
}
