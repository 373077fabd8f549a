using CptKb.Core.Search;

namespace CptKb.Tests.Search;

/// <summary>What search reads of a section's Markdown: the words in order, a table's rows as rows.</summary>
public class PlainTextSpec
{
    [Theory]
    [InlineData("| Modifier | Description |\n|---|---|\n| 22 | Increased procedural services |", "Modifier · Description\n\n22 · Increased procedural services")]
    [InlineData("22   |   Increased procedural services   |", "22 · Increased procedural services")]
    [InlineData("| TC | Technical component |  |", "TC · Technical component")]
    [InlineData("| :--- | ---: |", "")]
    public void A_table_row_reads_as_its_cells_without_pipes_or_padding(string markdown, string expected) =>
        Assert.Equal(expected, IndexedSection.PlainText(markdown));

    [Fact]
    public void Text_without_a_table_keeps_its_words_and_loses_its_marks() =>
        Assert.Equal("A bold word and code\nan item", IndexedSection.PlainText("A **bold** word and `code`\n- an item"));
}
