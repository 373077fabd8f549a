using CptKb.Core.Search;

namespace CptKb.Tests.Search;

/// <summary>
/// The words a PostgreSQL window of article blocks is matched by, as a spec: a block's own word, or one word for a whole
/// superblock, never a block twice and never one outside the window.
/// </summary>
public class BlockWindowSpec
{
    private static readonly PostgreSqlSearchIndex.BlockLayout Layout = new(Shift: 8, MaxBlocksPerWindow: 16, SuperShift: 4);

    [Fact]
    public void A_window_inside_one_superblock_is_its_blocks()
    {
        Assert.Equal(["#3", "#4", "#5"], PostgreSqlSearchIndex.Cover(Layout, 3, 6));
        Assert.Equal(["#0"], PostgreSqlSearchIndex.Cover(Layout, 0, 1));
        Assert.Empty(PostgreSqlSearchIndex.Cover(Layout, 7, 7));
    }

    [Fact]
    public void A_whole_superblock_is_one_word()
    {
        Assert.Equal(["##0"], PostgreSqlSearchIndex.Cover(Layout, 0, 16));
        Assert.Equal(["##2"], PostgreSqlSearchIndex.Cover(Layout, 32, 48));
        // Blocks before and after a whole superblock keep their own words.
        Assert.Equal(["#14", "#15", "##1", "#32"], PostgreSqlSearchIndex.Cover(Layout, 14, 33));
        // Almost a superblock is still its blocks.
        Assert.Equal(16, PostgreSqlSearchIndex.Cover(Layout, 17, 33).Count());
    }

    [Fact]
    public void Every_block_of_a_window_is_covered_once()
    {
        for (var from = 0; from < 40; from++)
        {
            for (var to = from; to < from + 40; to++)
            {
                var covered = PostgreSqlSearchIndex.Cover(Layout, from, to)
                    .SelectMany(word => word.StartsWith("##", StringComparison.Ordinal)
                        ? Enumerable.Range(int.Parse(word[2..]) * 16, 16)
                        : [int.Parse(word[1..])])
                    .ToList();
                Assert.Equal(Enumerable.Range(from, to - from), covered);
            }
        }
    }

    [Fact]
    public void A_row_holds_its_block_and_its_superblock()
    {
        var row = 37L << (8 + Core.Search.SqliteSearchIndex.ArticleShift);
        Assert.Equal(37, Layout.BlockOf(row));
        Assert.Equal(["#37", "##2"], PostgreSqlSearchIndex.BlockLexemesOf(Layout, row));
    }
}
