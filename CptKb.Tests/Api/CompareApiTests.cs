using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CptKb.Core.Storage;
using CptKb.Tests.TestSupport;

namespace CptKb.Tests.Api;

/// <summary>
/// <c>/api/compare</c> and the comparison's CSV and JSON files, over the fixture corpus and one hostile publication whose
/// title and a fact are spreadsheet formulas.
/// </summary>
public abstract class CompareApiSuite
{
    public const string Formula = "=cmd|' /C calc'!A0";

    public class WithHostileDocument : KbAppFactory, IAsyncLifetime
    {
        public WithHostileDocument() : this(KbDatabaseProvider.Sqlite)
        {
        }

        protected WithHostileDocument(KbDatabaseProvider provider) : base(provider)
        {
        }

        public HttpClient Client { get; private set; } = null!; // set in InitializeAsync, before any test runs

        protected override void WriteSeeds(string folder)
        {
            FixtureCorpus.CopyTo(folder);
            File.WriteAllText(Path.Combine(folder, "27448.txt"), $"""
                Summary & Overview
                CPT 27448: {Formula}
                CPT code 27448 identifies an osteotomy of the femur.
                Key payers covered in this analysis include Aetna.
                Billing Code Overview
                -
                Service type: Surgical.
                -
                Global period: @SUM(A1:A2)
                Clinical & Coding Specifications
                Coding Specifications
                | Modifier | Description | When to Use |
                |---|---|---|
                RT | Right side | -2+3
                Payer Coverage & Benchmarks
                Aetna
                Coverage: Covered.
                """);
        }

        public async Task InitializeAsync() => Client = await StartAsync();

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }

    public sealed class WithHostileDocumentOnPostgreSql() : WithHostileDocument(KbDatabaseProvider.PostgreSQL);

    private readonly HttpClient _client;

    protected CompareApiSuite(WithHostileDocument app) => _client = app.Client;

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Compare_answers_a_column_per_code_and_rows_aligned_by_meaning()
    {
        var response = await _client.GetAsync("/api/compare?codes=27447,20955");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["27447", "20955"], body.GetProperty("codes").EnumerateArray().Select(c => c.GetProperty("code").GetString()));
        Assert.Equal("/codes/27447", body.GetProperty("codes")[0].GetProperty("link").GetString());
        var rows = body.GetProperty("rows").EnumerateArray().ToList();
        var right = rows.Single(r => r.GetProperty("kind").GetString() == "modifier" && r.GetProperty("label").GetString() == "RT");
        Assert.True(right.GetProperty("differs").GetBoolean());
        Assert.Equal("Modifiers", right.GetProperty("group").GetString());
        Assert.Equal(["value", "absent"], right.GetProperty("cells").EnumerateArray().Select(c => c.GetProperty("state").GetString()));
        Assert.Equal("Not listed", right.GetProperty("cells")[1].GetProperty("text").GetString());
        var aetna = rows.Single(r => r.GetProperty("kind").GetString() == "payerStance" && r.GetProperty("label").GetString() == "Aetna");
        Assert.Equal("Aetna: coverage", aetna.GetProperty("name").GetString());
        Assert.Contains(rows, r => r.GetProperty("kind").GetString() == "dataGaps");
    }

    [Fact]
    public async Task Compare_with_diff_keeps_only_the_rows_that_differ()
    {
        var all = await _client.GetFromJsonAsync<JsonElement>("/api/compare?codes=27447,20955");
        var differing = await _client.GetFromJsonAsync<JsonElement>("/api/compare?codes=27447,20955&diff=1");

        Assert.True(differing.GetProperty("onlyDifferences").GetBoolean());
        Assert.Contains(all.GetProperty("rows").EnumerateArray(), r => !r.GetProperty("differs").GetBoolean());
        Assert.All(differing.GetProperty("rows").EnumerateArray(), r => Assert.True(r.GetProperty("differs").GetBoolean()));
        Assert.True(differing.GetProperty("rows").GetArrayLength() < all.GetProperty("rows").GetArrayLength());
    }

    [Theory]
    [InlineData("codes=20955", "codes", "2 to 6 CPT codes")]
    [InlineData("", "codes", "2 to 6 CPT codes")]
    [InlineData("codes=20955,knee,27447", "codes", "“knee” is not a CPT code")]
    [InlineData("codes=20955,20955,27447", "codes", "20955 is named more than once")]
    [InlineData("codes=20955,20962,27447,0042T,27448,20956,20957", "codes", "20957 is left out")]
    [InlineData("codes=20955,27447&diff=maybe", "diff", "diff must be 1, 0, true or false")]
    public async Task Bad_input_is_a_400_naming_the_parameter(string query, string parameter, string said)
    {
        var response = await _client.GetAsync("/api/compare?" + query);

        await ApiProblem.AssertBadParameterAsync(response, parameter, said);
    }

    [Fact]
    public async Task A_code_not_stored_is_a_404_naming_it()
    {
        var response = await _client.GetAsync("/api/export/compare.csv?codes=20955,99999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("99999", problem.GetProperty("detail").GetString());
        Assert.Equal(["99999"], problem.GetProperty("codes").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task Compare_CSV_is_a_dated_UTF8_file_with_BOM_a_header_and_a_row_per_compared_field()
    {
        var response = await _client.GetAsync("/api/export/compare.csv?codes=27447,20955");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"cptkb-compare-{Today}.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var records = CsvText.Records(new UTF8Encoding(false).GetString(bytes.AsSpan(3)));
        Assert.Equal(["Group", "Row", "27447", "20955", "Differs"], records[0]);
        Assert.Equal(["Overview", "Title", "Total Knee Arthroplasty"], records[1][..3]);
        var right = records.Single(r => r[1] == "Modifier RT");
        Assert.Equal("Not listed", right[3]);
        Assert.Equal("yes", right[4]);
    }

    [Fact]
    public async Task Compare_CSV_writes_cells_a_spreadsheet_would_run_as_formulas_as_text()
    {
        var bytes = await _client.GetByteArrayAsync("/api/export/compare.csv?codes=27448,27447");

        var records = CsvText.Records(new UTF8Encoding(false).GetString(bytes.AsSpan(3)));
        Assert.Equal("'" + Formula, records.Single(r => r[1] == "Title")[2]);
        Assert.Equal("'@SUM(A1:A2)", records.Single(r => r[1] == "Global period")[2]);
        Assert.DoesNotContain(records.SelectMany(r => r), cell => cell.Length > 0 && "=+-@\t\r".Contains(cell[0]));
    }

    [Fact]
    public async Task Compare_JSON_file_is_dated_and_holds_what_the_API_answers()
    {
        var response = await _client.GetAsync("/api/export/compare.json?codes=27447,20955&diff=true");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"cptkb-compare-{Today}.json", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("onlyDifferences").GetBoolean());
        Assert.Equal(2, body.GetProperty("codes").GetArrayLength());
    }
}

public sealed class CompareApiTests(CompareApiSuite.WithHostileDocument app) : CompareApiSuite(app), IClassFixture<CompareApiSuite.WithHostileDocument>;

/// <summary>The same tests on PostgreSQL.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class CompareApiOnPostgreSqlTests(CompareApiSuite.WithHostileDocumentOnPostgreSql app)
    : CompareApiSuite(app), IClassFixture<CompareApiSuite.WithHostileDocumentOnPostgreSql>;
