using CptKb.Core.Search;
using CptKb.Core.Storage;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CptKb.Core.Import;

/// <summary>
/// Writes whole articles (their source revision, their rows and their search index rows) and import results inside the
/// caller's transaction, with prepared statements: the importer's bulk path.
/// </summary>
internal sealed class ImportRowWriter : IDisposable
{
    private readonly TableInserter<SourceDocument> sources;
    private readonly TableInserter<StoredArticle> articles;
    private readonly TableInserter<StoredPayer> payers;
    private readonly TableInserter<StoredModifier> modifiers;
    private readonly TableInserter<StoredPayerSection> payerSections;
    private readonly TableInserter<StoredDataGap> dataGaps;
    private readonly TableInserter<ImportRunFile> runFiles;
    private readonly DbCommand deleteArticle;
    private readonly DbCommand withdrawArticle;
    private readonly ISearchIndexWriter searchIndex;

    public ImportRowWriter(KbDbContext db, DbTransaction transaction, ISearchIndex search)
    {
        searchIndex = search.OpenWriter(transaction);
        sources = new(db, transaction);
        articles = new(db, transaction);
        payers = new(db, transaction);
        modifiers = new(db, transaction);
        payerSections = new(db, transaction);
        dataGaps = new(db, transaction);
        runFiles = new(db, transaction);

        var article = db.Model.FindEntityType(typeof(StoredArticle))
            ?? throw new InvalidOperationException($"{nameof(StoredArticle)} is not in the model.");
        var table = StoreObjectIdentifier.Table(article.GetTableName() ?? "Articles", article.GetSchema());
        var id = article.FindPrimaryKey()?.Properties.Single().GetColumnName(table) ?? "Id";
        var engine = StoreEngine.Of(transaction);
        var connection = transaction.Connection ?? throw new InvalidOperationException("The transaction has no connection.");
        deleteArticle = connection.CreateCommand();
        deleteArticle.Transaction = transaction;
        // The parts' foreign keys cascade, so they go with the article.
        deleteArticle.CommandText = $"DELETE FROM \"{table.Name}\" WHERE \"{id}\" = @id;";
        StoreEngine.AddParameter(deleteArticle, "@id");
        engine.Prepare(deleteArticle);

        withdrawArticle = connection.CreateCommand();
        withdrawArticle.Transaction = transaction;
        // A withdrawn article keeps its row (code, title, source) for its page; its parts go, so lists and the matrix
        // built from them leave it out.
        var parts = new[] { typeof(StoredPayer), typeof(StoredModifier), typeof(StoredPayerSection), typeof(StoredDataGap) }
            .Select(t => db.Model.FindEntityType(t)?.GetTableName() ?? throw new InvalidOperationException($"{t.Name} is not in the model."));
        withdrawArticle.CommandText = string.Concat(parts.Select(p => $"DELETE FROM \"{p}\" WHERE \"ArticleId\" = @id; "))
            + $"UPDATE \"{table.Name}\" SET \"{Column(article, table, nameof(StoredArticle.WithdrawnAt))}\" = @at, "
            + $"\"{Column(article, table, nameof(StoredArticle.WithdrawnInRunId))}\" = @run WHERE \"{id}\" = @id;";
        StoreEngine.AddParameter(withdrawArticle, "@id");
        StoreEngine.AddParameter(withdrawArticle, "@at");
        StoreEngine.AddParameter(withdrawArticle, "@run");
        engine.Prepare(withdrawArticle);
    }

    private static string Column(IEntityType entity, StoreObjectIdentifier table, string property) =>
        entity.FindProperty(property)?.GetColumnName(table) ?? property;

    /// <summary>
    /// Inserts the article and its parts, and first its <see cref="StoredArticle.SourceDocument"/> when set.
    /// An article with an <see cref="StoredArticle.Id"/> keeps it; else it gets a new one. Ids are set on the objects.
    /// </summary>
    public void Insert(StoredArticle article, IReadOnlyList<IndexedSection> index)
    {
        if (article.SourceDocument is { } source)
        {
            source.Id = sources.Insert(source);
            article.SourceDocumentId = source.Id;
        }
        article.Id = articles.Insert(article);
        InsertParts(payers, article.Payers, article.Id);
        InsertParts(modifiers, article.Modifiers, article.Id);
        InsertParts(payerSections, article.PayerSections, article.Id);
        InsertParts(dataGaps, article.DataGaps, article.Id);
        var id = article.Id;
        searchIndex.Add(index.Select(s => s with { Key = s.Key with { ArticleId = id } }));
    }

    /// <summary>Deletes the article, its parts and its search index rows; its source revisions stay.</summary>
    public void Delete(int articleId)
    {
        deleteArticle.Parameters[0].Value = articleId;
        deleteArticle.ExecuteNonQuery();
        searchIndex.Remove(articleId);
    }

    /// <summary>Withdraws the article: its parts and search index rows go, its row and source revisions stay.</summary>
    public void Withdraw(int articleId, DateTimeOffset at, int? runId)
    {
        withdrawArticle.Parameters[0].Value = articleId;
        // Written as the bulk inserts write it (Microsoft.Data.Sqlite's text form), which EF Core reads back.
        withdrawArticle.Parameters[1].Value = at;
        withdrawArticle.Parameters[2].Value = runId is { } run ? run : DBNull.Value;
        withdrawArticle.ExecuteNonQuery();
        searchIndex.Remove(articleId);
    }

    /// <summary>Empties the search index, before it is written again whole.</summary>
    public void ClearIndex() => searchIndex.Clear();

    /// <summary>Inserts one file result of an import run.</summary>
    public void Insert(ImportRunFile file) => runFiles.Insert(file);

    public void Dispose()
    {
        deleteArticle.Dispose();
        withdrawArticle.Dispose();
        foreach (var inserter in new IDisposable[] { searchIndex, sources, articles, payers, modifiers, payerSections, dataGaps, runFiles })
        {
            inserter.Dispose();
        }
    }

    private static void InsertParts<T>(TableInserter<T> inserter, List<T> parts, int articleId)
        where T : ArticlePart
    {
        foreach (var part in parts)
        {
            part.ArticleId = articleId;
            inserter.Insert(part);
        }
    }
}
