using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CptKb.Core.Storage.Migrations
{
    /// <inheritdoc />
    public partial class ArticleHistoryAndChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ArticleRevisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    SourceDocumentId = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ImportRunId = table.Column<int>(type: "INTEGER", nullable: true),
                    Event = table.Column<string>(type: "TEXT", nullable: true),
                    ChangeCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArticleRevisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ArticleRevisions_SourceDocuments_SourceDocumentId",
                        column: x => x.SourceDocumentId,
                        principalTable: "SourceDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ArticleChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RevisionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", nullable: false),
                    CodeSortKey = table.Column<int>(type: "INTEGER", nullable: false),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    Section = table.Column<string>(type: "TEXT", nullable: true),
                    SectionAnchor = table.Column<string>(type: "TEXT", nullable: true),
                    Payer = table.Column<string>(type: "TEXT", nullable: true),
                    Label = table.Column<string>(type: "TEXT", nullable: true),
                    Cell = table.Column<string>(type: "TEXT", nullable: true),
                    Before = table.Column<string>(type: "TEXT", nullable: true),
                    After = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArticleChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ArticleChanges_ArticleRevisions_RevisionId",
                        column: x => x.RevisionId,
                        principalTable: "ArticleRevisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ArticleChanges_ChangedAt",
                table: "ArticleChanges",
                column: "ChangedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ArticleChanges_Kind_ChangedAt",
                table: "ArticleChanges",
                columns: new[] { "Kind", "ChangedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ArticleChanges_Payer_ChangedAt",
                table: "ArticleChanges",
                columns: new[] { "Payer", "ChangedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ArticleChanges_RevisionId_Position",
                table: "ArticleChanges",
                columns: new[] { "RevisionId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_ArticleRevisions_Code_Number",
                table: "ArticleRevisions",
                columns: new[] { "Code", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ArticleRevisions_SourceDocumentId",
                table: "ArticleRevisions",
                column: "SourceDocumentId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ArticleChanges");

            migrationBuilder.DropTable(
                name: "ArticleRevisions");
        }
    }
}
