using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CptKb.Core.Storage.Migrations
{
    /// <summary>
    /// The search index as it was first laid out: an FTS5 table of article sections and its two vocabulary views.
    /// </summary>
    public partial class Search : Migration
    {
        internal const string CreateTable = """
            CREATE VIRTUAL TABLE SearchSections USING fts5(
                code, title, heading, body, payer, modifiers, site, anchor UNINDEXED,
                tokenize = 'porter unicode61');
            CREATE VIRTUAL TABLE SearchVocabulary USING fts5vocab(SearchSections, 'row');
            CREATE VIRTUAL TABLE SearchVocabularyInstances USING fts5vocab(SearchSections, 'instance');
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Only the tables: the index's rows are written from the stored revisions after the last migration (the
            // reindexer), so no migration holds a copy of how sections are indexed.
            migrationBuilder.Sql(CreateTable);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TABLE SearchVocabularyInstances;
                DROP TABLE SearchVocabulary;
                DROP TABLE SearchSections;
                """);
        }
    }
}
