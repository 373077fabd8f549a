using System.Reflection;
using CptKb.Bench.Harness;
using CptKb.Core.Parsing;
using Markdig;

namespace CptKb.Bench.Parse;

/// <summary>
/// Where the parser's time goes: its internal stages timed one by one over the same texts. The stages are internal
/// to CptKb.Core, so they are reached by reflection (bench-only; looked up once, outside the timings).
/// </summary>
internal static class ParserStages
{
    public sealed record Breakdown(double KeyPayersSeconds, double ConvertSeconds, double MarkdigOnConvertedSeconds, double TotalSeconds)
    {
        /// <summary>Everything else: walking the Markdig tree into sections, facts, modifiers, gaps and the article.</summary>
        public double WalkSeconds => TotalSeconds - KeyPayersSeconds - ConvertSeconds - MarkdigOnConvertedSeconds;
    }

    public static Breakdown? Measure(string[] texts, int rounds)
    {
        var core = typeof(PublicationParser).Assembly;
        var findKeyPayers = typeof(PublicationParser).GetMethod("FindKeyPayers", BindingFlags.NonPublic | BindingFlags.Static);
        var convert = core.GetType("CptKb.Core.Parsing.FlatTextConverter")?.GetMethod("Convert", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static);
        var markdownOf = core.GetType("CptKb.Core.Parsing.ConvertedText")?.GetProperty("Markdown");
        if (findKeyPayers is null || convert is null || markdownOf is null)
            return null; // The parser's insides changed; the breakdown is skipped rather than wrong.
        var keyPayers = findKeyPayers.CreateDelegate<Func<string, IReadOnlyList<string>>>();
        var toMarkdown = convert.CreateDelegate<Func<string, IReadOnlyList<string>, object>>();

        var payers = texts.Select(keyPayers).ToArray();
        var converted = texts.Select((t, i) => (string)markdownOf.GetValue(toMarkdown(t, payers[i]))!).ToArray();

        double Median(Action run) => Stats.Median(Rounds.Measure(1, rounds, run));
        return new Breakdown(
            Median(() => { foreach (var t in texts) keyPayers(t); }),
            Median(() => { for (var i = 0; i < texts.Length; i++) toMarkdown(texts[i], payers[i]); }),
            Median(() => { foreach (var md in converted) Markdown.Parse(md, PublicationParser.Pipeline); }),
            Median(() => { foreach (var t in texts) PublicationParser.Parse(t); }));
    }
}
