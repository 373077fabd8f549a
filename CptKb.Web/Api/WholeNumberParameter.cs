using System.Globalization;
using Microsoft.OpenApi;

namespace CptKb.Web.Api;

/// <summary>
/// A whole-number query parameter of the API, read from its text: a value that is not a whole number, or is out of
/// range, is a 400 problem naming the parameter and what it allows, rather than a failed binding with no body.
/// </summary>
/// <param name="Name">The parameter's name in the query string.</param>
/// <param name="Minimum">The smallest value allowed.</param>
/// <param name="Maximum">The largest value allowed.</param>
/// <param name="Default">The value when the parameter is absent or empty.</param>
/// <param name="Description">What the parameter means, for the OpenAPI document.</param>
public sealed record WholeNumberParameter(string Name, int Minimum, int Maximum, int Default, string Description)
{
    /// <summary>Reads <paramref name="text"/>; false with a problem to answer when it is not a whole number in range.</summary>
    public bool TryRead(string? text, out int value, out IResult problem)
    {
        problem = Results.Empty;
        value = Default;
        if (string.IsNullOrEmpty(text))
            return true;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) && value >= Minimum && value <= Maximum)
            return true;
        problem = Problem(text, Maximum);
        return false;
    }

    /// <summary>A 400 problem for <paramref name="text"/>, when what is allowed depends on the data (e.g. the last page).</summary>
    public IResult Problem(string? text, int maximum)
    {
        var allowed = maximum == int.MaxValue ? $"a whole number from {Minimum}" : $"a whole number from {Minimum} to {maximum}";
        var given = text is null ? "" : $"; '{(text.Length <= 40 ? text : text[..40] + "…")}' is not";
        return Results.ValidationProblem(
            new Dictionary<string, string[]> { [Name] = [$"{Name} must be {allowed} (default {Default}){given}."] },
            detail: $"The query parameter '{Name}' must be {allowed}.",
            title: "Invalid query parameter");
    }

    /// <summary>States the parameter's type, range and default in the OpenAPI document (it is bound as text).</summary>
    public void Describe(OpenApiOperation operation)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.Name != Name)
                continue;
            parameter.Description = Description;
            parameter.Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.Integer,
                Format = "int32",
                Minimum = Minimum.ToString(CultureInfo.InvariantCulture),
                Maximum = Maximum == int.MaxValue ? null : Maximum.ToString(CultureInfo.InvariantCulture),
                Default = System.Text.Json.Nodes.JsonValue.Create(Default),
            };
        }
    }
}

/// <summary>Declares an endpoint's whole-number parameters: their problems and their OpenAPI description.</summary>
public static class WholeNumberParameterExtensions
{
    public static RouteHandlerBuilder WithWholeNumbers(this RouteHandlerBuilder endpoint, params WholeNumberParameter[] parameters) =>
        endpoint
            .ProducesValidationProblem()
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                foreach (var parameter in parameters)
                    parameter.Describe(operation);
                return Task.CompletedTask;
            });
}
