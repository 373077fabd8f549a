using System.Reflection;
using CptKb.Web.Components;
using CptKb.Web.Components.Pages.Payers;
using Microsoft.AspNetCore.Components;

namespace CptKb.Tests.Components;

/// <summary>Page addresses that name a record (a code, a payer, a modifier) must reach every record, whatever its name.</summary>
public sealed class RouteTests
{
    private static readonly List<string[]> Routes = [.. typeof(PayerPage).Assembly.GetTypes()
        .SelectMany(type => type.GetCustomAttributes<RouteAttribute>())
        .Select(route => route.Template.Trim('/').Split('/'))];

    [Fact]
    public void No_fixed_address_hides_a_record_with_the_same_name()
    {
        var clashes =
            from named in Routes
            from at in Enumerable.Range(0, named.Length).Where(i => named[i].StartsWith('{'))
            from other in Routes
            where other.Length == named.Length && other[..at].SequenceEqual(named[..at]) && !other[at].StartsWith('{')
            select $"/{string.Join('/', other)} hides the record named \"{other[at]}\" of /{string.Join('/', named)}";

        Assert.Empty(clashes);
    }

    [Fact]
    public void The_payer_matrix_and_the_payer_pages_have_addresses_of_their_own()
    {
        Assert.Contains(Routes, r => r is ["payers", "{Payer}"]);
        Assert.Contains(Routes, r => "/" + string.Join('/', r) == Links.PayerMatrix);
        Assert.False(Links.PayerMatrix.StartsWith(Links.Payers + "/", StringComparison.Ordinal));
    }
}
