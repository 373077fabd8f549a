using System.Text.RegularExpressions;

namespace CptKb.Core.Articles;

/// <summary>
/// Which of a payer section's "Label: value" items say what readers watch most: prior authorization and the payment
/// benchmark. Labels vary from publication to publication ("Prior authorization", "Pre-certification", "Benchmark",
/// "Payment benchmark", "Allowed amount"), so they are known by their words.
/// </summary>
public static partial class PayerFactLabels
{
    [GeneratedRegex(@"\bprior\s+auth|\bpre-?auth|\bpre-?cert|\bprecert", RegexOptions.IgnoreCase)]
    private static partial Regex PriorAuthorizationLabel();

    [GeneratedRegex(@"\bbenchmark|\bpayment|\breimburse|\ballowed\b|\bfee\b|\brate\b", RegexOptions.IgnoreCase)]
    private static partial Regex BenchmarkLabel();

    /// <summary>True when the label names prior authorization (or pre-certification).</summary>
    public static bool IsPriorAuthorization(string label) => PriorAuthorizationLabel().IsMatch(label);

    /// <summary>True when the label names a payment benchmark (an allowed amount, a fee, a rate), and not prior authorization.</summary>
    public static bool IsBenchmark(string label) => !IsPriorAuthorization(label) && BenchmarkLabel().IsMatch(label);
}
