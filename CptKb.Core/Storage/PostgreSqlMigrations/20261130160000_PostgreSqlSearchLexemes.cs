using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CptKb.Core.Storage.PostgreSqlMigrations
{
    /// <summary>
    /// Every word the search index holds, once (Search/PostgreSqlSearchIndex): a prefix is looked up here and matched as
    /// the words it stands for. Bytewise order (collation "C"), so a prefix is a range of the key. Filled by the next
    /// rebuild of the derived rows, which the derived version raised with this change brings about.
    /// </summary>
    [DbContext(typeof(PostgreSqlKbDbContext))]
    [Migration("20261130160000_PostgreSqlSearchLexemes")]
    public partial class PostgreSqlSearchLexemes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""CREATE TABLE "SearchLexemes" ("Lexeme" text COLLATE "C" PRIMARY KEY);""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TABLE "SearchLexemes";""");
        }
    }
}
