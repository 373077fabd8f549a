using System.Globalization;
using System.IO.Enumeration;
using System.Security;

namespace CptKb.Core.Import;

/// <summary>How far a <see cref="FolderWalk"/> may go, and how long an import waits for another node's; hosts bind it from <see cref="SectionName"/>.</summary>
public sealed class FolderWalkLimits
{
    /// <summary>The configuration section hosts read these settings from.</summary>
    public const string SectionName = "Kb:Import";

    /// <summary>Folders more than this many levels below the import folder are reported and not read (<c>Kb:Import:MaxDepth</c>).</summary>
    public int MaxDepth { get; set; } = 32;

    /// <summary>A folder with more publication files than this is not imported at all (<c>Kb:Import:MaxFiles</c>).</summary>
    public int MaxFiles { get; set; } = 200_000;

    /// <summary>
    /// Seconds an import waits for another node's import on the same PostgreSQL database before it stops with a message
    /// naming that node (<c>Kb:Import:LockWaitSeconds</c>).
    /// </summary>
    public double LockWaitSeconds { get; set; } = 600;

    /// <summary>The largest <see cref="LockWaitSeconds"/>: a day.</summary>
    public const double MaxLockWaitSeconds = 86_400;
}

/// <summary>Something in an import folder that was not read, and why.</summary>
/// <param name="Path">Its path relative to the import folder, with '/' separators.</param>
/// <param name="Reason">Why it was not read, as a sentence without its subject.</param>
public sealed record SkippedEntry(string Path, string Reason);

/// <summary>What a walk found in an import folder.</summary>
/// <param name="Files">The publication files' paths relative to the folder, with '/' separators, in ordinal order.</param>
/// <param name="Skipped">What was not read and why, in ordinal order of path.</param>
/// <param name="Error">Why the folder cannot be imported at all; then <paramref name="Files"/> and <paramref name="Skipped"/> are empty.</param>
public sealed record FolderListing(IReadOnlyList<string> Files, IReadOnlyList<SkippedEntry> Skipped, string? Error);

/// <summary>
/// The one walk through an import folder, for every way a folder is imported: which files are publications, and what is
/// left out. Publications are <c>*.txt</c> and <c>*.md</c> files (any letter case); hidden files and folders (a name
/// starting with a dot) are left out without a word.
/// </summary>
/// <remarks>
/// Symbolic links: a link to a file is read under the link's own name. A link to a folder is followed only when the folder
/// it fully resolves to has not been read in this walk, so neither a loop nor a second path to a folder reads anything
/// twice; the folder's own path below the import folder is read first, links are followed after, in order of their paths.
/// A link to the import folder or to a folder holding it is not followed. Every link not followed, and every dangling
/// link, is reported once. Folders deeper than <see cref="FolderWalkLimits.MaxDepth"/> are reported and not read.
/// </remarks>
public static class FolderWalk
{
    private static readonly string[] Extensions = [".txt", ".md"];

    // Linux gives up after 40 links in one path (ELOOP); so does this.
    private const int MaxLinksInPath = 40;

