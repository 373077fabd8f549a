using CptKb.Core.Codes;
using CptKb.Core.Gaps;
using CptKb.Core.Import;
using CptKb.Core.Payers;
using CptKb.Core.Search;
using CptKb.Core.Storage;
using CptKb.Tests.Storage;
using CptKb.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CptKb.Tests.Storage.TestDatabase;

namespace CptKb.Tests.Import;

/// <summary>Files that leave the folder, come back, move, or change while they are read.</summary>
public class WithdrawalTests
{
    /// <summary>The engine these tests run on; the PostgreSQL variant below overrides it.</summary>
    protected virtual KbDatabaseProvider Provider => KbDatabaseProvider.Sqlite;

    [Fact]
    public async Task Importing_another_folder_withdraws_nothing_stored_from_the_first()
    {
        await using var db = await CreateAsync(Provider);
        GeneratedCorpus.Write(db.DocumentsFolder, 2);
        await db.ImportAsync();
        var other = Path.Combine(db.Root, "other");
        Directory.CreateDirectory(other);
        File.WriteAllText(Path.Combine(other, "99213.txt"), Publication("99213", "Office Visit"));

        var report = await db.Importer.ImportFolderAsync(other);

        Assert.Equal((1, 0), (report.Imported, report.Withdrawn));
        Assert.Equal([GeneratedCorpus.Code(0), GeneratedCorpus.Code(1), "99213"],
            (await db.Articles.ListAsync(new PageRequest())).Items.Select(a => a.Code).Order(StringComparer.Ordinal));

        // The first folder's own import still withdraws what leaves it, and only that.
        File.Delete(Path.Combine(db.DocumentsFolder, $"gen-{GeneratedCorpus.Code(1)}.txt"));
        var again = await db.ImportAsync();
        Assert.Equal(GeneratedCorpus.Code(1), Assert.Single(again.Files, f => f.Status == ImportFileStatus.Withdrawn).Code);
        Assert.Null((await db.Articles.GetAsync("99213"))?.WithdrawnAt);
    }

    [Fact]
    public async Task A_file_gone_from_the_folder_withdraws_its_article_which_keeps_its_page_and_history_but_leaves_every_list()
    {
        await using var db = await CreateAsync(Provider);
        GeneratedCorpus.Write(db.DocumentsFolder, 3);
        await db.ImportAsync();
        var gone = GeneratedCorpus.Code(1);
        File.Delete(Path.Combine(db.DocumentsFolder, $"gen-{gone}.txt"));

        var report = await db.ImportAsync();

        var withdrawn = Assert.Single(report.Files, f => f.Status == ImportFileStatus.Withdrawn);
        Assert.Equal((gone, $"gen-{gone}.txt"), (withdrawn.Code, withdrawn.FileName));
        Assert.Contains(withdrawn.Messages, m => m.Contains("is gone") && m.Contains(gone));
        Assert.Equal((1, 0), (report.Withdrawn, report.Restored));

        // Its page still reads, saying since when it is withdrawn, from the revision it had.
        var document = await db.Articles.GetAsync(gone);
        Assert.NotNull(document);
        Assert.Equal(report.FinishedAt?.UtcDateTime.Date, document.WithdrawnAt?.UtcDateTime.Date);
        Assert.Equal(GeneratedCorpus.Title(1, "first"), document.Article.Title);
        Assert.Equal(1, await db.QueryAsync(c => c.SourceDocuments.CountAsync(s => s.FileName == $"gen-{gone}.txt")));
        Assert.Null((await db.Articles.GetAsync(GeneratedCorpus.Code(0)))?.WithdrawnAt);

        // Lists, the matrix, payer pages, gaps and search leave it out.
        var remaining = new[] { GeneratedCorpus.Code(0), GeneratedCorpus.Code(2) };
        Assert.Equal(remaining, (await db.Articles.ListAsync(new PageRequest())).Items.Select(a => a.Code));
        var codes = db.Services.GetRequiredService<CodeQueries>();
        Assert.Equal(remaining, (await codes.ListAsync(new CodeListRequest())).Rows.Items.Select(r => r.Code));
        Assert.Equal(2, (await codes.OverviewAsync()).Articles);
        var payers = db.Services.GetRequiredService<PayerQueries>();
        Assert.Equal(remaining, (await payers.GetMatrixAsync(new MatrixRequest())).Rows.Items.Select(r => r.Code));
        Assert.Equal(remaining, (await payers.GetAsync("Aetna", new PageRequest()))?.Codes.Items.Select(c => c.Code));
        Assert.Equal(2, (await payers.ListAsync()).Single(p => p.Name == "Aetna").ArticleCount);
        var gaps = await db.Services.GetRequiredService<GapQueries>().ListAsync(new GapFilter(), new PageRequest(1, 100));
        Assert.DoesNotContain(gone, gaps.Rows.Items.Select(g => g.Code));
        Assert.NotEmpty(gaps.Rows.Items);
        var found = await db.Search.SearchAsync("vascular pedicle");
        Assert.Equal(remaining.Order(), found.Articles.Select(a => a.Code).Order());
        Assert.DoesNotContain(gone, (await db.Search.SearchAsync(gone)).Articles.Select(a => a.Code));
    }

