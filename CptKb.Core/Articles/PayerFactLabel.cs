using System.Text.RegularExpressions;

namespace CptKb.Core.Articles;

/// <summary>
/// Which of a payer section's facts says what about prior authorization and which gives the payment benchmark, told by
/// the fact's label ("Prior authorization", "Pre-certification"; "Benchmark", "Payment", "Allowed amount").
/// </summary>
public static partial class PayerFactLabel
{
    [GeneratedRegex(@"\bprior\s+auth|\bpre-?auth|\bpre-?cert|\bprecert", RegexOptions.IgnoreCase)]
    private static partial Regex PriorAuthorizationWords();

    [GeneratedRegex(@"\bbenchmark|\bpayment|\breimburse|\ballowed\b|\bfee\b|\brate\b", RegexOptions.IgnoreCase)]
    private static partial Regex BenchmarkWords();

    /// <summary>True when the label names prior authorization (or pre-certification).</summary>
    public static bool IsPriorAuthorization(string label) => PriorAuthorizationWords().IsMatch(label);

    /// <summary>True when the label names a payment benchmark (a payment, allowed amount, fee or rate), and not prior authorization.</summary>
    public static bool IsBenchmark(string label) => !IsPriorAuthorization(label) && BenchmarkWords().IsMatch(label);
}
