using System.Text;
using CptKb.Core.Articles;

namespace CptKb.Core.Parsing;

/// <summary>The headings the publication format defines, and how a heading's text maps to a <see cref="SectionKind"/>.</summary>
public static class SectionRules
{
    private static readonly Dictionary<string, SectionKind> KnownHeadings = new(StringComparer.Ordinal)
    {
        ["summary and overview"] = SectionKind.Summary,
        ["summary"] = SectionKind.Summary,
        ["overview"] = SectionKind.Summary,
        ["executive summary"] = SectionKind.Summary,
        ["billing code overview"] = SectionKind.BillingCodeOverview,
        ["code overview"] = SectionKind.BillingCodeOverview,
        ["clinical and coding specifications"] = SectionKind.ClinicalCodingSpecifications,
        ["clinical context"] = SectionKind.ClinicalContext,
        ["coding specifications"] = SectionKind.CodingSpecifications,
        ["modifiers"] = SectionKind.CodingSpecifications,
        ["common modifiers"] = SectionKind.CodingSpecifications,
        ["billing modifiers"] = SectionKind.CodingSpecifications,
        ["payer coverage and benchmarks"] = SectionKind.PayerCoverage,
        ["payer coverage"] = SectionKind.PayerCoverage,
        ["payer benchmarks"] = SectionKind.PayerCoverage,
        ["coverage and benchmarks"] = SectionKind.PayerCoverage,
        ["payer coverage and reimbursement benchmarks"] = SectionKind.PayerCoverage,
        ["payer sections"] = SectionKind.PayerCoverage,
        ["policy and coding considerations"] = SectionKind.PolicyConsiderations,
        ["policy considerations"] = SectionKind.PolicyConsiderations,
        ["coding considerations"] = SectionKind.PolicyConsiderations,
        ["coding and policy considerations"] = SectionKind.PolicyConsiderations,
        ["sites of service"] = SectionKind.SitesOfService,
        ["site of service"] = SectionKind.SitesOfService,
        ["typical sites of service"] = SectionKind.SitesOfService,
        ["data gaps"] = SectionKind.DataGaps,
        ["data gaps and limitations"] = SectionKind.DataGaps,
        ["data limitations"] = SectionKind.DataGaps,
        ["missing data"] = SectionKind.DataGaps,
    };

    // Words that mark a subheading of the coverage section as a payer rather than, say, "Benchmark Summary".
    private static readonly string[] PayerWords =
    [
        "medicare", "medicaid", "aetna", "cigna", "humana", "anthem", "kaiser", "tricare", "centene", "molina",
        "wellcare", "elevance", "highmark", "blue", "bcbs", "united", "health", "healthcare", "insurance",
        "mutual", "care", "plan", "payer", "commercial", "cms", "mac",
    ];

    /// <summary>
    /// A heading as the article keeps it: without the emphasis marks around it, its numbering ("2.", "2)", "3.1", "IV.") and
    /// a trailing colon, so "**2. Billing Code Overview:**" is "Billing Code Overview". The text as written when nothing
    /// would be left.
    /// </summary>
    public static string HeadingText(string heading) => ReadHeading(heading).Text;

    /// <summary>
    /// <see cref="HeadingText"/> and how many parts its number has: 0 without one, 1 for "2." or "IV.", 2 for "3.1".
    /// </summary>
    internal static (string Text, int NumberParts) ReadHeading(string heading)
    {
        var trimmed = heading.Trim();
        var text = trimmed.AsSpan();
        // Cheap checks first: most lines a reader asks about carry no mark at all.
        if (text.IsEmpty || !(text[^1] is ':' or '*' or '_' || text[0] is '*' or '_' || char.IsAsciiDigit(text[0]) || char.IsAsciiLetterUpper(text[0])))
            return (trimmed, 0);
        text = WithoutColon(WithoutEmphasis(WithoutColon(text)));
        var length = 0;
        var parts = text.IsEmpty ? 0 : NumberLength(text, out length);
        if (parts > 0)
            text = text[length..].TrimStart();
        if (text.IsEmpty)
            return (trimmed, 0);
        return (text.Length == trimmed.Length ? trimmed : text.ToString(), parts);
    }

    private static ReadOnlySpan<char> WithoutColon(ReadOnlySpan<char> text) => text.TrimEnd(':').TrimEnd();

