using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CptKb.Core.Payers;
using CptKb.Core.Storage;
using CptKb.Tests.TestSupport;
using CptKb.Web.Components.Pages.Payers;
using Microsoft.Extensions.DependencyInjection;

namespace CptKb.Tests.Api;

/// <summary>
/// <c>/api/export/matrix.csv</c> and <c>.json</c> over the fixture corpus and the hostile publication whose title and
/// key payer are spreadsheet formulas: the page's selection, every page of it, and nothing else.
/// </summary>
public abstract class MatrixExportApiSuite(ExportApiSuite.WithHostileDocument app)
{
    private const string HostilePayer = ExportApiSuite.Formula + " Health";

    private async Task<(HttpResponseMessage Response, byte[] Bytes, List<string[]> Records)> GetCsvAsync(string address)
    {
        var response = await app.Client.GetAsync(address);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return (response, bytes, CsvText.Records(new UTF8Encoding(false).GetString(bytes.AsSpan(3))));
    }

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("")]
    [InlineData("payers=all")]
    [InlineData("payers=humana,Aetna,MEDICARE&q=graft")]
    [InlineData("payers=Aetna&payer=aetna&range=surgery-musculoskeletal")]
    [InlineData("q=knee 274&payers=UnitedHealthcare")]
    public async Task The_CSV_holds_the_columns_and_every_row_of_the_page_with_the_same_parameters(string query)
    {
        var (_, _, records) = await GetCsvAsync("/api/export/matrix.csv?" + query);

        var page = await PageAsync(query);
        Assert.Equal(["Code", "Title", .. page.Payers.Select(Escaped)], records[0]);
        Assert.Equal(page.Rows.Items.Select(r => r.Code), records.Skip(1).Select(r => r[0]));
        foreach (var (row, record) in page.Rows.Items.Zip(records.Skip(1)))
            Assert.Equal(row.Cells.Select(c => MatrixCells.ExportText(c?.Stance) ?? ""), record[2..]);
    }

    [Fact]
    public async Task The_CSV_is_a_dated_UTF8_file_with_BOM_and_header_and_cells_in_words()
    {
        var (response, bytes, records) = await GetCsvAsync("/api/export/matrix.csv?payers=Aetna,Cigna%20Health,Humana&page=3");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"cptkb-matrix-{Today}.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal(["Code", "Title", "Aetna", "Cigna Health", "Humana"], records[0]);
        Assert.Equal(["20955", "20962", "27447", "27448", "0042T"], records.Skip(1).Select(r => r[0]));
        Assert.Equal(["27447", "Total Knee Arthroplasty", "Covered with prior authorization", "", ""], records[3]);
        Assert.Equal(["Data gap (no section)", "Data gap (no section)", ""], records[2][2..]);
        Assert.Equal("Data gap (data not available)", records[1][3]);
    }

    [Fact]
    public async Task A_hostile_payer_name_and_title_are_written_as_text_not_formulas()
    {
        var (_, _, records) = await GetCsvAsync("/api/export/matrix.csv?payers=all&q=27448");

        Assert.Contains("'" + HostilePayer, records[0]);
        var row = Assert.Single(records.Skip(1));
        Assert.Equal(["27448", "'" + ExportApiSuite.Formula], row[..2]);
        Assert.Equal("Data gap (no section)", row[Array.IndexOf(records[0], "'" + HostilePayer)]);
        Assert.Equal("Data gap (data not available)", row[Array.IndexOf(records[0], "Aetna")]);
    }

    [Fact]
    public async Task The_JSON_holds_the_same_columns_and_rows_as_the_page()
    {
        var response = await app.Client.GetAsync("/api/export/matrix.json?payers=Medicare,UnitedHealthcare&range=surgery-musculoskeletal");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["Medicare", "UnitedHealthcare"], json.GetProperty("payers").EnumerateArray().Select(p => p.GetString()));
        var rows = json.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["20955", "20962", "27447", "27448"], rows.Select(r => r.GetProperty("code").GetString()));
        var knee = rows.Single(r => r.GetProperty("code").GetString() == "27447");
        Assert.Equal("Total Knee Arthroplasty", knee.GetProperty("title").GetString());
        Assert.Equal(["covered", "notCovered"], knee.GetProperty("stances").EnumerateArray().Select(s => s.GetString()));
        var hostile = rows.Single(r => r.GetProperty("code").GetString() == "27448");
        Assert.All(hostile.GetProperty("stances").EnumerateArray(), s => Assert.Equal(JsonValueKind.Null, s.ValueKind));
    }

    [Theory]
    [InlineData("/api/export/matrix.csv?range=nowhere", "range", "range must be one of")]
    [InlineData("/api/export/matrix.json?range=nowhere", "range", "range must be one of")]
    [InlineData("/api/export/matrix.csv?payers=Aetna,Nobody%20Mutual,Acme", "payers", "No code names the payers 'Nobody Mutual', 'Acme'")]
    [InlineData("/api/export/matrix.json?payers=Nobody%20Mutual", "payers", "No code names the payer 'Nobody Mutual'")]
    [InlineData("/api/export/matrix.csv?payer=Nobody%20Mutual", "payer", "No code names the payer 'Nobody Mutual'")]
    public async Task A_parameter_naming_nothing_is_a_400_problem_naming_it(string address, string parameter, string allowed) =>
        await ApiProblem.AssertBadParameterAsync(await app.Client.GetAsync(address), parameter, allowed);

    private async Task<PayerMatrix> PageAsync(string query)
    {
        var parameters = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);
        string? Get(string name) => parameters.TryGetValue(name, out var value) ? value.ToString() : null;
        var request = MatrixAddress.Read(Get("payers"), Get("range"), Get("payer"), Get("q"), new PageRequest(1, MatrixRequest.MaxPageSize));
        return await app.Services.GetRequiredService<PayerQueries>().GetMatrixAsync(request);
    }

    // The CSV's injection guard: a leading formula character gets a "'" before it.
    private static string Escaped(string cell) => cell.Length > 0 && "=+-@\t\r".Contains(cell[0]) ? "'" + cell : cell;
}

public sealed class MatrixExportApiTests(ExportApiSuite.WithHostileDocument app) : MatrixExportApiSuite(app), IClassFixture<ExportApiSuite.WithHostileDocument>;

/// <summary>The same tests on PostgreSQL.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class MatrixExportApiOnPostgreSqlTests(ExportApiSuite.WithHostileDocumentOnPostgreSql app)
    : MatrixExportApiSuite(app), IClassFixture<ExportApiSuite.WithHostileDocumentOnPostgreSql>;
