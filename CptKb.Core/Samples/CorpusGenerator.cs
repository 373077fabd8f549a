using System.Globalization;
using System.Text;
using CptKb.Core.Articles;
using CptKb.Core.Parsing;
using static CptKb.Core.Samples.Vocabulary;

namespace CptKb.Core.Samples;

/// <summary>One generated publication and what the parser should read from it.</summary>
/// <param name="FileName">Relative file name, e.g. <c>000042_27447.txt</c>.</param>
/// <param name="Code">The CPT code of the title line.</param>
/// <param name="Title">The text after "CPT 27447: ".</param>
/// <param name="Text">The publication in the flattened form, ending with a newline.</param>
/// <param name="Payers">The key payers of the summary, in order; each has a payer subsection.</param>
/// <param name="Facts">Every "Label: value" item, with its section path and payer.</param>
/// <param name="Modifiers">The modifier table's rows; a short row has no WhenToUse.</param>
/// <param name="DataGapCount">
/// How many "Data not available in the input." notes the text holds (its short modifier rows are data gaps too: see
/// <see cref="ShortModifierRows"/>).
/// </param>
public sealed record GeneratedPublication(
    string FileName,
    string Code,
    string Title,
    string Text,
    IReadOnlyList<string> Payers,
    IReadOnlyList<Fact> Facts,
    IReadOnlyList<Modifier> Modifiers,
    int DataGapCount)
{
    /// <summary>The 1-based numbers of the modifier rows written without their "When to Use" cell.</summary>
    public IEnumerable<int> ShortModifierRows =>
        Modifiers.Select((m, i) => (m, i)).Where(x => x.m.WhenToUse is null).Select(x => x.i + 1);
}

/// <summary>
/// Writes synthetic publications in the flattened form of the real seed: bare-line headings, "-" alone before
/// each overview fact, a modifier table whose rows lack the leading pipe (some also the last cell), one bare-line
/// subheading per key payer, and 0-4 "Data not available in the input." notes. Document i depends only on the
/// seed and i, so a smaller corpus is the start of a larger one. A pure function of its arguments: the benchmarks
/// measure with it and the <c>sample</c> command fills a knowledge base with it.
/// </summary>
/// <param name="seed">Which corpus; the same seed always gives the same documents.</param>
/// <param name="markAsSample">
/// Writes <see cref="SampleMark.Line"/> into each summary, so the app knows the article for a generated sample. Off for the
/// benchmarks, whose corpus stays byte for byte what <see cref="Version"/> says.
/// </param>
public sealed class CorpusGenerator(ulong seed = CorpusGenerator.DefaultSeed, bool markAsSample = false)
{
    /// <summary>The seed of the benchmarks' corpus and of the sample.</summary>
    public const ulong DefaultSeed = 20962;

    /// <summary>Changes whenever the same seed and index would give a different document, so stored corpora are remade.</summary>
    public const int Version = 2;

    /// <summary>The note the publications write where their input data is missing.</summary>
    public const string DataNotAvailable = "Data not available in the input.";

    private const string BillingOverview = "Billing Code Overview";
    private const string PayerCoverage = "Payer Coverage & Benchmarks";

    private readonly Lazy<(string Code, CodeSection Section)[]> codes = new(() => CodeSections.Order(seed));

    /// <summary>The largest corpus the generator can make (one unique code per document).</summary>
    public static int MaxDocuments => CodeSections.Capacity;

    /// <summary>Document <paramref name="index"/> (0-based, below <see cref="MaxDocuments"/>); its code is unique within the corpus.</summary>
    public GeneratedPublication Generate(int index)
    {
        var (code, section) = codes.Value[index];
        var picker = new WordPicker(seed * 0x9E3779B97F4A7C15UL + (ulong)index);
        return new Writer(picker, code, section, $"{index:D6}_{code}.txt", markAsSample).Write();
    }

    /// <summary>The code of document <paramref name="index"/>, without writing it.</summary>
    public string CodeOf(int index) => codes.Value[index].Code;