    [Fact]
    public async Task The_file_coming_back_restores_the_article_everywhere()
    {
        await using var db = await CreateAsync(Provider);
        db.WriteDocument("a.txt", Publication("20962"));
        var bytes = db.WriteDocument("b.txt", Publication("99213", "Office Visit"));
        await db.ImportAsync();
        File.Delete(Path.Combine(db.DocumentsFolder, "b.txt"));
        await db.ImportAsync();

        db.WriteDocument("b.txt", bytes);
        var report = await db.ImportAsync();

        var restored = Assert.Single(report.Files, f => f.FileName == "b.txt");
        Assert.Equal((ImportFileStatus.Restored, "99213"), (restored.Status, restored.Code));
        Assert.Equal((0, 1), (report.Withdrawn, report.Restored));
        var document = await db.Articles.GetAsync("99213");
        Assert.Null(document?.WithdrawnAt);
        // The same bytes are the same revision: no copy of the text.
        Assert.Equal(1, document?.Source.Revision);
        Assert.Equal(1, await db.QueryAsync(c => c.SourceDocuments.CountAsync(s => s.FileName == "b.txt")));
        Assert.Equal(["20962", "99213"], (await db.Articles.ListAsync(new PageRequest())).Items.Select(a => a.Code));
        Assert.Equal(["Aetna", "Cigna Health", "Medicare"], (await db.Articles.ListAsync(new PageRequest())).Items[1].Payers);
        Assert.Contains("99213", (await db.Search.SearchAsync("office visit")).Articles.Select(a => a.Code));

        var again = await db.ImportAsync();
        Assert.All(again.Files, f => Assert.Equal(ImportFileStatus.Unchanged, f.Status));
    }

    [Fact]
    public async Task A_file_renamed_with_the_same_code_updates_its_article_instead_of_withdrawing_it()
    {
        await using var db = await CreateAsync(Provider);
        db.WriteDocument("old-name.txt", Publication("20962"));
        await db.ImportAsync();
        var id = await db.QueryAsync(c => c.Articles.Select(a => a.Id).SingleAsync());
        File.Move(Path.Combine(db.DocumentsFolder, "old-name.txt"), Path.Combine(db.DocumentsFolder, "new-name.txt"));

        var report = await db.ImportAsync();

        var file = Assert.Single(report.Files);
        Assert.Equal(("new-name.txt", ImportFileStatus.Updated), (file.FileName, file.Status));
        Assert.Equal(0, report.Withdrawn);
        var document = await db.Articles.GetAsync("20962");
        Assert.Equal(("new-name.txt", null), (document?.Source.FileName, document?.WithdrawnAt));
        Assert.Equal(id, await db.QueryAsync(c => c.Articles.Select(a => a.Id).SingleAsync()));
    }

