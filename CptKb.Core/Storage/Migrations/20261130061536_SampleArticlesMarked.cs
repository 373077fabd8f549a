using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CptKb.Core.Storage.Migrations
{
    /// <inheritdoc />
    public partial class SampleArticlesMarked : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsSample",
                table: "Articles",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_Articles_IsSample",
                table: "Articles",
                column: "IsSample");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Articles_IsSample",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "IsSample",
                table: "Articles");
        }
    }
}
