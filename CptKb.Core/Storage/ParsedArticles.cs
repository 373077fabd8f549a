using CptKb.Core.Articles;
using CptKb.Core.Parsing;

namespace CptKb.Core.Storage;

/// <summary>
/// Reads an article from its stored source revision: the text is decompressed and parsed again (the parser is a pure
/// function, so the article is the one the import read). Recently read revisions are kept, most recently used first, up
/// to a budget of text, so a page or a search that reads the same articles again does not parse them again. A revision
/// never changes once stored, so a kept article is never stale.
/// </summary>
public sealed class ParsedArticles
{
    /// <summary>Characters of source text kept parsed, all articles together.</summary>
    public const long TextBudget = 48 * 1024 * 1024;

    private const int MaxEntries = 4096;

    private readonly Lock gate = new();
    private readonly Dictionary<int, LinkedListNode<Entry>> byRevision = [];
    private readonly LinkedList<Entry> recent = new();
    private long kept;

    private sealed record Entry(int RevisionId, Article Article, int Weight);

    /// <summary>The article the revision holds, or null when its text no longer reads as one.</summary>
    /// <param name="revisionId">The revision's row id (the cache key).</param>
    /// <param name="content">The revision's stored content (see <see cref="StoredText"/>), read only on a miss.</param>
    public Article? Read(int revisionId, Func<(string Text, string? DecodingNote)> content)
    {
        lock (gate)
        {
            if (byRevision.TryGetValue(revisionId, out var node))
            {
                recent.Remove(node);
                recent.AddFirst(node);
                return node.Value.Article;
            }
        }
        var (text, note) = content();
        var article = Parse(text, note);
        if (article is null)
            return null;
        Keep(new Entry(revisionId, article, text.Length));
        return article;
    }

    /// <summary>The article a revision holds, parsed without keeping it (for reading every article once).</summary>
    public static Article? Parse(SourceDocument revision) => Parse(StoredText.Of(revision), revision.DecodingNote);

    private static Article? Parse(string text, string? decodingNote)
    {
        IReadOnlyList<ParseWarning> warnings = decodingNote is null ? [] : [new ParseWarning(decodingNote, Kind: ParseWarningKind.EncodingFallback)];
        return PublicationParser.Parse(new DecodedText(text, null, warnings)).Article;
    }

    /// <summary>The article of the revision when it is kept parsed; else null (nothing is read).</summary>
    public Article? TryGetKept(int revisionId)
    {
        lock (gate)
        {
            if (!byRevision.TryGetValue(revisionId, out var node))
                return null;
            recent.Remove(node);
            recent.AddFirst(node);
            return node.Value.Article;
        }
    }

    /// <summary>The article of a stored revision row (its content loaded).</summary>
    public Article? Read(SourceDocument revision) => Read(revision.Id, () => (StoredText.Of(revision), revision.DecodingNote));

    private void Keep(Entry entry)
    {
        if (entry.Weight > TextBudget / 2)
            return;
        lock (gate)
        {
            if (byRevision.ContainsKey(entry.RevisionId))
                return;
            byRevision[entry.RevisionId] = recent.AddFirst(entry);
            kept += entry.Weight;
            while ((kept > TextBudget || byRevision.Count > MaxEntries) && recent.Last is { } oldest)
            {
                recent.RemoveLast();
                byRevision.Remove(oldest.Value.RevisionId);
                kept -= oldest.Value.Weight;
            }
        }
    }
}
