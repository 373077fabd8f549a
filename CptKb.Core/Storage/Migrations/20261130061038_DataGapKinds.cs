using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CptKb.Core.Storage.Migrations
{
    /// <summary>
    /// Each data gap says its kind: a "data not available" note, an empty cell of the modifier table, or a key payer with
    /// no section. Rows stored before are notes; the gap rows are written again from the stored revisions at the next
    /// start (<c>StoreInfo</c>), which adds the other two kinds.
    /// </summary>
    public partial class DataGapKinds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "ArticleDataGaps",
                type: "TEXT",
                nullable: false,
                defaultValue: "NotAvailableNote");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Kind",
                table: "ArticleDataGaps");
        }
    }
}
