using System.Text;
using CptKb.Core.Search;
using CptKb.Core.Storage;
using CptKb.Tests.TestSupport;

namespace CptKb.Tests.Search;

/// <summary>Generated hostile queries through the real service on a real index: none may throw.</summary>
public class SearchFuzzTests
{
    /// <summary>The engine these tests run on; the PostgreSQL variant below overrides it.</summary>
    protected virtual KbDatabaseProvider Provider => KbDatabaseProvider.Sqlite;

    /// <summary>How many queries are generated: fewer on PostgreSQL, where each is a round trip to the server.</summary>
    protected virtual int Queries => 5000;

    private static readonly string[] Pieces =
    [
        "graft", "bone", "medicare", "20955", "0001T", "209*", "2*", "*", "-", "--", "\"", "\"\"", "'", "(", ")", "^", ":", "::",
        "AND", "OR", "NOT", "NEAR", "NEAR(", "payer:", "payer:\"", "mod:22", "modifier:", "section:\"clinical", "site:*", "-payer:aetna",
        "99213.25", "e/m", "visit?", "foo-bar", "20955-20970", "99999-00000", "0001T-20970", "{title}:", "title:", "rowid", "bm25(",
        ";", "--", "/*", "*/", "DROP TABLE Articles;", "\\", "%", "_", "é", "ß", "ﬁ", "日本語", "😀", "\u0000", "\u0001", "\u0002",
        "\u200B", "\uFEFF", "\uD800", "\t", "\n", "+", "~", "&", "|", "<script>", "'; --", "\"a\"b\"", "-\"", "*graft", "gr*aft",
    ];

    [Fact]
    public async Task Generated_queries_never_throw()
    {
        await using var db = await SearchCorpus.ImportedAsync(Provider);
        var random = new Random(4242);
        for (var i = 0; i < Queries; i++)
        {
            var query = Generate(random, i);
            var options = new SearchOptions { Payer = random.Next(10) == 0 ? Generate(random, 1) : null, Page = new(random.Next(-5, 20), random.Next(-5, 200)) };
            var results = await db.Search.SearchAsync(query, options);
            Assert.True(results.Query.Length <= SearchQuery.MaxLength, query);
            Assert.All(results.Hits, h => Assert.All(h.Snippet.Highlights, r => Assert.InRange(r.End, r.Start + 1, h.Snippet.Text.Length)));
        }
    }

    private static string Generate(Random random, int i)
    {
        var text = new StringBuilder();
        var pieces = i % 500 == 0 ? 400 : random.Next(1, 12);
        for (var p = 0; p < pieces; p++)
        {
            switch (random.Next(4))
            {
                case 0:
                    text.Append(Pieces[random.Next(Pieces.Length)]);
                    break;
                case 1:
                    // Any character at all, surrogate halves included.
                    text.Append((char)random.Next(0, 0x10000));
                    break;
                case 2:
                    text.Append(Pieces[random.Next(Pieces.Length)]).Append(Pieces[random.Next(Pieces.Length)]);
                    break;
                default:
                    text.Append(' ');
                    break;
            }
            if (random.Next(3) == 0) text.Append(' ');
        }
        return text.ToString();
    }
}

/// <summary>The same generated queries on PostgreSQL.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class SearchFuzzOnPostgreSqlTests : SearchFuzzTests
{
    protected override KbDatabaseProvider Provider => KbDatabaseProvider.PostgreSQL;

    protected override int Queries => 1000;
}
