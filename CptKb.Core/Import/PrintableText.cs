using System.Globalization;
using System.Text;

namespace CptKb.Core.Import;

/// <summary>
/// Text from publications' folders (file names, and messages that quote them) made safe to print on one line of a
/// console or a log: a file may be named with a newline in it, which would otherwise start a forged line of the
/// report, or with bidirectional controls, which reorder what a terminal shows.
/// </summary>
public static class PrintableText
{
    /// <summary>
    /// <paramref name="text"/> with every control character shown as an escape: <c>\n</c>, <c>\r</c>, <c>\t</c>, other C0
    /// and C1 controls and DEL as <c>\x1B</c>, line and paragraph separators and bidirectional controls as <c>\u202E</c>.
    /// Other text, backslashes included, is unchanged; stored names are never escaped, only what is printed.
    /// </summary>
    public static string Escape(string text)
    {
        var i = 0;
        while (i < text.Length && !NeedsEscape(text[i])) i++;
        if (i == text.Length) return text;

        var escaped = new StringBuilder(text.Length + 16).Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (!NeedsEscape(c))
            {
                escaped.Append(c);
                continue;
            }
            escaped.Append(c switch
            {
                '\n' => @"\n",
                '\r' => @"\r",
                '\t' => @"\t",
                < '\u0100' => string.Create(CultureInfo.InvariantCulture, $@"\x{(int)c:X2}"),
                _ => string.Create(CultureInfo.InvariantCulture, $@"\u{(int)c:X4}"),
            });
        }
        return escaped.ToString();
    }

    /// <summary>
    /// An exception for a log: its type and escaped message, then each inner exception's, one line each, then its stack
    /// trace (which names only code). Exception messages quote file names.
    /// </summary>
    public static string Escape(Exception exception)
    {
        var text = new StringBuilder();
        for (Exception? ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex != exception) text.AppendLine().Append(" ---> ");
            text.Append(ex.GetType().FullName).Append(": ").Append(Escape(ex.Message));
        }
        if (exception.StackTrace is { } stackTrace) text.AppendLine().Append(stackTrace);
        return text.ToString();
    }

    private static bool NeedsEscape(char c) =>
        c < ' ' || c is >= '\u007F' and <= '\u009F'
        || c is '\u061C' or '\u200E' or '\u200F' or '\u2028' or '\u2029'
        || c is >= '\u202A' and <= '\u202E'
        || c is >= '\u2066' and <= '\u2069';
}
