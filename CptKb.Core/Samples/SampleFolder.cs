using System.Text;
using CptKb.Core.Parsing;

namespace CptKb.Core.Samples;

/// <summary>
/// The files of a generated sample in a folder: written from <see cref="CorpusGenerator"/> with the sample mark, and
/// removed again by that mark. A file without the mark is never written over nor deleted.
/// </summary>
public static class SampleFolder
{
    /// <summary>The largest sample the <c>sample</c> command writes.</summary>
    public const int MaxCount = 10_000;

    /// <summary>
    /// Makes the folder hold the sample of <paramref name="count"/> publications: documents 0, 1, 2... of the default
    /// seed, passing over codes in <paramref name="avoid"/>; a file that already holds the same text is left alone, and
    /// sample files of an earlier, larger sample are deleted. Returns the codes of the sample, in file order.
    /// </summary>
    /// <param name="folder">Created when missing.</param>
    /// <param name="count">1 to <see cref="MaxCount"/>.</param>
    /// <param name="avoid">Codes the sample must not take (those of real publications).</param>
    /// <exception cref="IOException">The folder cannot be made or written.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder may not be written.</exception>
    public static IReadOnlyList<string> Write(string folder, int count, IReadOnlySet<string> avoid)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxCount);
        Directory.CreateDirectory(folder);
        var generator = new CorpusGenerator(markAsSample: true);
        var chosen = new List<int>(count);
        for (var index = 0; chosen.Count < count && index < CorpusGenerator.MaxDocuments; index++)
        {
            if (!avoid.Contains(generator.CodeOf(index)))
                chosen.Add(index);
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        var codes = new List<string>(chosen.Count);
        foreach (var index in chosen)
        {
            var publication = generator.Generate(index);
            var path = Path.Combine(folder, publication.FileName);
            var bytes = Encoding.UTF8.GetBytes(publication.Text);
            // The same bytes keep the file as it is, so a second run imports nothing anew.
            if (!File.Exists(path) || !File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
                File.WriteAllBytes(path, bytes);
            names.Add(publication.FileName);
            codes.Add(publication.Code);
        }
        Remove(folder, keep: names);
        return codes;
    }

    /// <summary>
    /// Deletes the sample's files from the folder (the <c>*.txt</c> files that carry <see cref="SampleMark.Line"/>), except
    /// those named in <paramref name="keep"/>, then the folder itself when that leaves it empty. Returns how many were deleted.
    /// </summary>
    /// <param name="folder">A folder that may not exist (then nothing is done).</param>
    /// <param name="keep">File names (without folder) to keep; null deletes every sample file.</param>
    public static int Remove(string folder, IReadOnlySet<string>? keep = null)
    {
        if (!Directory.Exists(folder))
            return 0;
        var deleted = 0;
        foreach (var path in Directory.EnumerateFiles(folder, "*.txt", SearchOption.TopDirectoryOnly))
        {
            if (keep?.Contains(Path.GetFileName(path)) == true || !IsSampleFile(path))
                continue;
            File.Delete(path);
            deleted++;
        }
        if (keep is null && !Directory.EnumerateFileSystemEntries(folder).Any())
            Directory.Delete(folder);
        return deleted;
    }

    // A sample file is a few kilobytes; anything much larger is not one, and is not read whole to find out.
    private static bool IsSampleFile(string path) =>
        new FileInfo(path).Length < 256 * 1024 && SampleMark.IsIn(PublicationParser.Normalize(File.ReadAllText(path)));
}
