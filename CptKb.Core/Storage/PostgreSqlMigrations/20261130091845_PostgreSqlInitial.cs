using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CptKb.Core.Storage.PostgreSqlMigrations
{
    /// <inheritdoc />
    public partial class PostgreSqlInitial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ImportRuns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SourceFolder = table.Column<string>(type: "text", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Status = table.Column<string>(type: "text", nullable: false),
                    Error = table.Column<string>(type: "text", nullable: true),
                    ImportedCount = table.Column<int>(type: "integer", nullable: false),
                    UpdatedCount = table.Column<int>(type: "integer", nullable: false),
                    UnchangedCount = table.Column<int>(type: "integer", nullable: false),
                    FailedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StoreInfo",
                columns: table => new
                {
                    Key = table.Column<string>(type: "text", nullable: false),
                    Value = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoreInfo", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "ImportRunFiles",
                columns: table => new
                {
                    ImportRunId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    FileName = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "text", nullable: false),
                    Code = table.Column<string>(type: "text", nullable: true),
                    Messages = table.Column<List<string>>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportRunFiles", x => new { x.ImportRunId, x.Position });
                    table.ForeignKey(
                        name: "FK_ImportRunFiles_ImportRuns_ImportRunId",
                        column: x => x.ImportRunId,
                        principalTable: "ImportRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SourceDocuments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FileName = table.Column<string>(type: "text", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: true),
                    RawText = table.Column<string>(type: "text", nullable: true),
                    DecodingNote = table.Column<string>(type: "text", nullable: true),
                    Sha256 = table.Column<string>(type: "text", nullable: false),
                    ImportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ImportRunId = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SourceDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SourceDocuments_ImportRuns_ImportRunId",
                        column: x => x.ImportRunId,
                        principalTable: "ImportRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "ArticleRevisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "text", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    SourceDocumentId = table.Column<int>(type: "integer", nullable: false),
                    RecordedAt = table.Column<long>(type: "bigint", nullable: false),
                    ImportRunId = table.Column<int>(type: "integer", nullable: true),
                    Event = table.Column<string>(type: "text", nullable: true),
                    ChangeCount = table.Column<int>(type: "integer", nullable: false)
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
                name: "Articles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "text", nullable: false),
                    CodeSortKey = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "text", nullable: false),
                    ServiceType = table.Column<string>(type: "text", nullable: true),
                    SiteOfService = table.Column<string>(type: "text", nullable: true),
                    SiteCategories = table.Column<int>(type: "integer", nullable: false),
                    ModifierTableAnchor = table.Column<string>(type: "text", nullable: true),
                    IsSample = table.Column<bool>(type: "boolean", nullable: false),
                    DataGapCount = table.Column<int>(type: "integer", nullable: false),
                    SourceDocumentId = table.Column<int>(type: "integer", nullable: false),
                    WithdrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    WithdrawnInRunId = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Articles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Articles_SourceDocuments_SourceDocumentId",
                        column: x => x.SourceDocumentId,
                        principalTable: "SourceDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ArticleChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RevisionId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "text", nullable: false),
                    CodeSortKey = table.Column<int>(type: "integer", nullable: false),
                    ChangedAt = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "text", nullable: false),
                    Section = table.Column<string>(type: "text", nullable: true),
                    SectionAnchor = table.Column<string>(type: "text", nullable: true),
                    Payer = table.Column<string>(type: "text", nullable: true),
                    Label = table.Column<string>(type: "text", nullable: true),
                    Cell = table.Column<string>(type: "text", nullable: true),
                    Before = table.Column<string>(type: "text", nullable: true),
                    After = table.Column<string>(type: "text", nullable: true)
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

            migrationBuilder.CreateTable(
                name: "ArticleDataGaps",
                columns: table => new
                {
                    ArticleId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    SectionPath = table.Column<string>(type: "text", nullable: false),
                    Anchor = table.Column<string>(type: "text", nullable: false),
                    FactLabel = table.Column<string>(type: "text", nullable: true),
                    Payer = table.Column<string>(type: "text", nullable: true),
                    Kind = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArticleDataGaps", x => new { x.ArticleId, x.Position });
                    table.ForeignKey(
                        name: "FK_ArticleDataGaps_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ArticleModifiers",
                columns: table => new
                {
                    ArticleId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "text", nullable: true),
                    Description = table.Column<string>(type: "text", nullable: true),
                    WhenToUse = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArticleModifiers", x => new { x.ArticleId, x.Position });
                    table.ForeignKey(
                        name: "FK_ArticleModifiers_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ArticlePayerSections",
                columns: table => new
                {
                    ArticleId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Payer = table.Column<string>(type: "text", nullable: false),
                    Anchor = table.Column<string>(type: "text", nullable: false),
                    DataMissing = table.Column<bool>(type: "boolean", nullable: false),
                    Stance = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArticlePayerSections", x => new { x.ArticleId, x.Position });
                    table.ForeignKey(
                        name: "FK_ArticlePayerSections_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ArticlePayers",
                columns: table => new
                {
                    ArticleId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArticlePayers", x => new { x.ArticleId, x.Position });
                    table.ForeignKey(
                        name: "FK_ArticlePayers_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
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
                name: "IX_ArticleModifiers_Code",
                table: "ArticleModifiers",
                column: "Code");

            migrationBuilder.CreateIndex(
                name: "IX_ArticlePayerSections_Payer",
                table: "ArticlePayerSections",
                column: "Payer");

            migrationBuilder.CreateIndex(
                name: "IX_ArticlePayers_Name",
                table: "ArticlePayers",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_ArticleRevisions_Code_Number",
                table: "ArticleRevisions",
                columns: new[] { "Code", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ArticleRevisions_SourceDocumentId",
                table: "ArticleRevisions",
                column: "SourceDocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Code",
                table: "Articles",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Articles_CodeSortKey",
                table: "Articles",
                column: "CodeSortKey");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_IsSample",
                table: "Articles",
                column: "IsSample");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_SourceDocumentId",
                table: "Articles",
                column: "SourceDocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_SourceDocuments_FileName_Revision",
                table: "SourceDocuments",
                columns: new[] { "FileName", "Revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SourceDocuments_ImportRunId",
                table: "SourceDocuments",
                column: "ImportRunId");

            // The search index (Search/PostgreSqlSearchIndex): one row per section or chunk of a long section, keyed as the SQLite
            // index's rowid; no text, only the words, written by the application's own tokenizer and stemmer as lexemes.
            migrationBuilder.Sql("""
                CREATE TABLE "SearchSections" (
                    "Id" bigint PRIMARY KEY,
                    "Document" tsvector NOT NULL,
                    "Fields" tsvector NOT NULL
                );
                CREATE INDEX "IX_SearchSections_Document" ON "SearchSections" USING GIN ("Document");
                CREATE INDEX "IX_SearchSections_Fields" ON "SearchSections" USING GIN ("Fields");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE \"SearchSections\";");

            migrationBuilder.DropTable(
                name: "ArticleChanges");

            migrationBuilder.DropTable(
                name: "ArticleDataGaps");

            migrationBuilder.DropTable(
                name: "ArticleModifiers");

            migrationBuilder.DropTable(
                name: "ArticlePayerSections");

            migrationBuilder.DropTable(
                name: "ArticlePayers");

            migrationBuilder.DropTable(
                name: "ImportRunFiles");

            migrationBuilder.DropTable(
                name: "StoreInfo");

            migrationBuilder.DropTable(
                name: "ArticleRevisions");

            migrationBuilder.DropTable(
                name: "Articles");

            migrationBuilder.DropTable(
                name: "SourceDocuments");

            migrationBuilder.DropTable(
                name: "ImportRuns");
        }
    }
}
