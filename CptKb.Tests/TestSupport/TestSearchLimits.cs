using CptKb.Core.Search;

namespace CptKb.Tests.TestSupport;

/// <summary>
/// The search time budget every test host gets: long enough that a loaded test machine never runs out of it, so what a
/// test asserts about results does not hang on the machine's speed. The budget itself is tested with small ones.
/// </summary>
internal static class TestSearchLimits
{
    public const string Key = "Kb:Search:TimeBudgetMilliseconds";

    public const string Value = "60000";

    public static SearchLimits Limits { get; } = new() { TimeBudget = TimeSpan.FromMilliseconds(int.Parse(Value, System.Globalization.CultureInfo.InvariantCulture)) };
}
