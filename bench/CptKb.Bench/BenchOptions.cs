namespace CptKb.Bench;

/// <summary>The command line: <c>--docs N [--out DIR] [--corpus DIR] [--quick] [--only parse,import,search,relevance,huge,pages,circuits,watch,changes,exports,compare,matrix] [--seed S]</c>.</summary>
internal sealed record BenchOptions
{
    public static readonly string[] AllBenches = ["parse", "import", "search", "relevance", "huge", "pages", "circuits", "watch", "changes", "exports", "compare", "matrix"];

    /// <summary>What runs when <c>--only</c> is not given: every bench but <c>huge</c>, which imports two 16 MB documents of its own.</summary>
    public static readonly string[] DefaultBenches = [.. AllBenches.Where(b => b != "huge")];

    public int Docs { get; init; } = 10_000;
    public string OutFolder { get; init; } = Path.Combine(Harness.RepoPaths.Root, "bench-out");
    public string? CorpusFolder { get; init; }
    public bool Quick { get; init; }
    public IReadOnlyList<string> Only { get; init; } = DefaultBenches;
    public ulong Seed { get; init; } = CptKb.Core.Samples.CorpusGenerator.DefaultSeed;

    /// <summary>The corpus folder: given, or one per size and seed under the out folder, reused between runs.</summary>
    public string Corpus => CorpusFolder ?? Path.Combine(OutFolder, $"corpus-{Docs}-seed{Seed}");

    public bool Runs(string bench) => Only.Contains(bench, StringComparer.OrdinalIgnoreCase);

    public const string Usage =
        "usage: dotnet run -c Release --project bench/CptKb.Bench -- [--docs N] [--out DIR] [--corpus DIR] [--quick] [--only parse,import,search,relevance,huge,pages,circuits,watch,changes,exports,compare,matrix] [--seed S]";

    /// <summary>Reads the arguments, or returns null with the reason in <paramref name="error"/>.</summary>
    public static BenchOptions? Parse(IReadOnlyList<string> args, out string error)
    {
        error = "";
        var options = new BenchOptions();
        var docsGiven = false;
        for (var i = 0; i < args.Count; i++)
        {
            string? Value() => i + 1 < args.Count ? args[++i] : null;
            switch (args[i])
            {
                case "--docs" when int.TryParse(Value(), out var docs) && docs > 0 && docs <= CptKb.Core.Samples.CorpusGenerator.MaxDocuments:
                    options = options with { Docs = docs };
                    docsGiven = true;
                    break;
                case "--out" when Value() is { } outFolder:
                    options = options with { OutFolder = Path.GetFullPath(outFolder) };
                    break;
                case "--corpus" when Value() is { } corpus:
                    options = options with { CorpusFolder = Path.GetFullPath(corpus) };
                    break;
                case "--quick":
                    options = options with { Quick = true };
                    break;
                case "--only" when Value() is { } only:
                    var names = only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (names.Length == 0 || names.Any(n => !AllBenches.Contains(n, StringComparer.OrdinalIgnoreCase)))
                    {
                        error = $"--only takes a comma-separated list of {string.Join(", ", AllBenches)}";
                        return null;
                    }
                    options = options with { Only = [.. names.Select(n => n.ToLowerInvariant())] };
                    break;
                case "--seed" when ulong.TryParse(Value(), out var seed):
                    options = options with { Seed = seed };
                    break;
                case "-h" or "--help":
                    error = Usage;
                    return null;
                default:
                    error = $"unknown or incomplete argument '{args[i]}' (--docs takes 1..{CptKb.Core.Samples.CorpusGenerator.MaxDocuments})\n{Usage}";
                    return null;
            }
        }
        if (options.Quick && !docsGiven)
            options = options with { Docs = 500 };
        return options;
    }
}
