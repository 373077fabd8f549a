using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CptKb.Core.Storage;

/// <summary>
/// The knowledge base's database: stored articles and their parts, source file revisions and import runs.
/// Create one per operation through <see cref="IDbContextFactory{TContext}"/>. On SQLite (the default) it is this type;
/// on PostgreSQL it is <see cref="PostgreSqlKbDbContext"/>, the same model with the migrations of its own engine.
/// </summary>
public class KbDbContext : DbContext
{
    /// <summary>A context on SQLite, with the migrations in <c>Storage/Migrations</c>.</summary>
    public KbDbContext(DbContextOptions<KbDbContext> options)
        : base(options)
    {
    }

    /// <summary>For an engine's own context type, whose migrations are kept apart (EF Core finds migrations by context type).</summary>
    protected KbDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>Stored articles, one per CPT code.</summary>
    public DbSet<StoredArticle> Articles => Set<StoredArticle>();

    /// <summary>Key payers of the articles.</summary>
    public DbSet<StoredPayer> Payers => Set<StoredPayer>();

    /// <summary>Modifier table rows of the articles.</summary>
    public DbSet<StoredModifier> Modifiers => Set<StoredModifier>();

    /// <summary>Payer subsections of the articles.</summary>
    public DbSet<StoredPayerSection> PayerSections => Set<StoredPayerSection>();

    /// <summary>Data gaps of the articles.</summary>
    public DbSet<StoredDataGap> DataGaps => Set<StoredDataGap>();

    /// <summary>Every stored revision of every imported file.</summary>
    public DbSet<SourceDocument> SourceDocuments => Set<SourceDocument>();

    /// <summary>Import runs, newest last.</summary>
    public DbSet<ImportRun> ImportRuns => Set<ImportRun>();

    /// <summary>Per-file results of the import runs.</summary>
    public DbSet<ImportRunFile> ImportRunFiles => Set<ImportRunFile>();

    /// <summary>Every article's history: its revisions and events (derived from the stored revisions).</summary>
    public DbSet<ArticleRevision> ArticleRevisions => Set<ArticleRevision>();

    /// <summary>The changes each entry of an article's history brought (derived from the stored revisions).</summary>
    public DbSet<StoredChange> ArticleChanges => Set<StoredChange>();

    /// <summary>What the database keeps about itself (see <see cref="StoreInfo"/>).</summary>
    public DbSet<StoreInfo> StoreInfo => Set<StoreInfo>();

    /// <summary>The web app's shared key ring (see <see cref="KeyRingEntry"/>).</summary>
    public DbSet<KeyRingEntry> KeyRing => Set<KeyRingEntry>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<StoredArticle>(article =>
        {
            article.ToTable("Articles");
            article.HasIndex(a => a.Code).IsUnique();
            article.HasIndex(a => a.CodeSortKey);
            // Withdrawn articles are kept for their page and their history; everything that lists articles leaves them out.
            article.HasQueryFilter(a => a.WithdrawnAt == null);
            // Every page asks whether generated samples are stored.
            article.HasIndex(a => a.IsSample);
            article.HasOne(a => a.SourceDocument).WithMany()
                .HasForeignKey(a => a.SourceDocumentId).OnDelete(DeleteBehavior.Restrict);
            article.HasMany(a => a.Payers).WithOne().HasForeignKey(p => p.ArticleId);
            article.HasMany(a => a.Modifiers).WithOne().HasForeignKey(p => p.ArticleId);
            article.HasMany(a => a.PayerSections).WithOne().HasForeignKey(p => p.ArticleId);
            article.HasMany(a => a.DataGaps).WithOne().HasForeignKey(p => p.ArticleId);
        });

        Part<StoredPayer>(modelBuilder, "ArticlePayers").HasIndex(p => p.Name);
        Part<StoredModifier>(modelBuilder, "ArticleModifiers").HasIndex(m => m.Code);
        var payerSections = Part<StoredPayerSection>(modelBuilder, "ArticlePayerSections");
        payerSections.HasIndex(s => s.Payer);
        payerSections.Property(s => s.Stance).HasConversion<string>();
        Part<StoredDataGap>(modelBuilder, "ArticleDataGaps").Property(g => g.Kind).HasConversion<string>();

        modelBuilder.Entity<SourceDocument>(source =>
        {
            source.ToTable("SourceDocuments");
            source.HasIndex(s => new { s.FileName, s.Revision }).IsUnique();
            source.HasOne<ImportRun>().WithMany()
                .HasForeignKey(s => s.ImportRunId).OnDelete(DeleteBehavior.SetNull);
        });

        modelBuilder.Entity<ImportRun>(run =>
        {
            run.ToTable("ImportRuns");
            run.Property(r => r.Status).HasConversion<string>();
            run.HasMany(r => r.Files).WithOne().HasForeignKey(f => f.ImportRunId);
        });

        modelBuilder.Entity<ArticleRevision>(revision =>
        {
            revision.ToTable("ArticleRevisions");
            revision.HasIndex(r => new { r.Code, r.Number }).IsUnique();
            // Stored as a number so SQLite can order and compare it.
            revision.Property(r => r.RecordedAt).HasConversion<DateTimeOffsetToBinaryConverter>();
            revision.HasOne<SourceDocument>().WithMany()
                .HasForeignKey(r => r.SourceDocumentId).OnDelete(DeleteBehavior.Cascade);
            revision.HasMany<StoredChange>().WithOne()
                .HasForeignKey(c => c.RevisionId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<StoredChange>(change =>
        {
            change.ToTable("ArticleChanges");
            // The feed reads newest first, by date, payer, kind and code range.
            change.Property(c => c.ChangedAt).HasConversion<DateTimeOffsetToBinaryConverter>();
            change.HasIndex(c => c.ChangedAt);
            change.HasIndex(c => new { c.Payer, c.ChangedAt });
            change.HasIndex(c => new { c.Kind, c.ChangedAt });
            change.HasIndex(c => new { c.RevisionId, c.Position });
        });

        modelBuilder.Entity<StoreInfo>(info =>
        {
            info.ToTable("StoreInfo");
            info.HasKey(i => i.Key);
        });

        // The table and columns ASP.NET Core's key store (DataProtectionKey) reads and writes.
        modelBuilder.Entity<KeyRingEntry>().ToTable("DataProtectionKeys");

        modelBuilder.Entity<ImportRunFile>(file =>
        {
            file.ToTable("ImportRunFiles");
            file.HasKey(f => new { f.ImportRunId, f.Position });
            file.Property(f => f.Status).HasConversion<string>();
        });
    }

    // Parts are keyed by (ArticleId, Position): the key keeps document order and doubles as the by-article index.
    private static EntityTypeBuilder<T> Part<T>(ModelBuilder modelBuilder, string table)
        where T : ArticlePart
    {
        var part = modelBuilder.Entity<T>();
        part.ToTable(table);
        part.HasKey(p => new { p.ArticleId, p.Position });
        part.Property(p => p.Position).ValueGeneratedNever();
        return part;
    }
}
