using System.Data.Common;

namespace CptKb.Core.Search;

/// <summary>
/// The full-text index of article sections: the one place that knows the database engine's search syntax.
/// Query parsing, grouping by article, facets and spelling suggestions are built on top of it without that knowledge.
/// </summary>
public interface ISearchIndex
{
    /// <summary>Goes up by one each time the indexed content changes in this process (see <see cref="MarkChanged"/>).</summary>
    long Version { get; }

    /// <summary>Says that a committed change (an import, a rebuild) changed the indexed content.</summary>
    void MarkChanged();

    /// <summary>A writer that keeps the index in step inside the caller's transaction (the importer's).</summary>
    ISearchIndexWriter OpenWriter(DbTransaction transaction);

    /// <summary>
    /// The sections that match the query, best first. When more than <paramref name="maxSections"/> match, a bounded
    /// share of them is read (see <see cref="SectionMatches.Complete"/>) so that a word found in every document stays fast.
    /// A query with no positive term matches nothing.
    /// </summary>
    /// <param name="query">The query.</param>
    /// <param name="maxSections">The most sections to rank.</param>
    /// <param name="budget">When it is spent, reading stops and the matches read so far are the answer (see <see cref="SectionMatches.TimedOut"/>).</param>
    /// <param name="cancellationToken">Abandons the search, stopping the statement that runs.</param>
    Task<SectionMatches> MatchAsync(SearchQuery query, int maxSections, SearchBudget budget = default, CancellationToken cancellationToken = default);

    /// <summary>How many sections match the query, counting no further than <paramref name="upTo"/>.</summary>
    Task<int> CountAsync(SearchQuery query, int upTo, CancellationToken cancellationToken = default);

    /// <summary>Every word the index holds (in its own normalized form) with the number of sections that hold it.</summary>
    Task<IReadOnlyList<IndexedTerm>> VocabularyAsync(CancellationToken cancellationToken = default);

    /// <summary>One place where the index holds <paramref name="term"/> (a word in its own normalized form), or null when it holds none.</summary>
    Task<TermInstance?> FindTermAsync(string term, CancellationToken cancellationToken = default);
}

/// <summary>Keeps the index in step with article rows written in the same transaction.</summary>
public interface ISearchIndexWriter : IDisposable
{
    /// <summary>Adds the sections of one article (none of which may be indexed yet).</summary>
    void Add(IEnumerable<IndexedSection> sections);

    /// <summary>Removes every indexed section of the article.</summary>
    void Remove(int articleId);

    /// <summary>Removes every indexed section.</summary>
    void Clear();
}

/// <summary>What <see cref="ISearchIndex.MatchAsync"/> found.</summary>
/// <param name="Sections">Matching sections, best first.</param>
/// <param name="Complete">True when these are all the matching sections; false when only a bounded share was read.</param>
/// <param name="LastArticleId">
/// When not complete: the share read is every match among the articles with ids up to this one, so counts over the share
/// can be scaled to the whole. Else 0.
/// </param>
public sealed record SectionMatches(IReadOnlyList<SectionMatch> Sections, bool Complete, int LastArticleId = 0)
{
    /// <summary>No match.</summary>
    public static SectionMatches None { get; } = new([], true);

    /// <summary>
    /// True when the search's budget ran out first: <see cref="Sections"/> are those read in time, unranked when the
    /// time ran out while ranking them.
    /// </summary>
    public bool TimedOut { get; init; }
}

/// <summary>A matching section and how well it matches.</summary>
/// <param name="Key">The section.</param>
/// <param name="Score">Higher is better; comparable within one result only.</param>
public readonly record struct SectionMatch(SectionKey Key, double Score)
{
    /// <summary>
    /// Which stretch of the section matched best, when the index holds a long section in several (0 for the first, and
    /// for a section held whole): its snippet is cut from there.
    /// </summary>
    public int Chunk { get; init; }
}

/// <summary>
/// How long a search may still read: when <see cref="Spent"/> is cancelled, the index stops reading and answers with
/// what it has rather than throwing. The default never runs out.
/// </summary>
/// <param name="Spent">Cancelled when the search's time is up.</param>
public readonly record struct SearchBudget(CancellationToken Spent)
{
    /// <summary>True once the time is up.</summary>
    public bool IsSpent => Spent.IsCancellationRequested;
}

/// <summary>One place a word is indexed: a section, a column and the word's place among that column's words.</summary>
/// <param name="Section">The section.</param>
/// <param name="Column">Which of the section's indexed texts holds it.</param>
/// <param name="Offset">The 0-based place of the word among that text's words (in the stretch <see cref="Chunk"/> of a long section).</param>
public readonly record struct TermInstance(SectionKey Section, IndexedColumn Column, int Offset)
{
    /// <summary>Which stretch of a long section holds it (see <see cref="SectionMatch.Chunk"/>); 0 for a section held whole.</summary>
    public int Chunk { get; init; }
}

/// <summary>The texts a section is indexed by (see <see cref="IndexedSection"/>).</summary>
public enum IndexedColumn
{
    /// <summary>The article's code.</summary>
    Code,
    /// <summary>The article's title.</summary>
    Title,
    /// <summary>The section's heading path.</summary>
    Heading,
    /// <summary>The section's text (see <see cref="SearchText"/>).</summary>
    Body,
    /// <summary>The payer field.</summary>
    Payer,
    /// <summary>The modifier codes.</summary>
    Modifiers,
    /// <summary>The site of service field.</summary>
    Site,
}

/// <summary>A word of the index's vocabulary.</summary>
/// <param name="Term">The word as the index holds it (lower-cased, stemmed).</param>
/// <param name="Sections">How many sections hold it.</param>
public readonly record struct IndexedTerm(string Term, int Sections);
