using System.Text.RegularExpressions;
using CptKb.Core.Samples;

namespace CptKb.Bench.Search;

/// <summary>One query of the fixed set, in CptKb's query language, and its kind for the report.</summary>
internal sealed record BenchQuery(string Kind, string Text);

/// <summary>
/// A query reduced to what every engine can be told: required words, phrases, prefixes, codes, code prefixes,
/// code ranges, field filters and excluded words. Each peer translates it into its own syntax.
/// </summary>
internal sealed record QueryParts(
    IReadOnlyList<string> Words,
    IReadOnlyList<string> Phrases,
    IReadOnlyList<string> Prefixes,
    IReadOnlyList<string> Codes,
    IReadOnlyList<string> CodePrefixes,
    IReadOnlyList<(int From, int To)> Ranges,
    IReadOnlyList<(string Field, string Value)> Fields,
    IReadOnlyList<string> Excluded);

/// <summary>The fixed query set of the search bench: at least 50 queries of every kind the issue names.</summary>
internal static partial class BenchQueries
{
    /// <summary>The queries; the codes come from the corpus's first documents, so they exist at every corpus size.</summary>
    public static IReadOnlyList<BenchQuery> For(CorpusGenerator generator)
    {
        var first = Enumerable.Range(0, 400).Select(generator.Generate).ToList();
        var codes = first.Select(d => d.Code).Where(c => char.IsAsciiDigit(c[^1])).Take(5).ToList();
        var categoryIII = first.First(d => d.Code.EndsWith('T')).Code;
        return
        [
            .. Words("rare word", "sesamoid", "sequestrectomy", "lymphoscintigraphy", "kyphoplasty", "capsulorrhaphy", "neurolysis", "myelography", "hyoid", "contracture", "vertebroplasty"),
            .. Words("common word", "documentation", "knee", "repair", "medicare", "payment", "modifier", "surgical", "claim", "osteoarthritis", "reimbursement"),
            .. Words("two words", "knee arthroscopy", "rotator cuff", "prior authorization", "fee schedule", "lumbar fusion", "bone graft", "carpal tunnel", "mri contrast"),
            .. Words("phrase", "\"medically necessary\"", "\"global period\"", "\"distinct procedural service\"", "\"ambulatory surgery center\"", "\"open reduction\"", "\"data not available\""),
            .. Words("prefix", "arthro*", "lami*", "reimburs*", "cholecyst*", "angio*", "endo*"),
            .. Words("code", [.. codes, categoryIII]),
            .. Words("code prefix", "209*", "992*"),
            .. Words("code range", "20955-20970", "27440-27450", "70010-70559", "99202-99215"),
            .. Words("field", "payer:aetna", "payer:\"blue cross blue shield\"", "mod:59", "modifier:22", "section:\"clinical context\" fracture", "site:\"ambulatory surgery center\""),
            .. Words("mixed", "payer:medicare knee", "mod:50 bilateral", "knee -pediatric", "20962 payer:cigna"),
        ];
    }

    private static IEnumerable<BenchQuery> Words(string kind, params string[] texts) => texts.Select(t => new BenchQuery(kind, t));

    [GeneratedRegex("""(?<excluded>-)?(?:(?<field>[a-z]+):)?(?:"(?<phrase>[^"]*)"|(?<word>\S+))""")]
    private static partial Regex Token();

    [GeneratedRegex(@"^\d{4}[0-9A-Z]$")]
    private static partial Regex Code();

    [GeneratedRegex(@"^(\d{5})-(\d{5})$")]
    private static partial Regex Range();

    /// <summary>Splits a query of the fixed set into its parts (the set only uses forms this understands).</summary>
    public static QueryParts Parse(string query)
    {
        List<string> words = [], phrases = [], prefixes = [], codes = [], codePrefixes = [], excluded = [];
        List<(int, int)> ranges = [];
        List<(string, string)> fields = [];
        foreach (Match m in Token().Matches(query))
        {
            var value = m.Groups["phrase"].Success ? m.Groups["phrase"].Value : m.Groups["word"].Value;
            if (m.Groups["excluded"].Success)
                excluded.Add(value);
            else if (m.Groups["field"].Success)
                fields.Add((m.Groups["field"].Value == "modifier" ? "mod" : m.Groups["field"].Value, value));
            else if (m.Groups["phrase"].Success)
                phrases.Add(value);
            else if (Range().Match(value) is { Success: true } range)
                ranges.Add((int.Parse(range.Groups[1].Value), int.Parse(range.Groups[2].Value)));
            else if (Code().IsMatch(value.ToUpperInvariant()))
                codes.Add(value.ToUpperInvariant());
            else if (value.EndsWith('*') && value[..^1].All(char.IsAsciiDigit))
                codePrefixes.Add(value[..^1]);
            else if (value.EndsWith('*'))
                prefixes.Add(value[..^1]);
            else
                words.Add(value);
        }
        return new QueryParts(words, phrases, prefixes, codes, codePrefixes, ranges, fields, excluded);
    }
}
