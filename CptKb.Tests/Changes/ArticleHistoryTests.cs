using CptKb.Tests.TestSupport;
using CptKb.Core.Changes;
using CptKb.Core.Import;
using CptKb.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using static CptKb.Tests.Storage.TestDatabase;

namespace CptKb.Tests.Changes;

/// <summary>The importer records each article's history and its changes; the reindexer writes them again the same.</summary>
public class ArticleHistoryTests
{
    /// <summary>The engine these tests run on; the PostgreSQL variant below overrides it.</summary>
    protected virtual KbDatabaseProvider Provider => KbDatabaseProvider.Sqlite;

    private static readonly string Edited = ArticleComparerTests.Before
        .Replace("Prior authorization: Not required.", "Prior authorization: Required.", StringComparison.Ordinal)
        .Replace("22 | Increased", "59 | Distinct procedural service | Separate site\n22 | Increased", StringComparison.Ordinal);

    [Fact]
    public async Task A_changed_file_adds_a_revision_with_its_changes_to_the_history_and_the_feed()
    {
        await using var db = await CreateAsync(Provider);
        var queries = db.Services.GetRequiredService<ChangeQueries>();
        db.WriteDocument("27447.txt", ArticleComparerTests.Before);
        db.WriteDocument("99213.txt", Publication("99213", "Office Visit"));
        await db.ImportAsync();
        db.WriteDocument("27447.txt", Edited);

        var report = await db.ImportAsync();

        var revisions = await queries.RevisionsAsync("27447");
        Assert.Equal([2, 1], revisions.Select(r => r.Number));
        Assert.Equal(report.RunId, revisions[0].ImportRunId);
        Assert.Equal("27447.txt", revisions[0].FileName);
        Assert.Contains(revisions[0].Changes, c => c.Kind == ChangeKind.StanceChanged && c.Payer == "Aetna"
            && c.After == "CoveredWithPriorAuthorization");
        Assert.Contains(revisions[0].Changes, c => c.Kind == ChangeKind.ModifierAdded && c.Label == "59");
        Assert.Equal([ChangeKind.ArticleAdded], revisions[1].Changes.Select(c => c.Kind));
        Assert.Equal(revisions[0].Changes.Count, revisions[0].ChangeCount);

        var feed = await queries.FeedAsync(ChangeFilter.None, new PageRequest());
        Assert.Equal(revisions[0].Changes.Count + 2, feed.Total);
        Assert.Equal("27447", feed.Items[0].Code);
        Assert.Equal(2, feed.Items[0].Revision);

        var aetna = await queries.FeedAsync(new ChangeFilter(Payer: "aetna"), new PageRequest());
        Assert.NotEmpty(aetna.Items);
        Assert.All(aetna.Items, c => Assert.Equal("Aetna", c.Change.Payer));
        var modifiers = await queries.FeedAsync(new ChangeFilter(Kinds: [ChangeKind.ModifierAdded]), new PageRequest());
        Assert.Equal("59", Assert.Single(modifiers.Items).Change.Label);
        var evaluation = await queries.FeedAsync(new ChangeFilter(RangeKey: "evaluation-management"), new PageRequest());
        Assert.Equal("99213", Assert.Single(evaluation.Items).Code);
        var later = await queries.FeedAsync(new ChangeFilter(Since: revisions[0].RecordedAt.AddSeconds(1)), new PageRequest());
        Assert.Empty(later.Items);
    }

    [Fact]
    public async Task An_unchanged_file_adds_nothing_to_the_history()
    {
        await using var db = await CreateAsync(Provider);
        db.WriteDocument("27447.txt", ArticleComparerTests.Before);
        await db.ImportAsync();
        await db.ImportAsync();

        Assert.Single(await db.Services.GetRequiredService<ChangeQueries>().RevisionsAsync("27447"));
    }

