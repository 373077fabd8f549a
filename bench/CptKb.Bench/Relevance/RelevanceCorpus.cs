using System.Text;
using CptKb.Core.Samples;
using CptKb.Bench.Harness;
using CptKb.Core.Articles;

namespace CptKb.Bench.Relevance;

/// <summary>
/// The corpus the judged queries (<see cref="RelevanceSet"/>) are asked over, the same on every run: the real seed (20962),
/// the test fixtures (20955, 27447, 0042T), the written publications beside this file (neighbouring graft and flap codes,
/// and common codes of other ranges), and generated publications as distractors. A generated publication whose code one
/// of the others has is left out, so every judged article is the one written for it.
/// </summary>
internal static class RelevanceCorpus
{
    /// <summary>Generated publications added as distractors.</summary>
    public const int GeneratedDocuments = 200;

    /// <summary>The written publications, under the repository root.</summary>
    public static IEnumerable<string> WrittenFiles =>
    [
        .. Directory.GetFiles(Path.Combine(RepoPaths.Root, "seeds"), "*.txt").Order(StringComparer.Ordinal),
        .. new[] { "20955.txt", "27447.txt", "0042T.md" }.Select(f => Path.Combine(RepoPaths.Root, "CptKb.Tests", "Fixtures", "Corpus", f)),
        .. Directory.GetFiles(Path.Combine(RepoPaths.Root, "bench", "CptKb.Bench", "Relevance", "Corpus"), "*.txt").Order(StringComparer.Ordinal),
    ];

    /// <summary>Writes the corpus into <paramref name="folder"/> (created when missing); returns how many files it wrote.</summary>
    public static int Write(string folder)
    {
        Directory.CreateDirectory(folder);
        var written = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var count = 0;
        foreach (var file in WrittenFiles)
        {
            var text = File.ReadAllText(file);
            File.WriteAllText(Path.Combine(folder, "written-" + Path.GetFileName(file)), text, new UTF8Encoding(false));
            written.Add(CodeOf(text) ?? "");
            count++;
        }
        var generator = new CorpusGenerator();
        for (var i = 0; i < GeneratedDocuments; i++)
        {
            var publication = generator.Generate(i);
            if (written.Contains(publication.Code)) continue;
            File.WriteAllText(Path.Combine(folder, "generated-" + publication.FileName), publication.Text, new UTF8Encoding(false));
            count++;
        }
        return count;
    }

    // The code of a written publication's title line ("CPT 20962: ..."), to leave out a generated one with the same code.
    private static string? CodeOf(string text)
    {
        var at = text.IndexOf("CPT ", StringComparison.Ordinal);
        return at >= 0 && at + 9 <= text.Length && CptCode.TryParse(text.Substring(at + 4, 5), out var code) ? code.Value : null;
    }
}
