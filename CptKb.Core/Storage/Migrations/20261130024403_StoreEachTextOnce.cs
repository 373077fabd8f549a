using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CptKb.Core.Storage.Migrations
{
    /// <summary>
    /// Each text stored once: a revision's text compressed in <c>SourceDocuments.Content</c>; articles keep only what
    /// lists, filters and the matrix ask of them (code order key, site categories, payer stances), and are otherwise read
    /// from their revision; the copies of the words in sections, facts, payer texts, summaries and warnings go; the search
    /// index becomes contentless (it holds the index, not the text). Rows derived from the texts are written again from the
    /// stored revisions after the migration (<c>StoreInfo</c> says by which version), so no article is lost.
    /// </summary>
    public partial class StoreEachTextOnce : Migration
    {
        private const string ContentlessSearch = """
            CREATE VIRTUAL TABLE SearchSections USING fts5(
                code, title, heading, body, payer, modifiers, site,
                content = '', contentless_delete = 1, tokenize = 'porter unicode61');
            CREATE VIRTUAL TABLE SearchVocabulary USING fts5vocab(SearchSections, 'row');
            CREATE VIRTUAL TABLE SearchVocabularyInstances USING fts5vocab(SearchSections, 'instance');
            """;

        private const string DropSearch = """
            DROP TABLE IF EXISTS SearchVocabularyInstances;
            DROP TABLE IF EXISTS SearchVocabulary;
            DROP TABLE IF EXISTS SearchSections;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(name: "ArticleFacts");
            migrationBuilder.DropTable(name: "ArticleSections");
            migrationBuilder.DropTable(name: "ArticleWarnings");

            migrationBuilder.DropIndex(name: "IX_Articles_CodeNumber", table: "Articles");
            migrationBuilder.DropColumn(name: "CodeNumber", table: "Articles");
            migrationBuilder.DropColumn(name: "Summary", table: "Articles");
            migrationBuilder.DropColumn(name: "ClinicalContext", table: "Articles");
            migrationBuilder.AddColumn<int>(name: "CodeSortKey", table: "Articles", type: "INTEGER", nullable: false, defaultValue: 0);
            migrationBuilder.AddColumn<int>(name: "SiteCategories", table: "Articles", type: "INTEGER", nullable: false, defaultValue: 0);
            migrationBuilder.AddColumn<string>(name: "ModifierTableAnchor", table: "Articles", type: "TEXT", nullable: true);
            migrationBuilder.CreateIndex(name: "IX_Articles_CodeSortKey", table: "Articles", column: "CodeSortKey");

            migrationBuilder.DropColumn(name: "Text", table: "ArticlePayerSections");
            migrationBuilder.AddColumn<string>(name: "Stance", table: "ArticlePayerSections", type: "TEXT", nullable: false, defaultValue: "NotStated");

            migrationBuilder.AlterColumn<string>(
                name: "RawText", table: "SourceDocuments", type: "TEXT", nullable: true, oldClrType: typeof(string), oldType: "TEXT");
            migrationBuilder.AddColumn<byte[]>(name: "Content", table: "SourceDocuments", type: "BLOB", nullable: true);
            migrationBuilder.AddColumn<string>(name: "DecodingNote", table: "SourceDocuments", type: "TEXT", nullable: true);

            migrationBuilder.CreateTable(
                name: "StoreInfo",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: false),
                },
                constraints: table => table.PrimaryKey("PK_StoreInfo", x => x.Key));

            migrationBuilder.Sql(DropSearch);
            migrationBuilder.Sql(ContentlessSearch);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The texts dropped by Up are in the revisions; going down leaves the older tables empty, to be filled by an import.
            migrationBuilder.Sql(DropSearch);
            migrationBuilder.Sql(Search.CreateTable);
            migrationBuilder.DropTable(name: "StoreInfo");
            migrationBuilder.DropColumn(name: "Content", table: "SourceDocuments");
            migrationBuilder.DropColumn(name: "DecodingNote", table: "SourceDocuments");
            migrationBuilder.AlterColumn<string>(
                name: "RawText", table: "SourceDocuments", type: "TEXT", nullable: false, defaultValue: "",
                oldClrType: typeof(string), oldType: "TEXT", oldNullable: true);
            migrationBuilder.DropColumn(name: "Stance", table: "ArticlePayerSections");
            migrationBuilder.AddColumn<string>(name: "Text", table: "ArticlePayerSections", type: "TEXT", nullable: false, defaultValue: "");
            migrationBuilder.DropIndex(name: "IX_Articles_CodeSortKey", table: "Articles");
            migrationBuilder.DropColumn(name: "CodeSortKey", table: "Articles");
            migrationBuilder.DropColumn(name: "SiteCategories", table: "Articles");
            migrationBuilder.DropColumn(name: "ModifierTableAnchor", table: "Articles");
            migrationBuilder.AddColumn<int>(name: "CodeNumber", table: "Articles", type: "INTEGER", nullable: false, defaultValue: 0);
            migrationBuilder.AddColumn<string>(name: "Summary", table: "Articles", type: "TEXT", nullable: false, defaultValue: "");
            migrationBuilder.AddColumn<string>(name: "ClinicalContext", table: "Articles", type: "TEXT", nullable: true);
            migrationBuilder.CreateIndex(name: "IX_Articles_CodeNumber", table: "Articles", column: "CodeNumber");
            foreach (var (table, columns) in new[]
            {
                ("ArticleFacts", "Label TEXT NOT NULL, Value TEXT NOT NULL, SectionPath TEXT NOT NULL, Payer TEXT NULL"),
                ("ArticleSections", "Heading TEXT NOT NULL, Level INTEGER NOT NULL, Anchor TEXT NOT NULL, Path TEXT NOT NULL, Kind TEXT NOT NULL, Body TEXT NOT NULL"),
                ("ArticleWarnings", "Message TEXT NOT NULL, Line INTEGER NULL"),
            })
            {
                migrationBuilder.Sql(
                    $"CREATE TABLE \"{table}\" (ArticleId INTEGER NOT NULL, Position INTEGER NOT NULL, {columns}, " +
                    $"CONSTRAINT \"PK_{table}\" PRIMARY KEY (ArticleId, Position), " +
                    $"CONSTRAINT \"FK_{table}_Articles_ArticleId\" FOREIGN KEY (ArticleId) REFERENCES Articles (Id) ON DELETE CASCADE);");
            }
        }
    }
}
