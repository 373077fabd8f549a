using CptKb.Web.Components.Shared;

namespace CptKb.Tests.Components.Shared;

/// <summary>Document text is untrusted: it is shown as text and links, never as active content.</summary>
public sealed class MarkdownViewTests : KbComponentTest
{
    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JaVaScRiPt:alert(1))")]
    [InlineData("[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("<a href=\"jav&#x09;ascript:alert(1)\">x</a>")]
    [InlineData("<svg onload=alert(1)>")]
    [InlineData("<iframe src=\"https://example.org\"></iframe>")]
    [InlineData("![x](javascript:alert(1))")]
    [InlineData("<https://example.org/\" onmouseover=\"alert(1)>")]
    public void Hostile_markdown_renders_without_active_content(string markdown)
    {
        var cut = Render<MarkdownView>(p => p.Add(x => x.Markdown, markdown));

        var elements = cut.FindAll("*");
        Assert.DoesNotContain(elements, e => e.TagName is "SCRIPT" or "IFRAME" or "SVG" or "IMG" or "OBJECT" or "EMBED");
        Assert.DoesNotContain(elements, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(elements, e => e.Attributes.Any(a => a.Name is "href" or "src"
            && !a.Value.StartsWith("https://", StringComparison.OrdinalIgnoreCase) && !a.Value.StartsWith("http://", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void Markdown_becomes_paragraphs_emphasis_tables_and_safe_links()
    {
        var cut = Render<MarkdownView>(p => p.Add(x => x.Markdown,
            "Some *emphasis*.\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n[policy](https://example.org/policy)"));

        Assert.NotNull(cut.Find("em"));
        Assert.Equal(2, cut.FindAll("td").Count);
        var link = cut.Find("a");
        Assert.Equal("https://example.org/policy", link.GetAttribute("href"));
        Assert.Equal("noopener noreferrer nofollow", link.GetAttribute("rel"));
    }

    [Fact]
    public void Data_not_available_notes_are_marked_where_they_occur()
    {
        var cut = Render<MarkdownView>(p => p.Add(x => x.Markdown, "Intro.\n\nData not available in the input."));
        Assert.Equal("Data not available in the input.", cut.Find(".kb-gap-mark").TextContent);
    }
}
