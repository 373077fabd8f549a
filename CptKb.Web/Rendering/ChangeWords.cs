using System.Globalization;
using CptKb.Core.Articles;
using CptKb.Core.Changes;

namespace CptKb.Web.Rendering;

/// <summary>Changes between revisions in the words the pages, the feed and the API show.</summary>
public static class ChangeWords
{
    /// <summary>Every kind in the order filters list them.</summary>
    public static IReadOnlyList<ChangeKind> Kinds { get; } = Enum.GetValues<ChangeKind>();

    /// <summary>The kind as written in addresses and the API: <c>stance-changed</c>.</summary>
    public static string Slug(ChangeKind kind)
    {
        var name = kind.ToString();
        var sb = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
                sb.Append('-');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }

    /// <summary>Reads a kind written as its slug (<c>stance-changed</c>) or its name (<c>StanceChanged</c>).</summary>
    public static bool TryParse(string? text, out ChangeKind kind)
    {
        kind = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var wanted = text.Trim();
        foreach (var candidate in Kinds)
        {
            if (string.Equals(Slug(candidate), wanted, StringComparison.OrdinalIgnoreCase)
                || string.Equals(candidate.ToString(), wanted, StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }
        return false;
    }

    /// <summary>The kind in a few words: "Stance changed".</summary>
    public static string Label(ChangeKind kind) => kind switch
    {
        ChangeKind.ArticleAdded => "Article added",
        ChangeKind.TitleChanged => "Title changed",
        ChangeKind.KeyPayerAdded => "Key payer added",
        ChangeKind.KeyPayerRemoved => "Key payer removed",
        ChangeKind.FactChanged => "Fact changed",
        ChangeKind.FactAdded => "Fact added",
        ChangeKind.FactRemoved => "Fact removed",
        ChangeKind.ModifierAdded => "Modifier added",
        ChangeKind.ModifierRemoved => "Modifier removed",
        ChangeKind.ModifierChanged => "Modifier changed",
        ChangeKind.StanceChanged => "Stance changed",
        ChangeKind.PriorAuthorizationChanged => "Prior authorization changed",
        ChangeKind.BenchmarkChanged => "Benchmark changed",
        ChangeKind.PayerTextChanged => "Payer text changed",
        ChangeKind.PayerDataMissing => "Payer data became missing",
        ChangeKind.PayerDataAvailable => "Payer data became available",
        ChangeKind.SectionTextChanged => "Section text changed",
        ChangeKind.SectionAdded => "Section added",
        ChangeKind.SectionRemoved => "Section removed",
        ChangeKind.DataGapAdded => "Data gap added",
        ChangeKind.DataGapResolved => "Data gap resolved",
        ChangeKind.ArticleWithdrawn => "Article withdrawn",
        ChangeKind.ArticleRestored => "Article restored",
        _ => kind.ToString(),
    };

    /// <summary>The words of a cell of the modifier table.</summary>
    public static string Label(ModifierCell cell) => cell switch
    {
        ModifierCell.Code => "code",
        ModifierCell.Description => "description",
        _ => "when to use",
    };

    /// <summary>A value as shown: a stance's name in the stance's words, anything else as it is.</summary>
    public static string? Value(ArticleChange change, string? value) =>
        change.Kind == ChangeKind.StanceChanged && Enum.TryParse<CoverageStance>(value, out var stance) ? StanceWords.Describe(stance) : value;

    /// <summary>One change in a short phrase: "Aetna: covered → covered with prior authorization", "modifier 59 added".</summary>
    public static string Phrase(ArticleChange change) => Phrase(change, withPayer: true);

    private static string Phrase(ArticleChange change, bool withPayer)
    {
        var payer = withPayer && change.Payer is { } p ? p + ": " : "";
        var label = change.Label ?? "";
        return change.Kind switch
        {
            ChangeKind.ArticleAdded => "first revision",
            ChangeKind.TitleChanged => "title changed",
            ChangeKind.KeyPayerAdded => $"{change.Payer} added as a key payer",
            ChangeKind.KeyPayerRemoved => $"{change.Payer} no longer a key payer",
            ChangeKind.FactChanged => $"{payer}{label} changed",
            ChangeKind.FactAdded => $"{payer}{label} added",
            ChangeKind.FactRemoved => $"{payer}{label} removed",
            ChangeKind.ModifierAdded => $"modifier {label} added",
            ChangeKind.ModifierRemoved => $"modifier {label} removed",
            ChangeKind.ModifierChanged => $"modifier {label}: {(change.Cell is { } cell ? Label(cell) : "row")} changed",
            ChangeKind.StanceChanged => $"{payer}{Lower(Value(change, change.Before))} → {Lower(Value(change, change.After))}",
            ChangeKind.PriorAuthorizationChanged => $"{payer}prior authorization changed",
            ChangeKind.BenchmarkChanged => $"{payer}benchmark changed",
            ChangeKind.PayerTextChanged => $"{payer}text changed",
            ChangeKind.PayerDataMissing => $"{payer}data became missing",
            ChangeKind.PayerDataAvailable => $"{payer}data became available",
            ChangeKind.SectionTextChanged => $"{label} text changed",
            ChangeKind.SectionAdded => $"section {label} added",
            ChangeKind.SectionRemoved => $"section {label} removed",
            ChangeKind.DataGapAdded => $"data gap added in {Place(change)}",
            ChangeKind.DataGapResolved => $"data gap resolved in {Place(change)}",
            ChangeKind.ArticleWithdrawn => "withdrawn",
            ChangeKind.ArticleRestored => "restored",
            _ => Label(change.Kind),
        };
    }

    /// <summary>
    /// A revision's changes in one line, the ones readers act on first (withdrawals, stances, prior authorization,
    /// benchmarks, modifiers): "Aetna: covered → covered with prior authorization; modifier 59 added; 3 more".
    /// </summary>
    public static string Summary(IReadOnlyList<ArticleChange> changes, int total, int most = 3)
    {
        if (total == 0)
            return "no change to the content";
        var shown = changes.OrderBy(c => Weight(c.Kind)).Take(most).ToList();
        var more = total - shown.Count;
        // One payer's changes read as one clause: "Aetna: covered → not covered, benchmark changed".
        var clauses = new List<string>();
        foreach (var group in shown.GroupBy(c => SaysItsPayerFirst(c.Kind) ? c.Payer : null))
        {
            if (group.Key is { } payer)
                clauses.Add(payer + ": " + string.Join(", ", group.Select(c => Phrase(c, withPayer: false))));
            else
                clauses.AddRange(group.Select(Phrase));
        }
        var line = string.Join("; ", clauses);
        return more > 0 ? $"{line}; {more.ToString(CultureInfo.InvariantCulture)} more" : line;
    }

    private static bool SaysItsPayerFirst(ChangeKind kind) => kind is ChangeKind.FactChanged or ChangeKind.FactAdded or ChangeKind.FactRemoved
        or ChangeKind.StanceChanged or ChangeKind.PriorAuthorizationChanged or ChangeKind.BenchmarkChanged or ChangeKind.PayerTextChanged
        or ChangeKind.PayerDataMissing or ChangeKind.PayerDataAvailable;

    private static int Weight(ChangeKind kind) => kind switch
    {
        ChangeKind.ArticleWithdrawn or ChangeKind.ArticleRestored or ChangeKind.ArticleAdded => 0,
        ChangeKind.StanceChanged => 1,
        ChangeKind.PriorAuthorizationChanged or ChangeKind.BenchmarkChanged => 2,
        ChangeKind.ModifierAdded or ChangeKind.ModifierRemoved or ChangeKind.ModifierChanged => 3,
        ChangeKind.TitleChanged or ChangeKind.KeyPayerAdded or ChangeKind.KeyPayerRemoved => 4,
        ChangeKind.PayerDataMissing or ChangeKind.PayerDataAvailable or ChangeKind.DataGapAdded or ChangeKind.DataGapResolved => 5,
        ChangeKind.FactChanged or ChangeKind.FactAdded or ChangeKind.FactRemoved => 6,
        _ => 7,
    };

    private static string Place(ArticleChange change) =>
        change.Payer is { } payer ? change.Label is { } label ? $"{payer} {label}" : payer
        : change.Label ?? LastPart(change.Section) ?? "the article";

    /// <summary>The last heading of a section path.</summary>
    public static string? LastPart(string? path) => path is null ? null : path[(path.LastIndexOf(" > ", StringComparison.Ordinal) is var i and >= 0 ? i + 3 : 0)..];

    private static string Lower(string? text) =>
        string.IsNullOrEmpty(text) ? "—" : char.ToLowerInvariant(text[0]) + text[1..];
}
