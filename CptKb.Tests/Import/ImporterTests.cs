using CptKb.Tests.TestSupport;
using System.Security.Cryptography;
using System.Text;
using CptKb.Core;
using CptKb.Core.Import;
using CptKb.Core.Storage;
using CptKb.Tests.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CptKb.Tests.Storage.TestDatabase;

namespace CptKb.Tests.Import;

public class ImporterTests
{
    /// <summary>The engine these tests run on; the PostgreSQL variant below overrides it.</summary>
    protected virtual KbDatabaseProvider Provider => KbDatabaseProvider.Sqlite;

    [Fact]
    public async Task A_first_import_stores_every_publication_and_reports_each_file()
    {
        await using var db = await CreateAsync(Provider);
        var bytes = db.WriteDocument("a.txt", Publication("20962"));
        db.WriteDocument("sub/b.md", Publication("0001T", "Category III Thing", "Humana and Medicare"));
        var progress = new ProgressLog();

        var report = await db.ImportAsync(progress);

        Assert.True(report.Status == ImportRunStatus.Succeeded, report.Error);
        Assert.Null(report.Error);
        Assert.Equal((2, 0, 0, 0), (report.Imported, report.Updated, report.Unchanged, report.Failed));
        Assert.Equal(["a.txt", "sub/b.md"], report.Files.Select(f => f.FileName));
        Assert.All(report.Files, f => Assert.Equal(ImportFileStatus.Imported, f.Status));
        Assert.Equal(["20962", "0001T"], report.Files.Select(f => f.Code));
        Assert.Equal([new ImportProgress(1, 2, "a.txt"), new ImportProgress(2, 2, "sub/b.md")], progress.Reports);
        Assert.Equal(Path.GetFullPath(db.DocumentsFolder), report.SourceFolder);

        var document = await db.Articles.GetAsync("20962");
        Assert.NotNull(document);
        Assert.Equal("Vascularized Bone Graft", document.Article.Title);
        Assert.Equal(["Aetna", "Cigna Health", "Medicare"], document.Article.Payers);
        Assert.Equal("a.txt", document.Source.FileName);
        Assert.Equal(1, document.Source.Revision);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), document.Source.Sha256);
        Assert.Equal(["20962", "0001T"], (await db.Articles.ListAsync(new PageRequest())).Items.Select(a => a.Code));

        var latest = await db.Runs.GetLatestAsync();
        Assert.NotNull(latest);
        Assert.Equal(report.RunId, latest.RunId);
        Assert.Equal(report.Files.Select(f => (f.FileName, f.Status, f.Code)), latest.Files.Select(f => (f.FileName, f.Status, f.Code)));
    }

    [Fact]
    public async Task Running_again_on_an_unchanged_folder_reports_every_file_unchanged_and_stores_nothing_new()
    {
        await using var db = await CreateAsync(Provider);
        db.WriteDocument("a.txt", Publication("20962"));
        db.WriteDocument("b.txt", Publication("99213", "Office Visit"));
        await db.ImportAsync();
        var before = await ArticleRowsAsync(db);

        var report = await db.ImportAsync();

        Assert.True(report.Status == ImportRunStatus.Succeeded, report.Error);
        Assert.Equal((0, 0, 2, 0), (report.Imported, report.Updated, report.Unchanged, report.Failed));
        Assert.Equal(["20962", "99213"], report.Files.Select(f => f.Code));
        Assert.Equal(2, await db.QueryAsync(c => c.SourceDocuments.CountAsync()));
        Assert.Equal(before, await ArticleRowsAsync(db));
    }

    [Fact]
    public async Task A_changed_file_becomes_revision_2_replaces_the_articles_parts_and_keeps_revision_1s_text()
    {
        await using var db = await CreateAsync(Provider);
        var first = Publication("20962");
        db.WriteDocument("a.txt", first);
        await db.ImportAsync();
        var id = await db.QueryAsync(c => c.Articles.Select(a => a.Id).SingleAsync());

        var second = Publication("20962", "Vascularized Bone Graft, Revised", "Humana, Aetna, and Medicare");
        db.WriteDocument("a.txt", second);
        var report = await db.ImportAsync();

        Assert.Equal(ImportFileStatus.Updated, Assert.Single(report.Files).Status);
        Assert.Equal(1, report.Updated);
        var document = await db.Articles.GetAsync("20962");
        Assert.NotNull(document);
        Assert.Equal("Vascularized Bone Graft, Revised", document.Article.Title);
        Assert.Equal(["Humana", "Aetna", "Medicare"], document.Article.Payers);
        Assert.Equal(2, document.Source.Revision);
        Assert.Equal(id, await db.QueryAsync(c => c.Articles.Select(a => a.Id).SingleAsync()));
        var revisions = await db.QueryAsync(c => c.SourceDocuments.Where(s => s.FileName == "a.txt")
            .OrderBy(s => s.Revision).ToListAsync());
        Assert.Equal([1, 2], revisions.Select(r => r.Revision));
        Assert.Equal(first, StoredText.Of(revisions[0]));
        Assert.Equal(second, StoredText.Of(revisions[1]));
    }

    [Fact]
    public async Task Files_that_are_not_publications_fail_with_a_reason_while_the_others_import()
    {
        await using var db = await CreateAsync(Provider);
        db.WriteDocument("empty.txt", []);
        db.WriteDocument("binary.txt", [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, (byte)'I', (byte)'H', 0, 0xFF]);
        db.WriteDocument("good.txt", Publication("20962"));
        db.WriteDocument("no-code.txt", "Summary & Overview\nThis document names no code at all.\n");

        var report = await db.ImportAsync();

        Assert.True(report.Status == ImportRunStatus.Succeeded, report.Error);
        Assert.Equal((1, 0, 0, 3), (report.Imported, report.Updated, report.Unchanged, report.Failed));
        var byName = report.Files.ToDictionary(f => f.FileName);
        Assert.Equal(ImportFileStatus.Imported, byName["good.txt"].Status);
        foreach (var name in new[] { "empty.txt", "binary.txt", "no-code.txt" })
        {
            Assert.Equal(ImportFileStatus.Failed, byName[name].Status);
            Assert.Null(byName[name].Code);
            Assert.Contains(byName[name].Messages, m => !string.IsNullOrWhiteSpace(m));
        }
        Assert.Contains("CPT", byName["no-code.txt"].Messages[0], StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["20962"], (await db.Articles.ListAsync(new PageRequest())).Items.Select(a => a.Code));

        // A failed file is read again next time, and fails again: it is never "unchanged".
        var again = await db.ImportAsync();
        Assert.Equal((0, 1, 3), (again.Imported, again.Unchanged, again.Failed));
    }

    [Fact]
    public async Task A_Windows_1252_file_imports_with_a_warning_and_its_characters_intact()
    {
        await using var db = await CreateAsync(Provider);
        var windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252);
        Assert.NotNull(windows1252);
        var bytes = windows1252.GetBytes(Publication("20962", "Bone Graft \u2013 Caf\u00e9 Technique"));
        Assert.Contains((byte)0x96, bytes);
        Assert.Contains((byte)0xE9, bytes);
        db.WriteDocument("legacy.txt", bytes);

        var report = await db.ImportAsync();

        var file = Assert.Single(report.Files);
        Assert.Equal(ImportFileStatus.Imported, file.Status);
        Assert.NotEmpty(file.Messages);
        var document = await db.Articles.GetAsync("20962");
        Assert.Equal("Bone Graft \u2013 Caf\u00e9 Technique", document?.Article.Title);
        var raw = StoredText.Of(await db.QueryAsync(c => c.SourceDocuments.SingleAsync()));
        Assert.Contains("Bone Graft \u2013 Caf\u00e9 Technique", raw);
    }

    [Fact]
    public async Task Two_files_with_the_same_code_keep_the_first_by_path_on_every_run()
    {
        await using var db = await CreateAsync(Provider);
        db.WriteDocument("b/x.txt", Publication("20962", "From b"));
        db.WriteDocument("a/x.txt", Publication("20962", "From a"));

        var first = await db.ImportAsync();

        AssertAKeptAndBRefused(first, ImportFileStatus.Imported);
        Assert.Equal("From a", (await db.Articles.GetAsync("20962"))?.Article.Title);

        var second = await db.ImportAsync();

        AssertAKeptAndBRefused(second, ImportFileStatus.Unchanged);
        Assert.Equal("From a", (await db.Articles.GetAsync("20962"))?.Article.Title);

        // Editing the refused file does not make it win either.
        db.WriteDocument("b/x.txt", Publication("20962", "From b, edited"));
        var third = await db.ImportAsync();

        AssertAKeptAndBRefused(third, ImportFileStatus.Unchanged);
        Assert.Equal("From a", (await db.Articles.GetAsync("20962"))?.Article.Title);
        Assert.Equal(["a/x.txt"], await db.QueryAsync(c => c.SourceDocuments.Select(s => s.FileName).ToListAsync()));
        var stored = await db.Runs.GetLatestAsync();
        Assert.Equal(third.Files.Select(f => f.Messages), stored?.Files.Select(f => f.Messages));

        static void AssertAKeptAndBRefused(ImportRunReport report, ImportFileStatus keptStatus)
        {
            Assert.Equal(["a/x.txt", "b/x.txt"], report.Files.Select(f => f.FileName));
            var (kept, refused) = (report.Files[0], report.Files[1]);
            Assert.Equal(keptStatus, kept.Status);
            Assert.Equal(ImportFileStatus.Failed, refused.Status);
            Assert.Equal("20962", refused.Code);
            Assert.Contains(kept.Messages, m => m.Contains("20962") && m.Contains("a/x.txt") && m.Contains("b/x.txt"));
            Assert.Contains(refused.Messages, m => m.Contains("20962") && m.Contains("a/x.txt") && m.Contains("b/x.txt"));
        }
    }

    [Fact]
    public async Task A_file_that_takes_over_a_stored_code_from_a_later_path_wins_and_the_later_file_is_refused()
    {
        await using var db = await CreateAsync(Provider);
        db.WriteDocument("z.txt", Publication("20962", "From z"));
        await db.ImportAsync();

        db.WriteDocument("a.txt", Publication("20962", "From a"));
        var report = await db.ImportAsync();

        Assert.Equal([ImportFileStatus.Updated, ImportFileStatus.Failed], report.Files.Select(f => f.Status));
        Assert.Equal("a.txt", (await db.Articles.GetAsync("20962"))?.Source.FileName);
        var again = await db.ImportAsync();
        Assert.Equal([ImportFileStatus.Unchanged, ImportFileStatus.Failed], again.Files.Select(f => f.Status));
    }

    [Fact]
    public async Task Links_back_to_the_folder_import_each_publication_once_and_are_reported_as_skipped_in_path_order()
    {
        await using var db = await CreateAsync(Provider);
        db.WriteDocument("a.txt", Publication("20962"));
        db.WriteDocument("sub/b.txt", Publication("99213", "Office Visit"));
        Directory.CreateSymbolicLink(Path.Combine(db.DocumentsFolder, "0-loop"), ".");
        Directory.CreateSymbolicLink(Path.Combine(db.DocumentsFolder, "sub", "up"), "..");

        var report = await db.ImportAsync();

        Assert.Equal(ImportRunStatus.Succeeded, report.Status);
        Assert.Equal((2, 0, 0, 0, 2), (report.Imported, report.Updated, report.Unchanged, report.Failed, report.Skipped));
        Assert.Equal(
            [("0-loop", ImportFileStatus.Skipped), ("a.txt", ImportFileStatus.Imported), ("sub/b.txt", ImportFileStatus.Imported), ("sub/up", ImportFileStatus.Skipped)],
            report.Files.Select(f => (f.FileName, f.Status)));
        Assert.Equal(["the link leads to the import folder itself, already read; it was not followed"], report.Files[0].Messages);
        var latest = await db.Runs.GetLatestAsync();
        Assert.Equal(report.Files.Select(f => (f.FileName, f.Status, f.Messages.Count)), latest?.Files.Select(f => (f.FileName, f.Status, f.Messages.Count)));
        Assert.Equal(2, latest?.Skipped);
    }

    [Fact]
    public async Task A_folder_over_the_file_bound_fails_the_run_and_changes_nothing()
    {
        await using var db = await CreateAsync(Provider);
        db.WriteDocument("a.txt", Publication("20962"));
        await db.ImportAsync();
        db.WriteDocument("b.txt", Publication("99213", "Office Visit"));
        await using var services = new ServiceCollection()
            .AddCptKbCore(db.Provider, db.ConnectionString)
            .Configure<FolderWalkLimits>(limits => limits.MaxFiles = 1)
            .BuildServiceProvider();

        var report = await services.GetRequiredService<Importer>().ImportFolderAsync(db.DocumentsFolder);

        Assert.Equal(ImportRunStatus.Failed, report.Status);
        Assert.Contains("holds more than 1 *.txt and *.md files (Kb:Import:MaxFiles); nothing was imported", report.Error);
        Assert.Equal(["20962"], (await db.Articles.ListAsync(new PageRequest())).Items.Select(a => a.Code));
    }

    [Fact]
    public async Task A_run_that_fails_midway_leaves_the_previous_content_intact_and_is_recorded_as_failed()
    {
        await using var db = await CreateAsync(Provider);
        var before = await ImportThenChangeThreeFilesAsync(db);
        // a.txt's and b.txt's new rows are already written when the failure comes after b.txt.
        var progress = new ProgressLog(p =>
        {
            if (p.Done == 2) throw new InvalidOperationException("Simulated failure.");
        });

        var report = await db.ImportAsync(progress);

        Assert.Equal(ImportRunStatus.Failed, report.Status);
        Assert.Contains("Simulated failure.", report.Error);
        Assert.Contains("b.txt", report.Error);
        Assert.Empty(report.Files);
        Assert.Equal(before, await ArticleRowsAsync(db));
        Assert.Equal(["Aetna", "Cigna Health", "Medicare"], (await db.Articles.GetAsync("20962"))?.Article.Payers);
        Assert.Equal(1, await db.QueryAsync(c => c.SourceDocuments.CountAsync()));
        var latest = await db.Runs.GetLatestAsync();
        Assert.Equal((report.RunId, ImportRunStatus.Failed), (latest?.RunId, latest?.Status));
        Assert.Equal(report.Error, latest?.Error);
        Assert.NotNull(latest?.FinishedAt);
    }

    [Fact]
    public async Task A_cancelled_run_throws_saves_nothing_and_is_recorded_as_failed()
    {
        await using var db = await CreateAsync(Provider);
        var before = await ImportThenChangeThreeFilesAsync(db);
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            db.ImportAsync(new ProgressLog(_ => cancel.Cancel()), cancel.Token));

        Assert.Equal(before, await ArticleRowsAsync(db));
        var latest = await db.Runs.GetLatestAsync();
        Assert.Equal(ImportRunStatus.Failed, latest?.Status);
        Assert.Contains("cancelled", latest?.Error);
    }

    [Fact]
    public async Task Nested_folders_and_md_files_are_imported_in_path_order_and_other_extensions_ignored()
    {
        await using var db = await CreateAsync(Provider);
        db.WriteDocument("x/y/z/deep.MD", Publication("20962"));
        db.WriteDocument("top.TXT", Publication("99213"));
        db.WriteDocument("x/notes.md", Publication("99214"));
        db.WriteDocument("notes.docx", Publication("99215"));
        db.WriteDocument("x/readme.pdf", Publication("99216"));
        db.WriteDocument("x/y/data.json", "{}");
        db.WriteDocument("x/y/textfile", Publication("99217"));

        var report = await db.ImportAsync();

        Assert.Equal(["top.TXT", "x/notes.md", "x/y/z/deep.MD"], report.Files.Select(f => f.FileName));
        Assert.Equal(3, report.Imported);
        Assert.Equal(["20962", "99213", "99214"], (await db.Articles.ListAsync(new PageRequest())).Items.Select(a => a.Code));
    }

    [Fact]
    public async Task A_missing_folder_gives_a_failed_run_naming_the_folder_and_touches_nothing()
    {
        await using var db = await CreateAsync(Provider);
        db.WriteDocument("a.txt", Publication("20962"));
        await db.ImportAsync();
        var before = await ArticleRowsAsync(db);
        var missing = Path.Combine(db.Root, "no-such-folder");

        var report = await db.Importer.ImportFolderAsync(missing, null, CancellationToken.None);

        Assert.Equal(ImportRunStatus.Failed, report.Status);
        Assert.Contains(missing, report.Error);
        Assert.Contains("does not exist", report.Error);
        Assert.Empty(report.Files);
        Assert.Equal(before, await ArticleRowsAsync(db));
        Assert.Equal(ImportRunStatus.Failed, (await db.Runs.GetLatestAsync())?.Status);
    }

    /// <summary>Imports a.txt, then changes it and adds b.txt and c.txt; returns the stored rows after the import.</summary>
    private static async Task<string> ImportThenChangeThreeFilesAsync(TestDatabase db)
    {
        db.WriteDocument("a.txt", Publication("20962", "Old title"));
        await db.ImportAsync();
        var before = await ArticleRowsAsync(db);
        db.WriteDocument("a.txt", Publication("20962", "New title", "Humana, Aetna, and Medicare"));
        db.WriteDocument("b.txt", Publication("99213", "Office Visit"));
        db.WriteDocument("c.txt", Publication("99214", "Office Visit, Longer"));
        return before;
    }

    /// <summary>Every stored article's id, code, title, source row and payer count, to compare before and after.</summary>
    private static Task<string> ArticleRowsAsync(TestDatabase db) =>
        db.QueryAsync(async c => string.Join("\n", await c.Articles.OrderBy(a => a.Code)
            .Select(a => $"{a.Id} {a.Code} {a.Title} source={a.SourceDocumentId} payers={a.Payers.Count}")
            .ToListAsync()));
}

/// <summary>The same tests on PostgreSQL.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class ImporterOnPostgreSqlTests : ImporterTests
{
    protected override KbDatabaseProvider Provider => KbDatabaseProvider.PostgreSQL;
}