    [Fact]
    public async Task A_file_that_now_holds_another_code_withdraws_the_code_it_held()
    {
        await using var db = await CreateAsync(Provider);
        db.WriteDocument("a.txt", Publication("20962"));
        await db.ImportAsync();

        db.WriteDocument("a.txt", Publication("20955", "Another Graft"));
        var report = await db.ImportAsync();

        Assert.Equal(
            [("a.txt", ImportFileStatus.Imported, "20955"), ("a.txt", ImportFileStatus.Withdrawn, "20962")],
            report.Files.Select(f => (f.FileName, f.Status, f.Code)));
        Assert.Contains("no longer holds code 20962", report.Files[1].Messages.Single());
        Assert.Equal(["20955"], (await db.Articles.ListAsync(new PageRequest())).Items.Select(a => a.Code));
    }

    [Fact]
    public async Task A_binary_new_revision_fails_naming_the_file_and_leaves_the_previous_revision_current()
    {
        await using var db = await CreateAsync(Provider);
        db.WriteDocument("a.txt", Publication("20962"));
        await db.ImportAsync();
        var garbage = new byte[4096];
        new Random(7).NextBytes(garbage);

        db.WriteDocument("a.txt", garbage);
        var report = await db.ImportAsync();

        var file = Assert.Single(report.Files);
        Assert.Equal(("a.txt", ImportFileStatus.Failed), (file.FileName, file.Status));
        Assert.Contains(file.Messages, m => m.Contains("binary"));
        Assert.Equal(0, report.Withdrawn);
        var document = await db.Articles.GetAsync("20962");
        Assert.Equal((1, null), (document?.Source.Revision, document?.WithdrawnAt));
        Assert.Equal("Vascularized Bone Graft", document?.Article.Title);
        Assert.Equal(["20962"], (await db.Articles.ListAsync(new PageRequest())).Items.Select(a => a.Code));
        Assert.Contains("20962", (await db.Search.SearchAsync("vascularized")).Articles.Select(a => a.Code));
    }

    [Fact]
    public async Task A_corrupted_new_revision_that_no_longer_reads_as_a_publication_leaves_the_previous_revision_current()
    {
        await using var db = await CreateAsync(Provider);
        db.WriteDocument("a.txt", Publication("20962"));
        await db.ImportAsync();

        db.WriteDocument("a.txt", "Summary & Over\u0000\u0000\u0000 truncated");
        var report = await db.ImportAsync();

        var file = Assert.Single(report.Files);
        Assert.Equal(ImportFileStatus.Failed, file.Status);
        Assert.NotEmpty(file.Messages);
        Assert.Equal(1, (await db.Articles.GetAsync("20962"))?.Source.Revision);
        Assert.Equal(["20962"], (await db.Articles.ListAsync(new PageRequest())).Items.Select(a => a.Code));
    }

    [Fact]
    public async Task A_file_edited_during_an_import_is_stored_whole_as_it_was_read_and_the_edit_is_picked_up_by_the_next_import()
    {
        await using var db = await CreateAsync(Provider);
        db.WriteDocument("a.txt", Publication("20962", "First Title"));
        db.WriteDocument("b.txt", Publication("99213", "Office Visit"));
        var edited = false;
        var progress = new ProgressLog(p =>
        {
            // a.txt has been read and stored in this run's transaction; its file changes now.
            if (p.CurrentFile != "a.txt" || edited) return;
            db.WriteDocument("a.txt", Publication("20962", "Edited Title"));
            edited = true;
        });

        var first = await db.ImportAsync(progress);

        Assert.True(edited);
        Assert.Equal(ImportFileStatus.Imported, first.Files[0].Status);
        Assert.Equal("First Title", (await db.Articles.GetAsync("20962"))?.Article.Title);
        var second = await db.ImportAsync();
        Assert.Equal(ImportFileStatus.Updated, second.Files[0].Status);
        var document = await db.Articles.GetAsync("20962");
        Assert.Equal(("Edited Title", 2), (document?.Article.Title, document?.Source.Revision));
    }

    [Fact]
    public async Task A_folder_left_empty_withdraws_nothing()
    {
        await using var db = await CreateAsync(Provider);
        db.WriteDocument("a.txt", Publication("20962"));
        await db.ImportAsync();
        File.Delete(Path.Combine(db.DocumentsFolder, "a.txt"));

        var report = await db.ImportAsync();

        Assert.Empty(report.Files);
        Assert.Equal(["20962"], (await db.Articles.ListAsync(new PageRequest())).Items.Select(a => a.Code));
    }