    /// <summary>Writes documents 0..count-1 into the folder (created if missing); returns their total size in bytes.</summary>
    public long WriteFolder(string folder, int count)
    {
        Directory.CreateDirectory(folder);
        long bytes = 0;
        Parallel.For(0, count, () => 0L, (i, _, sum) =>
        {
            var publication = Generate(i);
            var data = Encoding.UTF8.GetBytes(publication.Text);
            File.WriteAllBytes(Path.Combine(folder, publication.FileName), data);
            return sum + data.Length;
        }, sum => Interlocked.Add(ref bytes, sum));
        return bytes;
    }

    /// <summary>Builds one document line by line, recording what the parser should find.</summary>
    private sealed class Writer(WordPicker pick, string code, CodeSection section, string fileName, bool markAsSample)
    {
        private readonly StringBuilder text = new(4096);
        private readonly List<Fact> facts = [];
        private readonly List<Modifier> modifiers = [];
        private int gaps;

        // The document's subject, reused so it reads as one publication rather than word salad.
        private readonly string anatomy = pick.Zipf(Anatomy);
        private readonly string condition = pick.Zipf(Conditions);
        private readonly string procedure = pick.Zipf(Procedures);
        private readonly string approach = pick.Zipf(Approaches);
        private readonly string specialty = pick.Zipf(Specialties);
        private readonly string modality = pick.Zipf(Modalities);

        public GeneratedPublication Write()
        {
            var title = Title();
            var payers = pick.ZipfDistinct(Vocabulary.Payers, pick.Between(2, 6));
            var notes = PlaceNotes(payers);

            Line("Summary & Overview");
            Line($"CPT {code}: {title}");
            Line($"CPT code {code} identifies {Describe()}. {Sentences(pick.Between(1, 2))}");
            Line($"Key payers covered in this analysis include {JoinPayers(payers)}. {Sentences(pick.Between(1, 2))} " +
                 $"Content is presented to aid coding professionals, revenue-cycle managers, and clinical leaders seeking a national-level reference on CPT code {code}.");
            if (markAsSample)
                Line(SampleMark.Line);

            Line(BillingOverview);
            Line($"CPT code {code} describes {Describe()}. {Sentences(pick.Between(0, 2))}");
            Bullet("Service type", ServiceType());
            Bullet("Typical site of service", $"{pick.Zipf(Sites)} or {pick.Zipf(Sites).ToLowerInvariant()}, depending on {pick.Zipf(Adjectives)} {pick.Zipf(ClinicalNouns)} and {pick.Zipf(BillingNouns)}.");
            Bullet("Global period", notes.Contains(Note.GlobalPeriod) ? DataNotAvailable : pick.Uniform(GlobalPeriods));
            if (pick.Chance(0.6))
                Bullet("Work RVU", (pick.Between(50, 3500) / 100.0).ToString("0.00", CultureInfo.InvariantCulture));
            if (pick.Chance(0.4))
                Bullet("Professional component", $"Billed with modifier 26 when the {pick.Zipf(ClinicalNouns)} is interpreted separately.");
            if (notes.Contains(Note.OverviewLine))
                WriteNote();

            Line("Clinical & Coding Specifications");
            Line("Clinical Context");
            Line(ClinicalContext());
            Line("Coding Specifications");
            ModifierTable();

            Line(PayerCoverage);
            foreach (var payer in payers)
                PayerSection(payer);

            Line("Policy & Coding Considerations");
            Line(Sentences(pick.Between(1, 3)));
            Line("Sites of Service");
            Line($"Most claims for CPT code {code} come from the {pick.Zipf(Sites).ToLowerInvariant()} setting. {Sentences(1)}");
            Line("Data Gaps");
            Line(notes.Count == 0 && payerNotes.Count == 0
                ? $"No data gaps were identified for CPT code {code}."
                : $"Payment benchmarks for {pick.Uniform(payers)} were not supplied for every {pick.Zipf(Sites).ToLowerInvariant()} claim.");
            if (notes.Contains(Note.GapsLine))
                WriteNote();

            return new GeneratedPublication(fileName, code, title, text.ToString(), payers, facts, modifiers, gaps);
        }

        private static readonly string[] GlobalPeriods = ["090 days", "010 days", "000 days", "XXX (not applicable)", "ZZZ (add-on code)", "YYY (payer assigned)"];

