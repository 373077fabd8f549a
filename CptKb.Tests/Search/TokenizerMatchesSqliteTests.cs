using System.Globalization;
using System.Reflection;
using System.Text;
using CptKb.Core.Samples;
using CptKb.Core.Search;
using Microsoft.Data.Sqlite;

namespace CptKb.Tests.Search;

/// <summary>
/// SearchTokenizer and PorterStemmer must turn text into exactly the terms the index holds, or a highlight lands on a
/// word the index did not match (or misses one it did). Each test feeds text through a real FTS5 table with the index's
/// tokenizer and compares its fts5vocab instances (each term with its position) with ours, byte for byte.
/// </summary>
public sealed class TokenizerMatchesSqliteTests
{
    /// <summary>Words chosen for the rules they exercise: folding, separators, every Porter step, length limits.</summary>
    private static readonly string[] HardCases =
    [
        // Diacritics and case folding; letters SQLite folds that .NET does not lower-case (µ, ς, ſ, K, Å).
        "Müller MÜLLER café Café CAFÉS naïve Naïvely Ångström résumé façade Ǖ ǖ øre Straße ß ẞ İstanbul Ĳssel ǅ ǈ",
        "µg µ ς Σίσυφος ΣΊΣΥΦΟΣ σοφός ſ K Å Ω ﬁne ﬀ ＡＢＣ１２３ ａｂｃ",
        "Москва Ёлка ПРИВЕТ мир Ωμέγα ΑΘΗΝΑ 日本語のテキスト 한국어 العربية עברית हिन्दी ไทย",
        // Digits with letters, inner punctuation, apostrophes, hyphens.
        "0042T T0042 20955-20970 99213.25 1,000 3½ ²³ Ⅻ ① e/m E/M payer's payers’ don't x-ray X-Ray COVID-19 CPT® H&P A1C HbA1c pre-op post‐op",
        // Separators that are not blanks, and characters SQLite reads as letters because its Unicode 6.1 has no category for them.
        "a\u200Bb a\u00ADb a\u00A0b tab\tnew\nline\r\nend a\u2028b °C ™ 😀 🤔 👍🏽 ₺ \uE000pua \U000F0000x",
        // Combining marks: a diacritic inside a word is dropped; leading, it separates; other marks separate.
        "a\u0301b \u0301abc e\u0308\u0304x cafe\u0301s n\u0303o a\u0483b a\u0654b",
        // Unpaired surrogates and control characters.
        "a\ud800b \udc00x y\ud83d z\u0000nul\u0001soh\u007fdel",
        // Porter, step by step (Porter's own examples, and the limits of each rule).
        "caresses ponies ties caress cats feed agreed plastered bled motoring sing conflated troubled sized hopping tanned",
        "falling hissing fizzed failing filing happy sky relational conditional rational valenci hesitanci digitizer",
        "conformabli radicalli differentli vileli analogousli vietnamization predication operator feudalism decisiveness",
        "hopefulness callousness formaliti sensitiviti sensibiliti triplicate formative formalize electriciti electrical",
        "hopeful goodness revival allowance inference airliner gyroscopic adjustable defensible irritant replacement",
        "adjustment dependent adoption homologou communism activate angulariti homologous effective bowdlerize probate rate",
        "cease controll roll generalizations oscillators ational ization ies sses eed ing aing bing yes yying eeds",
        "ed ing agreeing seeing eying dying lying spying toying copying buying ying ying ed ying's",
        "a I an at is us ss as sss ass bass boss ll all ally hopefully oscillation argument arguments",
        // A vowel stem of one letter, an accent left as a consonant, and a cut that FTS5 makes inside a UTF-8 character.
        "aing aed eed oing aぁing aぁed ぁぁing xぁぁed Ǖing éing ÿes jalapeños",
        // Long tokens either side of the stemmer's 64-byte limit, in ASCII and not.
        string.Join(' ', Enumerable.Range(58, 10).Select(n => new string('b', n - 4) + "ings")),
        string.Join(' ', Enumerable.Range(28, 6).Select(n => new string('ж', n) + "s")),
        "pneumonoultramicroscopicsilicovolcanoconiosis supercalifragilisticexpialidocious antidisestablishmentarianism",
    ];

    [Fact]
    public void The_bench_corpus_and_its_vocabulary_tokenize_and_stem_as_the_index_does()
    {
        var generator = new CorpusGenerator();
        var documents = Enumerable.Range(0, 300).Select(i => generator.Generate(i).Text).Concat(VocabularyWords()).ToList();

        var compared = AssertSameTermsAsIndex(documents);

        Assert.True(compared > 100_000, $"only {compared} terms compared");
    }

