using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CptKb.Core.Storage.Migrations
{
    /// <summary>
    /// The search index: an FTS5 table of article sections (see <see cref="CptKb.Core.Search.SqliteSearchIndex"/>), its two
    /// vocabulary views, and the rows of the articles already stored.
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

        // The rows as the index held them when this migration was written: one a section, rowid = article id << 24 |
        // kind << 16 | position, the body with IndexedSection.PlainText's Markdown marks taken out, the payer, modifier and
        // site columns on the same sections. SqliteSearchIndex.EnsureCurrentAsync rebuilds them in the current layout.
        private const string PlainBody =
            "replace(replace(replace(replace(replace(replace(replace(replace(s.Body, char(1), ''), char(2), ''), '**', ''), '__', ''), '`', ''), '---', ''), '|', ' '), char(10) || '- ', char(10))";

        internal const string Fill = $"""
            INSERT INTO SearchSections(rowid, code, title, heading, body, payer, modifiers, site, anchor)
            SELECT (s.ArticleId << 24) | ((CASE s.Kind
                        WHEN 'Preamble' THEN 1 WHEN 'Summary' THEN 2 WHEN 'BillingCodeOverview' THEN 3
                        WHEN 'ClinicalCodingSpecifications' THEN 4 WHEN 'ClinicalContext' THEN 5 WHEN 'CodingSpecifications' THEN 6
                        WHEN 'PayerCoverage' THEN 7 WHEN 'Payer' THEN 8 WHEN 'PolicyConsiderations' THEN 9
                        WHEN 'SitesOfService' THEN 10 WHEN 'DataGaps' THEN 11 ELSE 0 END) << 16) | s.Position,
                a.Code, a.Title, s.Path, {PlainBody},
                CASE s.Kind
                    WHEN 'Payer' THEN coalesce((SELECT p.Payer FROM ArticlePayerSections p
                        WHERE p.ArticleId = s.ArticleId AND p.Anchor = s.Anchor ORDER BY p.Position LIMIT 1), '')
                    WHEN 'Summary' THEN coalesce((SELECT group_concat(p.Name, ', ' ORDER BY p.Position) FROM ArticlePayers p
                        WHERE p.ArticleId = s.ArticleId), '')
                    ELSE '' END,
                CASE s.Kind
                    WHEN 'CodingSpecifications' THEN coalesce((SELECT group_concat(m.Code, ' ' ORDER BY m.Position) FROM ArticleModifiers m
                        WHERE m.ArticleId = s.ArticleId AND m.Code IS NOT NULL), '')
                    ELSE '' END,
                CASE s.Kind
                    WHEN 'SitesOfService' THEN {PlainBody}
                    WHEN 'BillingCodeOverview' THEN coalesce(a.SiteOfService, '')
                    ELSE '' END,
                s.Anchor
            FROM ArticleSections s JOIN Articles a ON a.Id = s.ArticleId
            WHERE s.Position <= 65535 AND trim(s.Body, ' ' || char(9, 10, 13)) <> '';
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(CreateTable);
            migrationBuilder.Sql(Fill);
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
