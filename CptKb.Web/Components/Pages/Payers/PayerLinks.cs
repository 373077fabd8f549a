namespace CptKb.Web.Components.Pages.Payers;

/// <summary>Addresses of the payer pages. A payer's address holds its name, escaped: <c>/payers/Cigna%20Health</c>.</summary>
public static class PayerLinks
{
    public const string List = "/payers";

    public const string Matrix = "/payer-matrix";

    public static string Payer(string name) => $"/payers/{Uri.EscapeDataString(name)}";
}
