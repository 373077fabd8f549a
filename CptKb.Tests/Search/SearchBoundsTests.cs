using CptKb.Core.Search;
using CptKb.Tests.Storage;
using CptKb.Core.Storage;
using CptKb.Tests.TestSupport;
using Microsoft.Data.Sqlite;

namespace CptKb.Tests.Search;

/// <summary>A search stops its database work when it is abandoned, and answers with what it has when its time is up.</summary>
public class SearchBoundsTests : IAsyncLifetime
{
    private TestDatabase db = null!;

    /// <summary>The engine these tests run on; the PostgreSQL variant below overrides it.</summary>
    protected virtual KbDatabaseProvider Provider => KbDatabaseProvider.Sqlite;

    public async Task InitializeAsync() => db = await SearchCorpus.ImportedAsync(Provider);

    public async Task DisposeAsync() => await db.DisposeAsync();

    [Fact]
    public async Task A_search_cancelled_midway_ends_with_OperationCanceledException_and_the_next_search_works()
    {
        using var cancel = new CancellationTokenSource();
        var search = new SearchService(new Pausing(db.SearchIndex, afterMatching: cancel.Cancel), db.Contexts, db.Articles, new SearchLimits(), TimeProvider.System);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => search.SearchAsync("graft", cancellationToken: cancel.Token));

        Assert.Equal(["20955"], (await search.SearchAsync("mandibular")).Articles.Select(a => a.Code));
    }

    [Fact]
    public async Task When_the_time_is_up_before_the_snippets_are_made_the_hits_come_without_them_and_say_so()
    {
        // The budget runs out between matching and snippets: long enough for the small corpus's matching on any machine.
        var search = new SearchService(new Pausing(db.SearchIndex, waitForTheBudget: true), db.Contexts, db.Articles,
            new SearchLimits { TimeBudget = TimeSpan.FromSeconds(2) }, TimeProvider.System);

        var results = await search.SearchAsync("mandibular");

        Assert.True(results.TimedOut);
        var hit = Assert.Single(results.Hits);
        Assert.Equal(("20955", "clinical-context", ""), (hit.Code, hit.Anchor, hit.Snippet.Text));
        Assert.Equal("Clinical & Coding Specifications > Clinical Context", hit.Section);
    }

    /// <summary>The real index, with something done once it has matched: before the search groups, ranks and cuts snippets.</summary>
    private sealed class Pausing(ISearchIndex index, Action? afterMatching = null, bool waitForTheBudget = false) : ISearchIndex
    {
        public long Version => index.Version;

        public void MarkChanged() => index.MarkChanged();

        public ISearchIndexWriter OpenWriter(System.Data.Common.DbTransaction transaction) => index.OpenWriter(transaction);

        public async Task<SectionMatches> MatchAsync(SearchQuery query, int maxSections, SearchBudget budget = default, CancellationToken cancellationToken = default)
        {
            var matches = await index.MatchAsync(query, maxSections, budget, cancellationToken);
            afterMatching?.Invoke();
            if (waitForTheBudget)
                await Task.Delay(Timeout.Infinite, budget.Spent).ContinueWith(_ => { }, TaskScheduler.Default);
            return matches;
        }

        public Task<int> CountAsync(SearchQuery query, int upTo, CancellationToken cancellationToken = default) => index.CountAsync(query, upTo, cancellationToken);

        public Task<IReadOnlyList<IndexedTerm>> VocabularyAsync(CancellationToken cancellationToken = default) => index.VocabularyAsync(cancellationToken);

        public Task<TermInstance?> FindTermAsync(string term, CancellationToken cancellationToken = default) => index.FindTermAsync(term, cancellationToken);
    }
}

/// <summary>The same bounds on PostgreSQL.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class SearchBoundsOnPostgreSqlTests : SearchBoundsTests
{
    protected override KbDatabaseProvider Provider => KbDatabaseProvider.PostgreSQL;
}

/// <summary>
/// SQLite's own statement reader (<see cref="SqliteSearchIndex"/>) stops a running statement by interrupting its
/// connection, and the connection works afterwards. PostgreSQL's reader leaves that to Npgsql, which cancels the statement
/// on the server; the PostgreSQL variant of <see cref="SearchBoundsTests"/> covers it through the search itself.
/// </summary>
public sealed class SqliteStatementBoundsTests : IAsyncLifetime
{
    // Counts for ever: a statement that only an interrupt ends.
    private const string Endless = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT x FROM n";

    private TestDatabase db = null!;

    public async Task InitializeAsync() => db = await SearchCorpus.ImportedAsync();

    public async Task DisposeAsync() => await db.DisposeAsync();

    [Fact]
    public async Task A_running_statement_stops_when_the_search_is_cancelled_and_its_connection_works_afterwards()
    {
        await using var connection = await OpenAsync();
        await using var endless = connection.CreateCommand();
        endless.CommandText = Endless + " WHERE x < 0;";
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        // SQLite runs a statement on the calling thread; on one of its own, a statement that fails to stop cannot hang the
        // test run: the watch only bounds that failure.
        var reading = Task.Run(() => SqliteSearchIndex.ReadAsync(endless, _ => true, default, cancel.Token));

        var stopped = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(TimeSpan.FromMinutes(2)));
        Assert.Equal(cancel.Token, stopped.CancellationToken);
        await AssertUsableAsync(connection);
    }

    [Fact]
    public async Task A_running_statement_stops_when_the_budget_is_spent_and_what_it_read_stands()
    {
        await using var connection = await OpenAsync();
        await using var endless = connection.CreateCommand();
        endless.CommandText = Endless + ";";
        using var time = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var rows = 0;

        var finished = await Task.Run(() => SqliteSearchIndex.ReadAsync(endless, _ => ++rows > 0, new SearchBudget(time.Token), CancellationToken.None))
            .WaitAsync(TimeSpan.FromMinutes(2));

        Assert.False(finished);
        Assert.True(rows > 0);
        await AssertUsableAsync(connection);
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection($"Data Source={db.DatabasePath}");
        await connection.OpenAsync();
        return connection;
    }

    private static async Task AssertUsableAsync(SqliteConnection connection)
    {
        await using var next = connection.CreateCommand();
        next.CommandText = "SELECT count(*) FROM Articles;";
        Assert.Equal((long)SearchCorpus.All.Length, await next.ExecuteScalarAsync());
    }
}
