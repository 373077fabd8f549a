using CptKb.Core.Import;

namespace CptKb.Tests.Import;

public sealed class PrintableTextTests
{
    [Theory]
    [InlineData("a\nb", @"a\nb")]
    [InlineData("line\r\nnext\tcell", @"line\r\nnext\tcell")]
    [InlineData("\u001b[31mred", @"\x1B[31mred")]
    [InlineData("nul\0del\u007f", @"nul\x00del\x7F")]
    [InlineData("c1\u0085\u009b", @"c1\x85\x9B")]
    [InlineData("evil\u202Etxt.exe", @"evil\u202Etxt.exe")]
    [InlineData("\u2066isolate\u2069 \u200Fmark", @"\u2066isolate\u2069 \u200Fmark")]
    [InlineData("separator\u2028here", @"separator\u2028here")]
    public void Control_characters_are_shown_as_escapes(string text, string printed) =>
        Assert.Equal(printed, PrintableText.Escape(text));

    [Fact]
    public void Other_text_is_printed_as_it_is()
    {
        const string name = @"sub/Zürich – 20962 (copy) \ “quoted”.txt";

        Assert.Same(name, PrintableText.Escape(name));
    }

    [Fact]
    public void An_exception_prints_each_message_on_one_line()
    {
        var error = new IOException("cannot read 'a\nfake.txt'", new UnauthorizedAccessException("denied:\n'b'"));

        var printed = PrintableText.Escape(error).Split(Environment.NewLine);

        Assert.Equal(
            [@"System.IO.IOException: cannot read 'a\nfake.txt'", @" ---> System.UnauthorizedAccessException: denied:\n'b'"],
            printed);
    }
}
