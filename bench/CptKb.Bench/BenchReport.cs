using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CptKb.Bench.Harness;

namespace CptKb.Bench;

/// <summary>One line of the results table: CptKb's figure beside its limit, the ratio and the target.</summary>
internal sealed record Figure(string Bench, string Measure, string CptKb, string? Limit = null, string? Ratio = null, string? Target = null, bool? Met = null);

/// <summary>What one bench measured: its table lines, notes that qualify them, and raw numbers for the JSON.</summary>
internal sealed record BenchResult(string Bench, IReadOnlyList<Figure> Figures, IReadOnlyList<string> Notes, object Details);

/// <summary>A whole run: machine, command, corpus and every bench's result.</summary>
internal sealed record BenchReport(MachineInfo Machine, string Command, CorpusInfo Corpus, IReadOnlyList<BenchResult> Results)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The results as a Markdown table, ready to paste into BENCHMARKS.md.</summary>
    public string ToTable()
    {
        string[] header = ["bench", "measure", "CptKb", "limit / peer", "ratio", "target", "met"];
        var rows = Results.SelectMany(r => r.Figures).Select(f => new[]
        {
            f.Bench, f.Measure, f.CptKb, f.Limit ?? "", f.Ratio ?? "", f.Target ?? "", f.Met switch { true => "yes", false => "**no**", null => "" },
        }).ToList();
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var sb = new StringBuilder();
        void Row(string[] cells) => sb.Append("| ").Append(string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i])))).Append(" |\n");
        Row(header);
        Row([.. widths.Select(w => new string('-', w))]);
        rows.ForEach(Row);
        foreach (var note in Results.SelectMany(r => r.Notes.Select(n => $"- {r.Bench}: {n}")))
            sb.Append(note).Append('\n');
        return sb.ToString();
    }
}

/// <summary>The corpus a run measured.</summary>
internal sealed record CorpusInfo(string Folder, int Documents, long Bytes, ulong Seed)
{
    public double AverageBytes => Documents == 0 ? 0 : (double)Bytes / Documents;
}

/// <summary>Number formats used in the table.</summary>
internal static class Format
{
    public static string Ratio(double cptkb, double limit) => $"{cptkb / limit:0.00}x";
    public static string Seconds(double s) => s >= 10 ? $"{s:0.0} s" : $"{s:0.00} s";
    public static string Ms(double ms) => ms >= 100 ? $"{ms:0} ms" : ms >= 10 ? $"{ms:0.0} ms" : $"{ms:0.00} ms";
    public static string Rate(double perSecond, string unit) => $"{perSecond:N0} {unit}/s";
}