        private enum Note { GlobalPeriod, OverviewLine, GapsLine, PayerBody, PayerBenchmark }

        private readonly Dictionary<string, Note> payerNotes = new(StringComparer.Ordinal);

        /// <summary>Chooses where the document's 0-4 notes go; at most one per payer.</summary>
        private HashSet<Note> PlaceNotes(List<string> payers)
        {
            var count = pick.NextDouble() switch { < 0.2 => 0, < 0.5 => 1, < 0.75 => 2, < 0.9 => 3, _ => 4 };
            var places = new List<(Note Note, string? Payer)> { (Note.GlobalPeriod, null), (Note.OverviewLine, null), (Note.GapsLine, null) };
            foreach (var payer in payers)
                places.Add((pick.Chance(0.5) ? Note.PayerBody : Note.PayerBenchmark, payer));
            var chosen = new HashSet<Note>();
            for (var i = 0; i < count && places.Count > 0; i++)
            {
                var place = places[pick.Between(0, places.Count - 1)];
                places.Remove(place);
                if (place.Payer is null)
                    chosen.Add(place.Note);
                else
                    payerNotes[place.Payer] = place.Note;
            }
            return chosen;
        }

        private string Title() => TitleCase(section switch
        {
            CodeSection.Anesthesia => $"anesthesia for procedures on the {anatomy}",
            CodeSection.Radiology => $"{modality} of the {anatomy} {pick.Uniform(Contrast)}",
            CodeSection.Laboratory => $"{pick.Zipf(LabTests)} {pick.Uniform(LabQualifiers)}",
            CodeSection.Medicine => $"{pick.Zipf(MedicineServices)}, {pick.Uniform(MedicineQualifiers)}",
            CodeSection.EvaluationAndManagement => $"{pick.Zipf(VisitKinds)}, {pick.Uniform(VisitQualifiers)}",
            CodeSection.CategoryIII => $"{approach} {procedure} of the {anatomy} using {pick.Uniform(Devices)}",
            CodeSection.CategoryII => $"performance measure for {condition}, {pick.Uniform(MeasureQualifiers)}",
            _ => pick.Chance(0.5) ? $"{approach} {procedure} of the {anatomy}" : $"{procedure} of the {anatomy} for {condition}",
        });

        private static readonly string[] LabQualifiers = ["quantitative assay", "qualitative assay", "panel", "with interpretation", "automated count"];
        private static readonly string[] MedicineQualifiers = ["initial encounter", "each additional 15 minutes", "single session", "with report", "per day"];
        private static readonly string[] VisitQualifiers = ["new patient, 30 minutes", "established patient, 20 minutes", "high complexity", "moderate complexity", "first hour"];
        private static readonly string[] Devices = ["an implantable sensor", "a bioabsorbable implant", "augmented reality navigation", "a drug-eluting device", "radiofrequency energy"];
        private static readonly string[] MeasureQualifiers = ["documented", "not documented for medical reasons", "patient declined", "assessed and reviewed"];

        private string Describe() => section switch
        {
            CodeSection.Anesthesia => $"anesthesia care for {procedure} of the {anatomy} in a patient with {condition}",
            CodeSection.Radiology => $"diagnostic {modality} of the {anatomy} to evaluate {condition}",
            CodeSection.Laboratory => $"a laboratory {pick.Zipf(LabTests)} used to diagnose or monitor {condition}",
            CodeSection.Medicine => $"a {pick.Zipf(MedicineServices)} service for patients with {condition}",
            CodeSection.EvaluationAndManagement => $"an evaluation and management service for a patient with {condition}",
            CodeSection.CategoryII => $"a performance measurement code reported when care for {condition} is documented",
            _ => $"{Article(approach)} {approach} {procedure} of the {anatomy} performed to treat {condition}",
        };

