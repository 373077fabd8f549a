using CptKb.Core.Articles;

namespace CptKb.Core.Compare;

/// <summary>
/// The codes asked for, read from what was typed or linked (<c>20955,20962</c>; commas, semicolons or blanks between
/// them): each code once, in the order given, at most <see cref="MaxCodes"/>; what could not be read is a problem naming it.
/// </summary>
/// <param name="Codes">The codes, each as <see cref="CptCode"/> writes it.</param>
/// <param name="Problems">What was not a code, named twice or past the sixth, in the order given.</param>
public sealed record CompareRequest(IReadOnlyList<string> Codes, IReadOnlyList<CompareProblem> Problems)
{
    /// <summary>The fewest codes a comparison needs.</summary>
    public const int MinCodes = 2;

    /// <summary>The most codes compared at once: six columns still read side by side on a laptop.</summary>
    public const int MaxCodes = 6;

    // What is read of a piece that is not a code, so a problem naming it stays short.
    private const int MaxNamed = 20;

    // A list longer than this is not read further: nobody types it, and it must not cost anything to refuse.
    private const int MaxPieces = 50;

    private static readonly char[] Separators = [',', ';', ' ', '\t', '\r', '\n', '+'];

    /// <summary>No codes.</summary>
    public static CompareRequest None { get; } = new([], []);

    /// <summary>Reads the page's and the API's <c>diff</c> parameter: absent, 0, 1, true or false (false when it is none of them).</summary>
    public static bool TryReadDiff(string? text, out bool onlyDifferences)
    {
        onlyDifferences = false;
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "0" or "false":
                return true;
            case "1" or "true":
                onlyDifferences = true;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Reads <paramref name="text"/>; never throws.</summary>
    public static CompareRequest Parse(string? text)
    {
        var codes = new List<string>();
        var problems = new List<CompareProblem>();
        var pieces = (text ?? "").Split(Separators, StringSplitOptions.RemoveEmptyEntries);
        foreach (var piece in pieces.Take(MaxPieces))
        {
            if (!CptCode.TryParse(piece, out var code))
                problems.Add(new CompareProblem(CompareProblemKind.NotACode, piece.Length <= MaxNamed ? piece : piece[..MaxNamed] + "…"));
            else if (codes.Contains(code.Value))
                problems.Add(new CompareProblem(CompareProblemKind.Duplicate, code.Value));
            else if (codes.Count >= MaxCodes)
                problems.Add(new CompareProblem(CompareProblemKind.TooMany, code.Value));
            else
                codes.Add(code.Value);
        }
        return new CompareRequest(codes, problems);
    }

    /// <summary>The same codes with <paramref name="code"/> added at the end, when it is a code, not already there, and there is room.</summary>
    public CompareRequest With(string code) =>
        CptCode.TryParse(code, out var parsed) && !Codes.Contains(parsed.Value) && Codes.Count < MaxCodes
            ? new CompareRequest([.. Codes, parsed.Value], [])
            : this with { Problems = [] };

    /// <summary>The same codes without <paramref name="code"/>.</summary>
    public CompareRequest Without(string code) => new([.. Codes.Where(c => !string.Equals(c, code, StringComparison.OrdinalIgnoreCase))], []);
}
