using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CptKb.Core.Storage.Migrations
{
    /// <summary>
    /// Withdrawn articles: an article whose file is gone keeps its row, marked with when and by which import run it was
    /// withdrawn (a plain run id, no foreign key, so SQLite need not rebuild the table).
    /// </summary>
    public partial class WithdrawnArticlesKeptWithTheirRun : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "WithdrawnAt",
                table: "Articles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "WithdrawnInRunId",
                table: "Articles",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "WithdrawnAt",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "WithdrawnInRunId",
                table: "Articles");
        }
    }
}