    [Fact]
    public void The_seed_and_the_test_fixtures_tokenize_and_stem_as_the_index_does()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "seeds"), "*", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Corpus")));

        var compared = AssertSameTermsAsIndex([.. files.Select(File.ReadAllText)]);

        Assert.True(compared > 1_000, $"only {compared} terms compared");
    }

    [Fact]
    public void Hard_cases_tokenize_and_stem_as_the_index_does()
    {
        var compared = AssertSameTermsAsIndex(HardCases);

        Assert.True(compared > 250, $"only {compared} terms compared");
    }

    /// <summary>
    /// Every code point, as a token's first character and inside one, against SQLite. When SQLite's tables change (a new
    /// SQLite with newer Unicode data), the test writes the data file to use instead and says where.
    /// </summary>
    [Fact]
    public void Every_code_point_is_read_and_folded_as_the_index_does()
    {
        var (classes, folds) = SqliteCodePoints();

        var wrong = new List<string>();
        for (var codePoint = 0; codePoint < classes.Length; codePoint++)
        {
            if (codePoint is >= 0xD800 and <= 0xDFFF) continue;
            var kind = Unicode61.ClassOf(codePoint);
            var fold = kind == Unicode61.TokenCharacter ? Unicode61.Fold(codePoint) : -1;
            if (kind != classes[codePoint] || fold != folds[codePoint])
            {
                wrong.Add($"U+{codePoint:X4}: SQLite class {classes[codePoint]} fold {folds[codePoint]:X}, ours class {kind} fold {fold:X}");
            }
        }

        if (wrong.Count > 0)
        {
            var path = Path.Combine(AppContext.BaseDirectory, "Unicode61.Data.cs");
            File.WriteAllText(path, DataFile(classes, folds, SqliteVersion()));
            Assert.Fail($"{wrong.Count} code points differ from SQLite {SqliteVersion()}; the data that matches it is in {path} " +
                "(copy it over CptKb.Core/Search/Unicode61.Data.cs). First ones:\n" + string.Join('\n', wrong.Take(20)));
        }
    }

    /// <summary>Every word list in the bench's vocabulary, one document each.</summary>
    private static IEnumerable<string> VocabularyWords()
    {
        foreach (var field in typeof(Vocabulary).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            switch (field.GetValue(null))
            {
                case string[] words:
                    yield return string.Join(' ', words);
                    break;
                case (string Code, string Description, string WhenToUse)[] modifiers:
                    yield return string.Join(' ', modifiers.Select(m => $"{m.Code} {m.Description} {m.WhenToUse}"));
                    break;
            }
        }
    }

    /// <summary>Compares the index's terms for each document with ours; returns how many terms were compared.</summary>
    private static int AssertSameTermsAsIndex(IReadOnlyList<string> documents)
    {
        var indexed = IndexTerms(documents);
        var differences = new List<string>();
        var compared = 0;
        for (var doc = 0; doc < documents.Count; doc++)
        {
            var ours = OurTerms(documents[doc]);
            var theirs = indexed[doc];
            compared += theirs.Count;
            for (var i = 0; i < Math.Max(ours.Count, theirs.Count) && differences.Count < 20; i++)
            {
                (byte[] Term, int Start, int Length)? mine = i < ours.Count ? ours[i] : null;
                var index = i < theirs.Count ? theirs[i] : null;
                if (mine is null || index is null || !mine.Value.Term.AsSpan().SequenceEqual(index))
                {
                    var source = mine is { } m ? documents[doc].Substring(m.Start, m.Length) : "(none)";
                    differences.Add($"document {doc}, term {i}: index {Show(index)}, ours {Show(mine?.Term)} from \"{source}\"");
                    break;
                }
            }
        }
        Assert.True(differences.Count == 0, string.Join('\n', differences));
        return compared;
    }

    private static string Show(byte[]? term) =>
        term is null ? "(none)" : $"{Encoding.UTF8.GetString(term)} [{Convert.ToHexString(term)}]";

    /// <summary>Our terms for a text: each token's folded form, stemmed, with where the token is.</summary>
    private static List<(byte[] Term, int Start, int Length)> OurTerms(string text)
    {
        var terms = new List<(byte[], int, int)>();
        Span<byte> stem = stackalloc byte[PorterStemmer.MaxLength];
        foreach (var token in SearchTokenizer.Enumerate(text))
        {
            var term = token.Folded.Length <= stem.Length
                ? stem[..PorterStemmer.Stem(token.Folded, stem)].ToArray()
                : token.Folded.ToArray();
            terms.Add((term, token.Start, token.Length));
        }
        return terms;
    }

    /// <summary>The index's terms for each document, in position order, as the bytes SQLite holds.</summary>
    private static List<byte[]>[] IndexTerms(IReadOnlyList<string> documents)
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        Execute(connection, """
            CREATE VIRTUAL TABLE t USING fts5(x, tokenize='porter unicode61');
            CREATE VIRTUAL TABLE terms USING fts5vocab(t, 'instance');
            """);
        using (var transaction = connection.BeginTransaction())
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO t(rowid, x) VALUES (@rowid, @text);";
            var rowid = insert.Parameters.Add("@rowid", SqliteType.Integer);
            var text = insert.Parameters.Add("@text", SqliteType.Text);
            for (var i = 0; i < documents.Count; i++)
            {
                (rowid.Value, text.Value) = (i, documents[i]);
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
        }

        var terms = Enumerable.Range(0, documents.Count).Select(_ => new List<byte[]>()).ToArray();
        using var read = connection.CreateCommand();
        // CAST keeps the bytes as they are: a term FTS5 cut inside a UTF-8 character is not valid text.
        read.CommandText = "SELECT doc, offset, CAST(term AS BLOB) FROM terms ORDER BY doc, offset;";
        using var reader = read.ExecuteReader();
        while (reader.Read())
        {
            var list = terms[reader.GetInt32(0)];
            Assert.Equal(list.Count, reader.GetInt32(1));
            list.Add((byte[])reader.GetValue(2));
        }
        return terms;
    }

    /// <summary>
    /// What SQLite's tokenizer does with each code point c, read from the terms of "qcq cq": a separator gives q, q, q;
    /// a diacritic (which continues a token but cannot start one) gives qq, q; a token character f-folded gives qfq, fq.
    /// </summary>
    private static (int[] Classes, int[] Folds) SqliteCodePoints()
    {
        // NUL alone: Microsoft.Data.Sqlite binds a long string (1,000 characters here) only up to its first NUL.
        var codePoints = Enumerable.Range(0, 0x110000).Where(c => c is < 0xD800 or > 0xDFFF).ToList();
        int[][] chunks = [[0], .. codePoints.Skip(1).Chunk(4096)];
        var documents = chunks
            .Select(chunk => string.Concat(chunk.Select(c => $" q{char.ConvertFromUtf32(c)}q {char.ConvertFromUtf32(c)}q ")))
            .ToList();
        var indexed = IndexTerms(documents);

        var classes = new int[0x110000];
        var folds = Enumerable.Repeat(-1, 0x110000).ToArray();
        for (var doc = 0; doc < documents.Count; doc++)
        {
            var terms = indexed[doc];
            var next = 0;
            foreach (var codePoint in chunks[doc])
            {
                Assert.True(next < terms.Count, $"U+{codePoint:X4}: no term left in document {doc}");
                var first = Encoding.UTF8.GetString(terms[next]);
                if (first == "q")
                {
                    classes[codePoint] = Unicode61.Separator;
                    next += 3;
                }
                else if (first == "qq")
                {
                    classes[codePoint] = Unicode61.Diacritic;
                    next += 2;
                }
                else
                {
                    classes[codePoint] = Unicode61.TokenCharacter;
                    folds[codePoint] = char.ConvertToUtf32(first, 1);
                    Assert.Equal(first.Length - 2, char.ConvertFromUtf32(folds[codePoint]).Length);
                    next += 2;
                }
            }
            Assert.Equal(terms.Count, next);
        }
        return (classes, folds);
    }

    private static string SqliteVersion()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version();";
        return (string)command.ExecuteScalar()!;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>The source of Unicode61.Data.cs for SQLite's classes and folds.</summary>
    private static string DataFile(int[] classes, int[] folds, string version)
    {
        var runs = new List<int>();
        for (var codePoint = 0; codePoint < classes.Length; codePoint++)
        {
            // Surrogates never reach the lookup (an unpaired one reads as U+FFFD), so they join whatever run they are in.
            if (codePoint is >= 0xD800 and <= 0xDFFF) continue;
            if (runs.Count == 0 || (runs[^1] & 3) != classes[codePoint]) runs.Add((codePoint << 2) | classes[codePoint]);
        }
        var foldFrom = Enumerable.Range(0x80, classes.Length - 0x80).Where(c => folds[c] >= 0 && folds[c] != c).ToList();

        var text = new StringBuilder();
        text.Append($$"""
            // <auto-generated>
            // Written by TokenizerMatchesSqliteTests.Every_code_point_is_read_and_folded_as_the_index_does from what the
            // unicode61 tokenizer of SQLite {{version}} does with each code point. Do not edit: run the test and copy its output.
            // </auto-generated>
            namespace CptKb.Core.Search;

            internal static partial class Unicode61
            {
                // Runs of code points of one class: first code point << 2 | class, each up to the next run.
                private static ReadOnlySpan<int> Runs =>
                [

            """);
        AppendNumbers(text, runs, "X7");
        text.Append("""
                ];

                // Code points above ASCII that a token writes as another one (lower case, diacritics removed), in order.
                private static ReadOnlySpan<int> FoldFrom =>
                [

            """);
        AppendNumbers(text, foldFrom, "X4");
        text.Append("""
                ];

                // What each of FoldFrom is written as.
                private static ReadOnlySpan<int> FoldTo =>
                [

            """);
        AppendNumbers(text, [.. foldFrom.Select(c => folds[c])], "X4");
        text.Append("""
                ];
            }

            """);
        return text.ToString();
    }

    private static void AppendNumbers(StringBuilder text, IReadOnlyList<int> numbers, string format)
    {
        const int perLine = 12;
        for (var i = 0; i < numbers.Count; i += perLine)
        {
            text.Append("        ")
                .AppendJoin(", ", numbers.Skip(i).Take(perLine).Select(n => "0x" + n.ToString(format, CultureInfo.InvariantCulture)))
                .Append(",\n");
        }
    }
}