    private static ReadOnlySpan<char> WithoutEmphasis(ReadOnlySpan<char> text)
    {
        foreach (var mark in (ReadOnlySpan<string>)["**", "__", "*", "_"])
        {
            if (text.Length > 2 * mark.Length && text.StartsWith(mark) && text.EndsWith(mark)
                && !text[mark.Length..^mark.Length].Contains(mark, StringComparison.Ordinal))
                return text[mark.Length..^mark.Length].Trim();
        }
        return text;
    }

    // "2." "2)" "3.1" "3.1." "IV." "IV)" "A." "A)", followed by a space and more text; a bare "2" or "2019" is part of the heading.
    private static int NumberLength(ReadOnlySpan<char> text, out int length)
    {
        length = 0;
        var i = 0;
        var parts = 0;
        if (char.IsAsciiDigit(text[0]))
        {
            while (true)
            {
                var start = i;
                while (i < text.Length && i - start < 3 && char.IsAsciiDigit(text[i]))
                    i++;
                if (i == start || (i < text.Length && char.IsAsciiDigit(text[i])))
                    return 0;
                parts++;
                if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
                {
                    i++;
                    continue;
                }
                break;
            }
            if (i < text.Length && text[i] is '.' or ')')
                i++;
            else if (parts == 1)
                return 0;
        }
        else
        {
            while (i < text.Length && i < 6 && text[i] is 'I' or 'V' or 'X' or 'L' or 'C')
                i++;
            if (i == 0 && char.IsAsciiLetterUpper(text[0]))
                i = 1;
            if (i == 0 || i >= text.Length || text[i] is not ('.' or ')'))
                return 0;
            i++;
            parts = 1;
        }
        if (i >= text.Length || text[i] != ' ' || text[i..].Trim().IsEmpty)
            return 0;
        length = i;
        return parts;
    }

    /// <summary>Reduces a heading to a comparable key: lower case, "&amp;" read as "and", punctuation dropped.</summary>
    public static string Key(string heading)
    {
        var sb = new StringBuilder(heading.Length);
        var space = false;
        foreach (var c in heading)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (space && sb.Length > 0)
                    sb.Append(' ');
                sb.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else if (c == '&')
            {
                if (sb.Length > 0)
                    sb.Append(' ');
                sb.Append("and");
                space = true;
            }
            else
                space = true;
        }
        return sb.ToString();
    }

    /// <summary>The kind of a heading the format defines, or null for any other heading.</summary>
    public static SectionKind? KnownKind(string heading)
    {
        var key = Key(heading);
        if (KnownHeadings.TryGetValue(key, out var kind))
            return kind;
        if (key.StartsWith("payer coverage", StringComparison.Ordinal))
            return SectionKind.PayerCoverage;
        if (key.StartsWith("data gap", StringComparison.Ordinal))
            return SectionKind.DataGaps;
        if (key.StartsWith("policy and coding", StringComparison.Ordinal))
            return SectionKind.PolicyConsiderations;
        return null;
    }

    /// <summary>True for the kinds that sit under "Clinical &amp; Coding Specifications".</summary>
    public static bool IsClinicalChild(SectionKind kind) =>
        kind is SectionKind.ClinicalContext or SectionKind.CodingSpecifications;

    /// <summary>True when a subheading of the coverage section names a payer.</summary>
    public static bool LooksLikePayer(string heading, IReadOnlyList<string> keyPayers)
    {
        var key = Key(heading);
        foreach (var payer in keyPayers)
        {
            var payerKey = Key(payer);
            if (payerKey.Length > 0 && (key.Contains(payerKey, StringComparison.Ordinal) || payerKey.Contains(key, StringComparison.Ordinal)))
                return true;
        }
        foreach (var word in key.Split(' '))
        {
            if (Array.IndexOf(PayerWords, word) >= 0)
                return true;
        }
        return false;
    }

    /// <summary>A URL fragment for a heading: lower case letters and digits joined by hyphens.</summary>
    public static string Slug(string text)
    {
        var sb = new StringBuilder(text.Length);
        var dash = false;
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (dash && sb.Length > 0)
                    sb.Append('-');
                sb.Append(char.ToLowerInvariant(c));
                dash = false;
            }
            else
                dash = true;
            if (sb.Length >= 80)
                break;
        }
        return sb.Length == 0 ? "section" : sb.ToString();
    }
}