        private string ServiceType() => section switch
        {
            CodeSection.Anesthesia => $"Anesthesia for {procedure} of the {anatomy}.",
            CodeSection.Radiology => $"Diagnostic imaging of the {anatomy}.",
            CodeSection.Laboratory => "Clinical laboratory testing.",
            CodeSection.Medicine => $"Medicine service in {specialty}.",
            CodeSection.EvaluationAndManagement => "Evaluation and management.",
            CodeSection.CategoryIII => $"Emerging technology (Category III) {procedure}.",
            CodeSection.CategoryII => "Performance measurement (Category II).",
            _ => $"Surgical {procedure} of the {anatomy}.",
        };

        private string ClinicalContext()
        {
            var age = pick.Between(18, 89);
            var sb = new StringBuilder();
            sb.Append($"A {age}-year-old {pick.Uniform(Sexes)} presents with {pick.Zipf(Adjectives)} {condition} of the {anatomy} after {pick.Zipf(Events)}. ");
            sb.Append($"Examination shows {pick.Zipf(ClinicalNouns)} and {pick.Zipf(ClinicalNouns)}, and {pick.Zipf(Modalities)} confirms {condition} with {pick.Zipf(Adjectives)} involvement of the {pick.Zipf(Anatomy)}. ");
            sb.Append($"After discussion of {pick.Zipf(ClinicalNouns)} and {pick.Zipf(ClinicalNouns)}, the {specialty} team plans {Article(approach)} {approach} {procedure} of the {anatomy}. ");
            sb.Append(Sentences(pick.Between(1, 3)));
            sb.Append($" The service type is consistent with code {code}.");
            return sb.ToString();
        }

        private void ModifierTable()
        {
            Line("| Modifier | Description | When to Use |");
            Line("|---|---|---|");
            var rows = pick.ZipfDistinct(Vocabulary.Modifiers, pick.Between(2, 8));
            foreach (var (modifierCode, description, whenTemplate) in rows)
            {
                if (pick.Chance(0.2))
                {
                    // As in the seed: the row lacks its last cell and keeps the pipe before it.
                    Line($"{modifierCode} | {description} |");
                    modifiers.Add(new Modifier(modifierCode, description, null));
                }
                else
                {
                    var when = string.Format(CultureInfo.InvariantCulture, whenTemplate, procedure);
                    Line($"{modifierCode} | {description} | {when}");
                    modifiers.Add(new Modifier(modifierCode, description, when));
                }
            }
        }

        private void PayerSection(string payer)
        {
            Line(payer);
            var note = payerNotes.TryGetValue(payer, out var n) ? n : (Note?)null;
            if (note == Note.PayerBody)
            {
                WriteNote();
                return;
            }
            var path = $"{PayerCoverage} > {payer}";
            PayerFact(payer, path, "Coverage", pick.Uniform(CoverageTemplates).Replace("{c}", condition).Replace("{p}", procedure));
            PayerFact(payer, path, "Prior authorization", pick.Uniform(PriorAuthorizations));
            if (note == Note.PayerBenchmark)
            {
                PayerFact(payer, path, "Benchmark", DataNotAvailable);
                gaps++;
            }
            else
            {
                var amount = pick.Between(40, 48000);
                PayerFact(payer, path, "Benchmark", $"Median allowed amount of ${amount:N0} per claim ({pick.Uniform(BenchmarkScopes)}).");
            }
            if (pick.Chance(0.25))
                PayerFact(payer, path, "Documentation", $"The {pick.Zipf(BillingNouns)} must show {pick.Zipf(Adjectives)} {pick.Zipf(ClinicalNouns)} and {pick.Zipf(BillingNouns)}.");
        }

        private static readonly string[] CoverageTemplates =
        [
            "Covered when medically necessary and supported by documentation of {c}.",
            "Covered under the physician fee schedule.",
            "Covered with site-of-service restrictions for elective {p}.",
            "Covered after failed conservative treatment of {c}.",
            "Covered for {c} meeting published clinical criteria.",
            "Not covered as experimental or investigational.",
        ];

        private static readonly string[] PriorAuthorizations =
        [
            "Required.", "Not required.", "Required for elective cases.", "Required in the outpatient hospital setting.", "Not required when performed in the physician office.",
        ];

        private static readonly string[] BenchmarkScopes = ["national", "regional", "commercial contracts", "facility setting", "non-facility setting"];