    [Fact]
    public async Task Withdrawn_articles_stay_withdrawn_and_unsearched_when_the_derived_rows_are_rebuilt()
    {
        await using var db = await CreateAsync(Provider);
        db.WriteDocument("a.txt", Publication("20962"));
        db.WriteDocument("b.txt", Publication("99213", "Office Visit"));
        await db.ImportAsync();
        File.Delete(Path.Combine(db.DocumentsFolder, "b.txt"));
        var withdrawal = await db.ImportAsync();
        // A row written by an older version of the parser: the rebuild derives it again, withdrawn as it was.
        await db.QueryAsync(c => c.Articles.IgnoreQueryFilters().Where(a => a.Code == "99213")
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.Title, "Stale title")));

        await db.Services.GetRequiredService<Reindexer>().RebuildAsync();

        Assert.Equal(["20962"], (await db.Articles.ListAsync(new PageRequest())).Items.Select(a => a.Code));
        Assert.NotNull((await db.Articles.GetAsync("99213"))?.WithdrawnAt);
        Assert.DoesNotContain("99213", (await db.Search.SearchAsync("office visit")).Articles.Select(a => a.Code));
        var row = await db.QueryAsync(c => c.Articles.IgnoreQueryFilters().SingleAsync(a => a.Code == "99213"));
        Assert.Equal(("Office Visit", withdrawal.RunId), (row.Title, row.WithdrawnInRunId));
        Assert.Equal(0, await db.QueryAsync(c => c.Payers.CountAsync(p => p.ArticleId == row.Id)));
    }

    [Fact]
    public async Task Withdrawals_and_restores_are_announced_once_the_run_is_committed()
    {
        await using var db = await CreateAsync(Provider);
        db.WriteDocument("a.txt", Publication("20962"));
        var bytes = db.WriteDocument("b.txt", Publication("99213", "Office Visit"));
        await db.ImportAsync();
        var heard = new List<(string?, ImportFileStatus, bool Committed)>();
        db.Services.GetRequiredService<ArticleUpdates>().Changed += changed =>
        {
            // What a listener reads must already be what the announcement says: the run's writes are committed.
            foreach (var file in changed.Files)
            {
                var document = db.Articles.GetAsync(file.Code ?? "").GetAwaiter().GetResult();
                var committed = file.Status switch
                {
                    ImportFileStatus.Withdrawn => document?.WithdrawnAt is not null,
                    ImportFileStatus.Restored => document is { WithdrawnAt: null },
                    _ => document?.Source.Revision == 2,
                };
                heard.Add((file.Code, file.Status, committed));
            }
        };

        File.Delete(Path.Combine(db.DocumentsFolder, "b.txt"));
        await db.ImportAsync();
        db.WriteDocument("b.txt", bytes);
        db.WriteDocument("a.txt", Publication("20962", "Changed"));
        await db.ImportAsync();
        await db.ImportAsync();

        Assert.Equal(
            [("99213", ImportFileStatus.Withdrawn, true), ("20962", ImportFileStatus.Updated, true), ("99213", ImportFileStatus.Restored, true)],
            heard);
    }

    [Fact]
    public async Task A_listener_that_throws_neither_fails_the_committed_run_nor_keeps_the_others_from_hearing()
    {
        await using var db = await CreateAsync(Provider);
        db.WriteDocument("a.txt", Publication("20962"));
        var updates = db.Services.GetRequiredService<ArticleUpdates>();
        var heard = new List<int>();
        updates.Changed += _ => throw new InvalidOperationException("A listener's own bug.");
        updates.Changed += changed => heard.Add(changed.RunId);

        var report = await db.ImportAsync();

        Assert.Equal((ImportRunStatus.Succeeded, 1), (report.Status, report.Imported));
        Assert.Equal([report.RunId], heard);
        Assert.Equal(ImportRunStatus.Succeeded, (await db.Runs.GetLatestAsync())?.Status);
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class WithdrawalOnPostgreSqlTests : WithdrawalTests
{
    protected override KbDatabaseProvider Provider => KbDatabaseProvider.PostgreSQL;
}
