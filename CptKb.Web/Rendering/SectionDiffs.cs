using System.Text;
using CptKb.Core.Articles;
using CptKb.Core.Changes;

namespace CptKb.Web.Rendering;

/// <summary>How a section fares between two revisions.</summary>
public enum SectionStatus
{
    /// <summary>The same text in both.</summary>
    Unchanged,
    /// <summary>Its text changed.</summary>
    Changed,
    /// <summary>Only in the newer revision.</summary>
    Added,
    /// <summary>Only in the older revision.</summary>
    Removed,
}

/// <summary>One section of two revisions compared word by word: its facts, its modifier rows and its prose, as read.</summary>
/// <param name="Path">The section's path, e.g. "Payer Coverage &amp; Benchmarks &gt; Aetna".</param>
/// <param name="Heading">Its heading.</param>
/// <param name="Anchor">An anchor for it on the diff page.</param>
/// <param name="Status">How it fares.</param>
/// <param name="Diff">The word-level diff; empty sides for an added or removed section.</param>
public sealed record SectionDiff(string Path, string Heading, string Anchor, SectionStatus Status, TextDiff Diff);

/// <summary>Compares two revisions section by section, in the newer revision's order, removed sections last.</summary>
public static class SectionDiffs
{
    /// <summary>Every section of either revision with its diff.</summary>
    public static IReadOnlyList<SectionDiff> Of(Article? before, Article after)
    {
        var result = new List<SectionDiff>();
        var old = before?.Sections.GroupBy(s => s.Path).ToDictionary(g => g.Key, g => g.First()) ?? [];
        var seen = new HashSet<string>();
        foreach (var section in after.Sections)
        {
            if (!seen.Add(section.Path))
                continue;
            var now = TextOf(after, section);
            if (old.TryGetValue(section.Path, out var was))
            {
                var diff = WordDiff.Compare(TextOf(before!, was), now);
                result.Add(new SectionDiff(section.Path, section.Heading, "diff-" + section.Anchor, diff.HasChanges ? SectionStatus.Changed : SectionStatus.Unchanged, diff));
            }
            else
            {
                var added = new DiffPiece(DiffPieceKind.Inserted, now);
                result.Add(new SectionDiff(section.Path, section.Heading, "diff-" + section.Anchor,
                    before is null ? SectionStatus.Unchanged : SectionStatus.Added, before is null ? new TextDiff([], [new DiffPiece(DiffPieceKind.Unchanged, now)], [new DiffPiece(DiffPieceKind.Unchanged, now)]) : new TextDiff([], [added], [added])));
            }
        }
        foreach (var section in before?.Sections ?? [])
        {
            if (!seen.Add(section.Path))
                continue;
            var removed = new DiffPiece(DiffPieceKind.Deleted, TextOf(before!, section));
            result.Add(new SectionDiff(section.Path, section.Heading, "diff-old-" + section.Anchor, SectionStatus.Removed, new TextDiff([removed], [], [removed])));
        }
        return result;
    }

    /// <summary>What a reader sees of a section of its own (not its subsections'): its facts, its modifier rows and its prose.</summary>
    public static string TextOf(Article article, Section section)
    {
        var sb = new StringBuilder();
        foreach (var fact in article.FactsIn(section))
            sb.Append(fact.Label).Append(": ").Append(fact.Value).Append('\n');
        if (article.ModifierTableAnchor == section.Anchor)
        {
            foreach (var row in article.Modifiers)
                sb.Append(string.Join(" | ", row.Code ?? "", row.Description ?? "", row.WhenToUse ?? "")).Append('\n');
        }
        if (sb.Length > 0 && section.Body.Length > 0)
            sb.Append('\n');
        sb.Append(section.Body);
        return sb.ToString().TrimEnd();
    }
}
