using System.Net;
using System.Text;
using System.Text.Json;
using CptKb.Core.Storage;
using CptKb.Tests.TestSupport;

namespace CptKb.Tests.Api;

/// <summary>
/// The CSV exports of the code list, the data gaps and a modifier's codes, over the fixture corpus and one hostile
/// publication whose title, key payer and modifier cells are spreadsheet formulas.
/// </summary>
public abstract class ExportApiSuite
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
                Key payers covered in this analysis include {Formula} Health and Aetna.
                Billing Code Overview
                -
                Service type: Surgical.
                -
                Typical site of service: +SUM(1;2) outpatient hospital.
                Clinical & Coding Specifications
                Coding Specifications
                | Modifier | Description | When to Use |
                |---|---|---|
                RT | @SUM(A1:A2) | -2+3
                Payer Coverage & Benchmarks
                Aetna
                Coverage: Data not available in the input.
                """);
        }

        public async Task InitializeAsync() => Client = await StartAsync();

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }

    public sealed class WithHostileDocumentOnPostgreSql() : WithHostileDocument(KbDatabaseProvider.PostgreSQL);

    private readonly HttpClient _client;

    protected ExportApiSuite(WithHostileDocument app) => _client = app.Client;

    private async Task<(HttpResponseMessage Response, byte[] Bytes, List<string[]> Records)> GetCsvAsync(string address)
    {
        var response = await _client.GetAsync(address);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return (response, bytes, CsvText.Records(new UTF8Encoding(false).GetString(bytes.AsSpan(3))));
    }

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Codes_export_is_a_dated_UTF8_file_with_BOM_a_header_and_every_code_the_filters_keep()
    {
        var (response, bytes, records) = await GetCsvAsync("/api/export/codes.csv?payer=aetna&range=surgery-musculoskeletal&page=9");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"cptkb-codes-{Today}.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal(["Code", "Title", "Range", "Key payers", "Site of service", "Modifiers", "Data gaps"], records[0]);
        Assert.Equal(["20955", "20962", "27447", "27448"], records.Skip(1).Select(r => r[0]));
        var knee = records.Single(r => r[0] == "27447");
        Assert.Equal(["27447", "Total Knee Arthroplasty", "Surgery · Musculoskeletal System", "Aetna; UnitedHealthcare; Medicare"], knee[..4]);
        Assert.Equal("RT; LT; 22", knee[5]);
    }

    [Theory]
    [InlineData("q=knee", new[] { "27447" })]
    [InlineData("modifier=lt", new[] { "27447" })]
    [InlineData("site=imaging", new[] { "0042T" })]
    [InlineData("sort=datagaps&desc=true&range=surgery-musculoskeletal&q=20", new[] { "20962", "20955" })]
    public async Task Codes_export_honours_the_code_pages_text_filter_sort_and_filters(string query, string[] expected)
    {
        var (_, _, records) = await GetCsvAsync("/api/export/codes.csv?" + query);

        Assert.Equal(expected, records.Skip(1).Select(r => r[0]));
    }

    [Fact]
    public async Task Cells_a_spreadsheet_would_run_as_formulas_are_written_as_text()
    {
        var (_, bytes, records) = await GetCsvAsync("/api/export/codes.csv?q=27448");
        var (_, _, modifier) = await GetCsvAsync("/api/export/modifiers/RT.csv");

        var hostile = records.Single(r => r[0] == "27448");
        Assert.Equal("'" + Formula, hostile[1]);
        Assert.StartsWith("'" + Formula, hostile[3]);
        Assert.StartsWith("'+SUM", hostile[4]);
        var row = modifier.Single(r => r[0] == "27448");
        Assert.Equal(["'@SUM(A1:A2)", "'-2+3"], row[2..]);
        // No cell of either file starts with a formula character.
        Assert.DoesNotContain(records.Concat(modifier).SelectMany(r => r), cell => cell.Length > 0 && "=+-@\t\r".Contains(cell[0]));
        Assert.DoesNotContain(",=cmd", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public async Task Gaps_export_honours_the_gaps_pages_filters()
    {
        var (response, _, records) = await GetCsvAsync("/api/export/gaps.csv?payer=AETNA&range=surgery-musculoskeletal");

        Assert.Equal($"cptkb-gaps-{Today}.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(["Code", "Title", "Section", "Fact", "Payer", "Kind", "What is missing"], records[0]);
        Assert.NotEmpty(records.Skip(1));
        Assert.All(records.Skip(1), r => Assert.Equal("Aetna", r[4]));
        Assert.Contains(records, r => r[0] == "27448");
        Assert.DoesNotContain(records, r => r[0] == "0042T");

        var (_, _, billing) = await GetCsvAsync("/api/export/gaps.csv?section=" + Uri.EscapeDataString("Billing Code Overview"));
        Assert.Contains(billing, r => r[0] == "20962");
        Assert.All(billing.Skip(1), r => Assert.StartsWith("Billing Code Overview", r[2]));
        var (_, _, every) = await GetCsvAsync("/api/export/gaps.csv");
        Assert.Contains(every, r => r[2].StartsWith("Payer Coverage", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Modifier_export_lists_every_code_whose_table_lists_it_in_any_letter_case()
    {
        var (response, _, records) = await GetCsvAsync("/api/export/modifiers/lt.csv");

        Assert.Equal($"cptkb-modifier-LT-{Today}.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(["Code", "Title", "Description", "When to use"], records[0]);
        Assert.Equal([["27447", "Total Knee Arthroplasty", "Left side", "Procedure performed on the left knee"]], records.Skip(1));
    }

    [Theory]
    [InlineData("/api/export/modifiers/QQ.csv")]
    [InlineData("/api/export/modifiers/QQ.json")]
    public async Task An_unknown_modifier_is_a_404_problem(string address)
    {
        var response = await _client.GetAsync(address);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/export/codes.csv?range=nowhere", "range", "range must be one of")]
    [InlineData("/api/export/codes.csv?site=moon", "site", "site must be one of")]
    [InlineData("/api/export/codes.csv?sort=price", "sort", "sort must be one of code, title, datagaps")]
    [InlineData("/api/export/codes.csv?desc=maybe", "desc", "desc must be true or false")]
    [InlineData("/api/export/gaps.csv?range=nowhere", "range", "range must be one of")]
    [InlineData("/api/export/codes.json?range=nowhere", "range", "range must be one of")]
    [InlineData("/api/export/codes.json?site=moon", "site", "site must be one of")]
    [InlineData("/api/export/codes.json?sort=price", "sort", "sort must be one of code, title, datagaps")]
    [InlineData("/api/export/codes.json?desc=maybe", "desc", "desc must be true or false")]
    [InlineData("/api/export/gaps.json?range=nowhere", "range", "range must be one of")]
    public async Task A_parameter_the_page_would_not_understand_is_a_400_problem_naming_it(string address, string parameter, string allowed) =>
        await ApiProblem.AssertBadParameterAsync(await _client.GetAsync(address), parameter, allowed);

    private async Task<(HttpResponseMessage Response, JsonElement Items)> GetJsonAsync(string address)
    {
        var response = await _client.GetAsync(address);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync()).RootElement;
        Assert.Equal(JsonValueKind.Array, items.ValueKind);
        return (response, items);
    }

    private static string? FileName(HttpResponseMessage response) =>
        response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName;

    [Fact]
    public async Task Codes_JSON_export_is_a_dated_array_of_the_CSV_columns_typed()
    {
        var (response, items) = await GetJsonAsync("/api/export/codes.json?payer=aetna&range=surgery-musculoskeletal&page=9");

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"cptkb-codes-{Today}.json", FileName(response));
        Assert.Equal(["20955", "20962", "27447", "27448"], items.EnumerateArray().Select(i => i.GetProperty("code").GetString()));
        var knee = items.EnumerateArray().Single(i => i.GetProperty("code").GetString() == "27447");
        Assert.Equal(["code", "title", "range", "keyPayers", "siteOfService", "modifiers", "dataGaps"], knee.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Total Knee Arthroplasty", knee.GetProperty("title").GetString());
        Assert.Equal("Surgery · Musculoskeletal System", knee.GetProperty("range").GetString());
        Assert.Equal(["Aetna", "UnitedHealthcare", "Medicare"], knee.GetProperty("keyPayers").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(["RT", "LT", "22"], knee.GetProperty("modifiers").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(JsonValueKind.Number, knee.GetProperty("dataGaps").ValueKind);
        // The same numbers as the CSV of the same filters.
        var (_, _, records) = await GetCsvAsync("/api/export/codes.csv?payer=aetna&range=surgery-musculoskeletal");
        Assert.Equal(records.Skip(1).Select(r => r[6]), items.EnumerateArray().Select(i => i.GetProperty("dataGaps").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("q=knee", new[] { "27447" })]
    [InlineData("modifier=lt", new[] { "27447" })]
    [InlineData("site=imaging", new[] { "0042T" })]
    [InlineData("sort=datagaps&desc=true&range=surgery-musculoskeletal&q=20", new[] { "20962", "20955" })]
    public async Task Codes_JSON_export_honours_the_code_pages_text_filter_sort_and_filters(string query, string[] expected)
    {
        var (_, items) = await GetJsonAsync("/api/export/codes.json?" + query);

        Assert.Equal(expected, items.EnumerateArray().Select(i => i.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Gaps_JSON_export_honours_the_gaps_pages_filters_and_names_each_kind()
    {
        var (response, items) = await GetJsonAsync("/api/export/gaps.json?payer=AETNA&range=surgery-musculoskeletal");

        Assert.Equal($"cptkb-gaps-{Today}.json", FileName(response));
        Assert.NotEmpty(items.EnumerateArray());
        Assert.All(items.EnumerateArray(), i => Assert.Equal("Aetna", i.GetProperty("payer").GetString()));
        var hostile = items.EnumerateArray().First(i => i.GetProperty("code").GetString() == "27448");
        Assert.Equal(["code", "title", "section", "fact", "payer", "kind", "whatIsMissing"], hostile.EnumerateObject().Select(p => p.Name));
        Assert.Equal("notAvailableNote", hostile.GetProperty("kind").GetString());
        Assert.Equal("Coverage", hostile.GetProperty("fact").GetString());
        Assert.False(string.IsNullOrWhiteSpace(hostile.GetProperty("whatIsMissing").GetString()));
        // Text as written: JSON runs no formulas, so nothing is prefixed.
        Assert.Equal(Formula, hostile.GetProperty("title").GetString());
        Assert.DoesNotContain(items.EnumerateArray(), i => i.GetProperty("code").GetString() == "0042T");

        var (_, billing) = await GetJsonAsync("/api/export/gaps.json?section=" + Uri.EscapeDataString("Billing Code Overview"));
        Assert.Contains(billing.EnumerateArray(), i => i.GetProperty("code").GetString() == "20962");
        Assert.All(billing.EnumerateArray(), i => Assert.StartsWith("Billing Code Overview", i.GetProperty("section").GetString()));
    }

    [Fact]
    public async Task Modifier_JSON_export_lists_every_code_whose_table_lists_it_in_any_letter_case()
    {
        var (response, items) = await GetJsonAsync("/api/export/modifiers/lt.json");

        Assert.Equal($"cptkb-modifier-LT-{Today}.json", FileName(response));
        var row = Assert.Single(items.EnumerateArray());
        Assert.Equal("""{"code":"27447","title":"Total Knee Arthroplasty","description":"Left side","whenToUse":"Procedure performed on the left knee"}""", row.GetRawText());
    }

    [Theory]
    [InlineData("/api/export/codes.csv?q=nothing-like-this")]
    [InlineData("/api/export/gaps.csv?payer=Nobody")]
    public async Task An_export_of_an_empty_list_is_the_header_row_alone(string address)
    {
        var (_, bytes, records) = await GetCsvAsync(address);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Single(records);
        Assert.Equal("Code", records[0][0]);
    }

    [Theory]
    [InlineData("/api/export/codes.json?q=nothing-like-this")]
    [InlineData("/api/export/gaps.json?payer=Nobody")]
    public async Task A_JSON_export_of_an_empty_list_is_an_empty_array(string address)
    {
        var response = await _client.GetAsync(address);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[]", await response.Content.ReadAsStringAsync());
    }
}

public sealed class ExportApiTests(ExportApiSuite.WithHostileDocument app) : ExportApiSuite(app), IClassFixture<ExportApiSuite.WithHostileDocument>;

/// <summary>The same tests on PostgreSQL.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class ExportApiOnPostgreSqlTests(ExportApiSuite.WithHostileDocumentOnPostgreSql app)
    : ExportApiSuite(app), IClassFixture<ExportApiSuite.WithHostileDocumentOnPostgreSql>;