    /// <summary>Walks <paramref name="folder"/> within <paramref name="limits"/>.</summary>
    /// <returns>
    /// The files and what was skipped; or an <see cref="FolderListing.Error"/> when the folder does not exist, a folder
    /// in it cannot be read, or it holds more than <see cref="FolderWalkLimits.MaxFiles"/> publication files (importing
    /// part of it would pass for the whole).
    /// </returns>
    public static FolderListing List(string folder, FolderWalkLimits limits)
    {
        if (!Directory.Exists(folder))
            return Failed($"The import folder '{folder}' does not exist or is not a folder.");
        try
        {
            if (Resolve(folder) is not { Real: { } real })
                return Failed($"The import folder '{folder}' does not exist or is not a folder.");
            var walk = new Walk(limits, real);
            walk.Run(folder);
            return new FolderListing(walk.Files, walk.Skipped, null);
        }
        catch (TooManyFilesException)
        {
            var max = limits.MaxFiles.ToString("N0", CultureInfo.InvariantCulture);
            return Failed(
                $"The import folder '{folder}' holds more than {max} *.txt and *.md files ({FolderWalkLimits.SectionName}:MaxFiles); " +
                $"nothing was imported. Import its subfolders one at a time, or raise {FolderWalkLimits.SectionName}:MaxFiles.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SecurityException)
        {
            return Failed($"The import folder '{folder}' cannot be read: {ex.Message}");
        }
    }

    /// <summary>Whether a file name is a publication's: <c>.txt</c> or <c>.md</c>, in any letter case.</summary>
    public static bool IsPublication(string fileName) =>
        Extensions.Contains(Path.GetExtension(fileName), StringComparer.OrdinalIgnoreCase);

    private static FolderListing Failed(string error) => new([], [], error);

    private sealed class TooManyFilesException : Exception;

    private readonly record struct Entry(string Name, bool IsFolder, bool IsLink);

    /// <summary>A folder link waiting to be followed: where it is, and the folder it leads to.</summary>
    private sealed record FolderLink(string Relative, string Target, int Depth);

    private sealed class Walk(FolderWalkLimits limits, string realRoot)
    {
        // Real paths of the folders read so far, with the relative path each was read under ("" for the import folder).
        private readonly Dictionary<string, string> _read = new(PathComparer);
        private readonly PriorityQueue<FolderLink, string> _links = new(StringComparer.Ordinal);

        public List<string> Files { get; } = [];

        public List<SkippedEntry> Skipped { get; } = [];

        public void Run(string folder)
        {
            _read[realRoot] = "";
            ReadFolder(folder, realRoot, "", 0);
            while (_links.TryDequeue(out var link, out _))
                Follow(link);
            Files.Sort(StringComparer.Ordinal);
            Skipped.Sort((a, b) => StringComparer.Ordinal.Compare(a.Path, b.Path));
        }

        private void ReadFolder(string path, string real, string relative, int depth)
        {
            var options = new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = false };
            // Name and kind straight from the listing, without an object per entry; only a link costs a readlink.
            var entries = new FileSystemEnumerable<Entry>(path, (ref FileSystemEntry e) =>
                new Entry(e.FileName.ToString(), e.IsDirectory, (e.Attributes & FileAttributes.ReparsePoint) != 0), options);
            foreach (var (name, isFolder, isLink) in entries)
            {
                var childPath = Path.Join(path, name);
                var childRelative = relative.Length == 0 ? name : $"{relative}/{name}";
                if (isLink && new FileInfo(childPath).LinkTarget is { } linkTarget)
                    Link(childPath, linkTarget, childRelative, depth + 1);
                else if (isFolder)
                    Enter(childPath, Path.Join(real, name), childRelative, depth + 1);
                else
                    Add(childRelative);
            }
        }

        private void Enter(string path, string real, string relative, int depth)
        {
            if (depth > limits.MaxDepth)
            {
                Skip(relative, $"the folder is more than {limits.MaxDepth} folders below the import folder " +
                    $"({FolderWalkLimits.SectionName}:MaxDepth); it was not read");
                return;
            }
            // Only a mount of a folder inside itself gets here: plain folders form a tree.
            if (_read.TryGetValue(real, out var readAs))
            {
                Skip(relative, $"the folder is {Describe(readAs)}, already read; it was not read again");
                return;
            }
            _read[real] = relative;
            ReadFolder(path, real, relative, depth);
        }

        private void Link(string path, string linkTarget, string relative, int depth)
        {
            Resolved resolved;
            try
            {
                resolved = Resolve(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SecurityException)
            {
                resolved = new Resolved(null, $"which cannot be read ({ex.Message})");
            }
            if (resolved.Real is not { } target)
            {
                Skip(relative, $"the link leads to '{linkTarget}', {resolved.Problem}; it was not read");
                return;
            }
            if (Directory.Exists(target))
                _links.Enqueue(new FolderLink(relative, target, depth), relative);
            else
                Add(relative);
        }

        private void Follow(FolderLink link)
        {
            if (_read.TryGetValue(link.Target, out var readAs))
            {
                Skip(link.Relative, $"the link leads to {Describe(readAs)}, already read; it was not followed");
                return;
            }
            if (Holds(link.Target, realRoot))
            {
                Skip(link.Relative, $"the link leads to '{link.Target}', which holds the import folder; it was not followed");
                return;
            }
            Enter(link.Target, link.Target, link.Relative, link.Depth);
        }

        private void Add(string relative)
        {
            if (!IsPublication(relative))
                return;
            if (Files.Count >= limits.MaxFiles)
                throw new TooManyFilesException();
            Files.Add(relative);
        }

        private void Skip(string relative, string reason) => Skipped.Add(new SkippedEntry(relative, reason));

        private static string Describe(string relative) => relative.Length == 0 ? "the import folder itself" : $"the folder '{relative}'";

        private static bool Holds(string folder, string path) =>
            path.StartsWith(Path.EndsInDirectorySeparator(folder) ? folder : folder + Path.DirectorySeparatorChar, PathComparison);
    }

    // Linux file systems tell names apart by case; Windows' and macOS's usually do not.
    private static StringComparison PathComparison => OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    private static StringComparer PathComparer => OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;

    /// <summary>A path with every symbolic link in it resolved, as realpath(3) does; or why it cannot be.</summary>
    private readonly record struct Resolved(string? Real, string Problem);

    private static Resolved Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        var current = Path.GetPathRoot(full) ?? "";
        var rest = new Stack<string>();
        Push(rest, full[current.Length..]);
        var links = 0;
        while (rest.TryPop(out var part))
        {
            if (part == ".")
                continue;
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }
            var next = Path.Join(current, part);
            if (new FileInfo(next).LinkTarget is not { } target)
            {
                if (!Path.Exists(next))
                    return new Resolved(null, "which does not exist");
                current = next;
                continue;
            }
            if (++links > MaxLinksInPath)
                return new Resolved(null, "a loop of links that never reaches a file or folder");
            if (Path.IsPathRooted(target))
                current = Path.GetPathRoot(target) ?? current;
            Push(rest, Path.IsPathRooted(target) ? target[current.Length..] : target);
        }
        return new Resolved(current, "");
    }

    private static void Push(Stack<string> rest, string path)
    {
        var parts = path.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        for (var i = parts.Length - 1; i >= 0; i--)
            rest.Push(parts[i]);
    }
}
