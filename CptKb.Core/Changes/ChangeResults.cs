using CptKb.Core.Articles;

namespace CptKb.Core.Changes;

/// <summary>One entry of an article's history.</summary>
/// <param name="Number">Its place in the article's history, from 1.</param>
/// <param name="RecordedAt">When it was recorded (the start of the import run that made it).</param>
/// <param name="ImportRunId">The import run that made it, when known.</param>
/// <param name="FileName">The file the text was read from.</param>
/// <param name="Sha256">SHA-256 of the file's bytes, lowercase hex.</param>
/// <param name="Event">For an entry no text holds: withdrawn or restored; else null.</param>
/// <param name="ChangeCount">How many changes it brought.</param>
/// <param name="Changes">Its changes as kept for the feed (texts as excerpts), in order.</param>
public sealed record RevisionInfo(
    int Number, DateTimeOffset RecordedAt, int? ImportRunId, string FileName, string Sha256, ChangeKind? Event, int ChangeCount,
    IReadOnlyList<ArticleChange> Changes);

/// <summary>Two entries of an article's history compared.</summary>
/// <param name="Code">The article's code.</param>
/// <param name="From">The older entry; null when <paramref name="To"/> is the first.</param>
/// <param name="To">The newer entry.</param>
/// <param name="Before">The article as <paramref name="From"/> had it; null with it.</param>
/// <param name="After">The article as <paramref name="To"/> has it.</param>
/// <param name="Changes">What changed, in full (texts whole).</param>
/// <param name="Latest">The number of the article's latest entry.</param>
public sealed record RevisionComparison(
    string Code, RevisionInfo? From, RevisionInfo To, Article? Before, Article After, IReadOnlyList<ArticleChange> Changes, int Latest);

/// <summary>What a request to compare two entries of an article's history found.</summary>
public enum ComparisonOutcome
{
    /// <summary>Compared.</summary>
    Compared,
    /// <summary>No article has the code, or it has no history.</summary>
    NoArticle,
    /// <summary>The article has no entry with a number asked for.</summary>
    NoSuchRevision,
}

/// <summary>One change in the feed across the knowledge base.</summary>
/// <param name="Id">The change's row id; newer changes have larger ids within a run.</param>
/// <param name="Code">The article's code.</param>
/// <param name="Revision">The entry of the article's history that brought it.</param>
/// <param name="ChangedAt">When.</param>
/// <param name="Change">What changed (texts as excerpts).</param>
public sealed record FeedChange(long Id, string Code, int Revision, DateTimeOffset ChangedAt, ArticleChange Change);

/// <summary>Which changes the feed shows.</summary>
/// <param name="Payer">Only changes about this payer (compared ignoring case).</param>
/// <param name="Kinds">Only changes of these kinds; empty for every kind.</param>
/// <param name="RangeKey">Only articles in this <see cref="CptRange"/> (its <see cref="CptRange.Key"/>).</param>
/// <param name="Since">Only changes recorded at or after this time.</param>
/// <param name="Until">Only changes recorded before this time.</param>
/// <param name="Code">Only changes to this article.</param>
public sealed record ChangeFilter(
    string? Payer = null, IReadOnlyCollection<ChangeKind>? Kinds = null, string? RangeKey = null,
    DateTimeOffset? Since = null, DateTimeOffset? Until = null, string? Code = null)
{
    /// <summary>Every change.</summary>
    public static ChangeFilter None { get; } = new();
}

/// <summary>The latest entry of an article's history, for a line on its page.</summary>
/// <param name="Number">Its number; the article has that many entries.</param>
/// <param name="RecordedAt">When it was recorded.</param>
/// <param name="ChangeCount">How many changes it brought.</param>
public sealed record LatestRevision(int Number, DateTimeOffset RecordedAt, int ChangeCount);
