using System.Text;
using DiffPlex;
using DiffPlex.Chunkers;

namespace CptKb.Core.Changes;

/// <summary>How a stretch of text fares between two versions.</summary>
public enum DiffPieceKind
{
    /// <summary>In both versions.</summary>
    Unchanged,
    /// <summary>Only in the newer version.</summary>
    Inserted,
    /// <summary>Only in the older version.</summary>
    Deleted,
}

/// <summary>A stretch of text and how it fares; the pieces of a diff, joined, give back the text.</summary>
/// <param name="Kind">Whether it was kept, inserted or deleted.</param>
/// <param name="Text">The text, blanks included.</param>
public sealed record DiffPiece(DiffPieceKind Kind, string Text);

/// <summary>A word-level diff of two texts, read three ways: the older side, the newer side, and both merged.</summary>
/// <param name="Before">The older text as pieces: unchanged and deleted.</param>
/// <param name="After">The newer text as pieces: unchanged and inserted.</param>
/// <param name="Inline">Both merged, each deleted stretch before the stretch inserted in its place.</param>
public sealed record TextDiff(IReadOnlyList<DiffPiece> Before, IReadOnlyList<DiffPiece> After, IReadOnlyList<DiffPiece> Inline)
{
    /// <summary>True when any word was inserted or deleted.</summary>
    public bool HasChanges => Inline.Any(p => p.Kind != DiffPieceKind.Unchanged);
}

/// <summary>Word-level differences between two texts (DiffPlex, over words, blanks and punctuation as tokens).</summary>
public static class WordDiff
{
    private static readonly Differ Differ = new();
    private static readonly CustomFunctionChunker Words = new(Tokens);

    /// <summary>The word-level diff of <paramref name="before"/> and <paramref name="after"/>.</summary>
    public static TextDiff Compare(string before, string after)
    {
        var result = Differ.CreateDiffs(before, after, ignoreWhiteSpace: false, ignoreCase: false, Words);
        var old = result.PiecesOld;
        var now = result.PiecesNew;
        var beforePieces = new List<DiffPiece>();
        var afterPieces = new List<DiffPiece>();
        var inline = new List<DiffPiece>();
        int a = 0, b = 0;
        foreach (var block in result.DiffBlocks)
        {
            var same = Join(old, a, block.DeleteStartA - a);
            Add(beforePieces, DiffPieceKind.Unchanged, same);
            Add(afterPieces, DiffPieceKind.Unchanged, Join(now, b, block.InsertStartB - b));
            Add(inline, DiffPieceKind.Unchanged, same);
            var deleted = Join(old, block.DeleteStartA, block.DeleteCountA);
            var inserted = Join(now, block.InsertStartB, block.InsertCountB);
            Add(beforePieces, DiffPieceKind.Deleted, deleted);
            Add(afterPieces, DiffPieceKind.Inserted, inserted);
            Add(inline, DiffPieceKind.Deleted, deleted);
            Add(inline, DiffPieceKind.Inserted, inserted);
            a = block.DeleteStartA + block.DeleteCountA;
            b = block.InsertStartB + block.InsertCountB;
        }
        var rest = Join(old, a, old.Count - a);
        Add(beforePieces, DiffPieceKind.Unchanged, rest);
        Add(afterPieces, DiffPieceKind.Unchanged, Join(now, b, now.Count - b));
        Add(inline, DiffPieceKind.Unchanged, rest);
        return new TextDiff(beforePieces, afterPieces, inline);
    }

    /// <summary>
    /// The changed stretch of two texts with a few words around it, cut short at <paramref name="maxChars"/>: what a
    /// list of changes shows of a section whose text changed. Returns the older and the newer excerpt.
    /// </summary>
    public static (string Before, string After) Excerpt(string before, string after, int maxChars = 300)
    {
        var diff = Compare(before, after);
        return (Cut(diff.Before, maxChars), Cut(diff.After, maxChars));
    }

    private const int ContextTokens = 8;

    private static string Cut(IReadOnlyList<DiffPiece> pieces, int maxChars)
    {
        var first = -1;
        var last = -1;
        for (var i = 0; i < pieces.Count; i++)
        {
            if (pieces[i].Kind == DiffPieceKind.Unchanged)
                continue;
            if (first < 0)
                first = i;
            last = i;
        }
        if (first < 0)
            return "";
        var sb = new StringBuilder();
        var lead = first > 0 ? Tail(pieces[first - 1].Text) : "";
        if (lead.Length > 0 && lead.Length < pieces[first - 1].Text.Length)
            sb.Append('…');
        sb.Append(lead);
        for (var i = first; i <= last; i++)
            sb.Append(pieces[i].Text);
        if (last + 1 < pieces.Count)
        {
            var trail = Head(pieces[last + 1].Text);
            sb.Append(trail);
            if (trail.Length < pieces[last + 1].Text.Length)
                sb.Append('…');
        }
        var text = sb.ToString().ReplaceLineEndings(" ");
        return text.Length <= maxChars ? text : string.Concat(text.AsSpan(0, maxChars - 1), "…");
    }

    private static string Tail(string text)
    {
        var tokens = Tokens(text);
        return string.Concat(tokens.Skip(Math.Max(0, tokens.Length - ContextTokens)));
    }

    private static string Head(string text) => string.Concat(Tokens(text).Take(ContextTokens));

    private static void Add(List<DiffPiece> pieces, DiffPieceKind kind, string text)
    {
        if (text.Length == 0)
            return;
        if (pieces.Count > 0 && pieces[^1].Kind == kind)
            pieces[^1] = pieces[^1] with { Text = pieces[^1].Text + text };
        else
            pieces.Add(new DiffPiece(kind, text));
    }

    private static string Join(IReadOnlyList<string> tokens, int start, int count)
    {
        if (count <= 0)
            return "";
        var sb = new StringBuilder();
        for (var i = start; i < start + count; i++)
            sb.Append(tokens[i]);
        return sb.ToString();
    }

    // Words, runs of blanks and single punctuation marks: every character of the text is in exactly one token.
    private static string[] Tokens(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            if (char.IsLetterOrDigit(text[i]))
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '\'' or '-' && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1])))
                    i++;
            else if (char.IsWhiteSpace(text[i]))
                while (i < text.Length && char.IsWhiteSpace(text[i]))
                    i++;
            else
                i++;
            tokens.Add(text[start..i]);
        }
        return [.. tokens];
    }
}
