namespace CptKb.Bench;

/// <summary>The command line: <c>--docs N[,N...] [--out DIR] [--corpus DIR] [--quick] [--only parse,import,search,relevance,huge,pages,circuits,watch,changes,exports,compare,matrix,engines,proxy] [--seed S]</c>.</summary>
internal sealed record BenchOptions
{
    public static readonly string[] AllBenches = ["parse", "import", "search", "relevance", "huge", "pages", "circuits", "watch", "changes", "exports", "compare", "matrix", "engines", "proxy"];

    /// <summary>
    /// What runs when <c>--only</c> is not given: every bench but <c>huge</c>, which imports two 16 MB documents of its own,
    /// and the two that start a PostgreSQL cluster (<c>engines</c>, <c>proxy</c>).
    /// </summary>
    public static readonly string[] DefaultBenches = [.. AllBenches.Where(b => b is not ("huge" or "engines" or "proxy"))];

    /// <summary>The benches that generate or import their corpus themselves and need no shared corpus folder.</summary>
    private static readonly string[] OwnCorpus = ["engines"];

    public int Docs { get; init; } = 10_000;

    /// <summary>Every size given to <c>--docs</c> (<c>--docs 10000,100000</c>), read by the engines bench; the first is <see cref="Docs"/>.</summary>
    public IReadOnlyList<int> Sizes
    {
        get => sizes ?? [Docs];
        init => sizes = value;
    }

    private readonly IReadOnlyList<int>? sizes;
    public string OutFolder { get; init; } = Path.Combine(Harness.RepoPaths.Root, "bench-out");
    public string? CorpusFolder { get; init; }
    public bool Quick { get; init; }
    public IReadOnlyList<string> Only { get; init; } = DefaultBenches;
    public ulong Seed { get; init; } = CptKb.Core.Samples.CorpusGenerator.DefaultSeed;

    /// <summary>The corpus folder: given, or one per size and seed under the out folder, reused between runs.</summary>
    public string Corpus => CorpusFolder ?? Path.Combine(OutFolder, $"corpus-{Docs}-seed{Seed}");

    public bool Runs(string bench) => Only.Contains(bench, StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether any chosen bench reads the shared corpus folder.</summary>
    public bool NeedsCorpus => Only.Any(b => !OwnCorpus.Contains(b, StringComparer.OrdinalIgnoreCase));

    public const string Usage =
        "usage: dotnet run -c Release --project bench/CptKb.Bench -- [--docs N] [--out DIR] [--corpus DIR] [--quick] [--only parse,import,search,relevance,huge,pages,circuits,watch,changes,exports,compare,matrix,engines,proxy] [--seed S]\n" +
        "  --docs 10000,100000: several sizes, for the engines bench only (SQLite and PostgreSQL side by side at each)";

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
                case "--docs" when ReadSizes(Value()) is { } list:
                    options = options with { Docs = list[0], Sizes = list };
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
            options = options with { Docs = 500, Sizes = [500] };
        if (options.Sizes.Count > 1 && options.Only.Any(b => !OwnCorpus.Contains(b, StringComparer.OrdinalIgnoreCase)))
        {
            error = $"--docs takes several sizes only with --only {string.Join(",", OwnCorpus)}; the other benches read one corpus";
            return null;
        }
        return options;
    }

    private static int[]? ReadSizes(string? value)
    {
        if (value is null)
            return null;
        var parts = value.Split(',', StringSplitOptions.TrimEntries);
        var sizes = parts.Select(p => int.TryParse(p, out var n) && n > 0 && n <= CptKb.Core.Samples.CorpusGenerator.MaxDocuments ? n : 0).ToArray();
        return sizes.Length > 0 && sizes.All(n => n > 0) ? sizes : null;
    }
}