    [Fact]
    public async Task Comparing_reads_the_last_two_revisions_by_default_and_any_two_on_request()
    {
        await using var db = await CreateAsync(Provider);
        var queries = db.Services.GetRequiredService<ChangeQueries>();
        db.WriteDocument("27447.txt", ArticleComparerTests.Before);
        await db.ImportAsync();
        db.WriteDocument("27447.txt", Edited);
        await db.ImportAsync();
        db.WriteDocument("27447.txt", Edited.Replace("Total Knee Arthroplasty", "Total Knee Replacement", StringComparison.Ordinal));
        await db.ImportAsync();

        var (outcome, latest) = await queries.CompareAsync("27447");
        Assert.Equal(ComparisonOutcome.Compared, outcome);
        Assert.Equal((2, 3, 3), (latest!.From?.Number, latest.To.Number, latest.Latest));
        Assert.Equal(ChangeKind.TitleChanged, Assert.Single(latest.Changes).Kind);

        var (_, across) = await queries.CompareAsync("27447", from: 3, to: 1);
        Assert.Equal((1, 3), (across!.From?.Number, across.To.Number));
        Assert.Contains(across.Changes, c => c.Kind == ChangeKind.TitleChanged);
        Assert.Contains(across.Changes, c => c.Kind == ChangeKind.StanceChanged);

        var (_, first) = await queries.CompareAsync("27447", to: 1);
        Assert.Null(first!.From);
        Assert.Equal(ChangeKind.ArticleAdded, Assert.Single(first.Changes).Kind);

        Assert.Equal(ComparisonOutcome.NoSuchRevision, (await queries.CompareAsync("27447", from: 1, to: 9)).Outcome);
        Assert.Equal(ComparisonOutcome.NoArticle, (await queries.CompareAsync("99999")).Outcome);
    }

    [Fact]
    public async Task Rebuilding_writes_the_same_history_again_and_keeps_withdrawals()
    {
        await using var db = await CreateAsync(Provider);
        var queries = db.Services.GetRequiredService<ChangeQueries>();
        db.WriteDocument("27447.txt", ArticleComparerTests.Before);
        db.WriteDocument("99213.txt", Publication("99213", "Office Visit"));
        await db.ImportAsync();
        db.WriteDocument("27447.txt", Edited);
        File.Delete(Path.Combine(db.DocumentsFolder, "99213.txt"));
        await db.ImportAsync();
        var before = await queries.FeedAsync(ChangeFilter.None, new PageRequest());
        var history = await queries.RevisionsAsync("99213");
        Assert.Equal([ChangeKind.ArticleWithdrawn, null], history.Select(r => r.Event));

        await db.Services.GetRequiredService<Reindexer>().RebuildAsync();

        var after = await queries.FeedAsync(ChangeFilter.None, new PageRequest());
        Assert.Equal(Describe(before), Describe(after));
        Assert.Equal(history.Select(r => (r.Number, r.Event, r.ChangeCount)), (await queries.RevisionsAsync("99213")).Select(r => (r.Number, r.Event, r.ChangeCount)));
    }

    private static IEnumerable<string> Describe(Paged<FeedChange> feed) =>
        feed.Items.Select(c => $"{c.Code} {c.Revision} {c.ChangedAt:O} {c.Change}");

    [Fact]
    public async Task A_file_that_leaves_the_folder_and_comes_back_is_withdrawn_then_restored_in_the_history_and_the_feed()
    {
        await using var db = await CreateAsync(Provider);
        var queries = db.Services.GetRequiredService<ChangeQueries>();
        db.WriteDocument("27447.txt", ArticleComparerTests.Before);
        db.WriteDocument("99213.txt", Publication("99213", "Office Visit"));
        await db.ImportAsync();
        var text = File.ReadAllText(Path.Combine(db.DocumentsFolder, "99213.txt"));
        File.Delete(Path.Combine(db.DocumentsFolder, "99213.txt"));

        var withdrawal = await db.ImportAsync();

        var history = await queries.RevisionsAsync("99213");
        Assert.Equal([ChangeKind.ArticleWithdrawn, null], history.Select(r => r.Event));
        Assert.Equal(withdrawal.RunId, history[0].ImportRunId);
        Assert.Equal("Office Visit", Assert.Single(history[0].Changes).Before);

        db.WriteDocument("99213.txt", text);
        await db.ImportAsync();

        history = await queries.RevisionsAsync("99213");
        Assert.Equal([ChangeKind.ArticleRestored, ChangeKind.ArticleWithdrawn, null], history.Select(r => r.Event));
        var feed = await queries.FeedAsync(new ChangeFilter(Kinds: [ChangeKind.ArticleWithdrawn, ChangeKind.ArticleRestored]), new PageRequest());
        Assert.Equal([ChangeKind.ArticleRestored, ChangeKind.ArticleWithdrawn], feed.Items.Select(c => c.Change.Kind));
        Assert.All(feed.Items, c => Assert.Equal("99213", c.Code));
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class ArticleHistoryOnPostgreSqlTests : ArticleHistoryTests
{
    protected override KbDatabaseProvider Provider => KbDatabaseProvider.PostgreSQL;
}