        private void PayerFact(string payer, string path, string label, string value)
        {
            Line($"{label}: {value}");
            facts.Add(new Fact(label, value, path, payer));
        }

        private void Bullet(string label, string value)
        {
            Line("-");
            Line($"{label}: {value}");
            facts.Add(new Fact(label, value, BillingOverview, null));
            if (value == DataNotAvailable)
                gaps++;
        }

        private void WriteNote()
        {
            Line(DataNotAvailable);
            gaps++;
        }

        private void Line(string line) => text.Append(line.TrimEnd()).Append('\n');

        /// <summary>Free sentences about the procedure, its billing and its payers, words drawn Zipf-skewed.</summary>
        private string Sentences(int count)
        {
            var sb = new StringBuilder();
            for (var i = 0; i < count; i++)
            {
                if (i > 0)
                    sb.Append(' ');
                sb.Append(Sentence());
            }
            return sb.ToString();
        }

        private string Sentence()
        {
            string W(string[] list) => pick.Zipf(list);
            return pick.Between(0, 11) switch
            {
                0 => $"{Cap(W(Adjectives))} {W(Conditions)} of the {W(Anatomy)} often {W(Verbs)} {W(Adjectives)} {W(BillingNouns)} and {W(ClinicalNouns)}.",
                1 => $"Documentation of {W(ClinicalNouns)}, {W(ClinicalNouns)} and {W(Adjectives)} {W(BillingNouns)} {W(Verbs)} the {W(BillingNouns)} for this {procedure}.",
                2 => $"Payers review the {W(BillingNouns)} and the {W(BillingNouns)} before {W(BillingNouns)} of {Article(approach)} {approach} {procedure}.",
                3 => $"The {W(ClinicalNouns)} and the {W(ClinicalNouns)} should be recorded in the {W(BillingNouns)} for every {W(Adjectives)} case.",
                4 => $"Use of this procedure reflects {W(Adjectives)} practice in {W(Specialties)} for {W(Conditions)} and {W(Conditions)}.",
                5 => $"When {W(Conditions)} of the {W(Anatomy)} is present, the {W(BillingNouns)} {W(Verbs)} the {W(Adjectives)} {W(BillingNouns)}.",
                6 => $"Coders should confirm the {W(BillingNouns)} and any {W(BillingNouns)} before the {W(BillingNouns)} is submitted.",
                7 => $"{Cap(W(Specialties))} teams report {Article(approach)} {approach} {procedure} of the {anatomy} with {W(Adjectives)} {W(ClinicalNouns)}.",
                8 => $"A {W(Adjectives)} {W(BillingNouns)} {W(Verbs)} {W(Adjectives)} {W(BillingNouns)} in the {W(Sites).ToLowerInvariant()} setting.",
                9 => $"Claims without {W(BillingNouns)} of {W(Conditions)} are a common cause of {W(BillingNouns)} and {W(BillingNouns)}.",
                10 => $"The {W(ClinicalNouns)} {W(Verbs)} {W(ClinicalNouns)} and {W(ClinicalNouns)} after {procedure} of the {W(Anatomy)}.",
                _ => $"Readers will find {W(Adjectives)} {W(BillingNouns)} patterns, {W(BillingNouns)} benchmarks and {W(ClinicalNouns)} considerations for {condition}.",
            };
        }

        private static string JoinPayers(List<string> payers) => payers.Count == 2
            ? $"{payers[0]} and {payers[1]}"
            : string.Join(", ", payers.Take(payers.Count - 1)) + ", and " + payers[^1];

        private static string Article(string word) => "aeiouAEIOU".Contains(word[0]) ? "an" : "a";

        private static string Cap(string s) => char.ToUpperInvariant(s[0]) + s[1..];

        private static readonly HashSet<string> SmallWords = new(StringComparer.Ordinal) { "a", "an", "and", "or", "of", "the", "for", "on", "with", "using", "per", "to" };

        private static string TitleCase(string phrase)
        {
            var words = phrase.Split(' ');
            for (var i = 0; i < words.Length; i++)
            {
                if (i == 0 || !SmallWords.Contains(words[i]))
                    words[i] = Cap(words[i]);
            }
            return string.Join(' ', words);
        }
    }
}
