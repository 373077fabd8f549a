using CptKb.Bench.Harness;
using CptKb.Core.Articles;
using CptKb.Core.Parsing;

namespace CptKb.Bench.Parse;

/// <summary>
/// Where the parser's time goes: its stages timed one by one over the same texts (the bench sees Core's internals):
/// the key payers sentence, the reader (line by line for the flattened form, Markdig for Markdown) and the assembly of
/// the article, payer stances included.
/// </summary>
internal static class ParserStages
{
    public sealed record Breakdown(double KeyPayersSeconds, double ReadSeconds, double TotalSeconds)
    {
        /// <summary>Everything else: normalizing the text and assembling the article from what the reader found.</summary>
        public double AssembleSeconds => TotalSeconds - KeyPayersSeconds - ReadSeconds;
    }

    public static Breakdown Measure(string[] texts, int rounds)
    {
        var payers = texts.Select(KeyPayers.Find).ToArray();
        void Read()
        {
            for (var i = 0; i < texts.Length; i++)
            {
                var draft = new DocumentDraft(payers[i]);
                if (MarkdownReader.IsMarkdown(texts[i]))
                    MarkdownReader.Read(texts[i], draft);
                else
                    FlatTextReader.Read(texts[i], draft);
            }
        }

        double Median(Action run) => Stats.Median(Rounds.Measure(1, rounds, run));
        return new Breakdown(
            Median(() => { foreach (var t in texts) KeyPayers.Find(t); }),
            Median(Read),
            Median(() => { foreach (var t in texts) PublicationParser.Parse(t); }));
    }
}
