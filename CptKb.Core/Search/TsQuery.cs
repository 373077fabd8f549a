using System.Text;

namespace CptKb.Core.Search;

/// <summary>
/// A parsed <see cref="SearchQuery"/> compiled for <see cref="PostgreSqlSearchIndex"/>: PostgreSQL's counterpart of
/// <see cref="Fts5Query"/>, from the same terms. Words are read by the index's own tokenizer and stemmer
/// (<see cref="SearchTokenizer"/>, <see cref="PorterStemmer"/>), so both engines hold and look for the same words; every
/// lexeme is quoted, so nothing typed is read as tsquery syntax. Free terms match the weighted
/// <c>Document</c> vector; fields, code prefixes and ranges match the column-tagged <c>Fields</c> vector
/// (<c>payer:aetna</c>, <c>code:209</c>).
/// </summary>
/// <param name="Document">What the document vector must match (the positive free terms), or null.</param>
/// <param name="Fields">What the fields vector must match (the positive field and code terms), or null.</param>
/// <param name="ExcludedDocument">What the document vector must not match, or null.</param>
/// <param name="ExcludedFields">What the fields vector must not match, or null.</param>
internal sealed record TsQuery(string? Document, string? Fields, string? ExcludedDocument, string? ExcludedFields)
{
    /// <summary>
    /// The query; null when it can match nothing (no positive term, or a positive term without a word). With a column,
    /// the free terms must match in that column, as in <see cref="Fts5Query.Expression"/>.
    /// </summary>
    /// <param name="query">The parsed query.</param>
    /// <param name="freeTermsColumn">The column free terms must match in, or null for the whole document.</param>
    /// <param name="prefixes">
    /// The lexemes a prefix stands for (its tag included, <c>title:reimbur</c>), when known: they are then matched as
    /// those words (<c>'reimburs' | 'reimburse'</c>) rather than with <c>:*</c>, which makes the GIN index gather every row
    /// of every such word before anything else. Null, or null for a prefix, keeps <c>:*</c>.
    /// </param>
    public static TsQuery? Compile(SearchQuery query, string? freeTermsColumn, Func<string, IReadOnlyList<string>?>? prefixes = null)
    {
        List<string> document = [], fields = [], excludedDocument = [], excludedFields = [];
        foreach (var term in query.Terms)
        {
            var (expression, inFields) = Expression(term, term.Excluded ? null : freeTermsColumn, prefixes);
            if (expression is null)
            {
                // A term without a word: as a positive term it matches nothing, as an exclusion it excludes nothing.
                if (term.Excluded) continue;
                return null;
            }
            (term.Excluded ? inFields ? excludedFields : excludedDocument : inFields ? fields : document).Add(expression);
        }
        if (document.Count == 0 && fields.Count == 0) return null;
        return new TsQuery(Join(document, " & "), Join(fields, " & "), Join(excludedDocument, " | "), Join(excludedFields, " | "));
    }

    private static string? Join(List<string> parts, string separator) =>
        parts.Count == 0 ? null : string.Join(separator, parts.Select(p => $"({p})"));

    /// <summary>Every prefix <see cref="Compile"/> would match with <c>:*</c>, its tag included.</summary>
    public static IReadOnlyList<string> Prefixes(SearchQuery query, string? freeTermsColumn)
    {
        var found = new List<string>();
        Compile(query, freeTermsColumn, prefix =>
        {
            found.Add(prefix);
            return null;
        });
        return found;
    }

    private static (string? Expression, bool InFields) Expression(SearchTerm term, string? freeTermsColumn, Func<string, IReadOnlyList<string>?>? prefixes)
    {
        string? Phrase(string text, bool prefix, string? column) => TsQuery.Phrase(text, prefix, column, prefixes);

        var column = freeTermsColumn is null ? null : freeTermsColumn + ":";
        return term switch
        {
            WordTerm w => (Phrase(w.Text, w.IsPrefix, column), column is not null),
            PhraseTerm p => (Phrase(p.Text, false, column), column is not null),
            CodeTerm c => (Phrase(c.Code, false, column), column is not null),
            CodePrefixTerm { AlsoWord: true } p => (Phrase(p.Prefix, true, null), false),
            CodePrefixTerm p => (Phrase(p.Prefix, true, "code:"), true),
            CodeRangeTerm r => (AnyOf(Fts5Query.RangePrefixes(r).Select(p => Phrase(p.Text, p.IsPrefix, "code:"))), true),
            FieldTerm f => (Phrase(f.Value, f.IsPrefix, f.Field switch
            {
                SearchField.Payer => "payer:",
                SearchField.Modifier => "modifiers:",
                SearchField.Section => "heading:",
                _ => "site:",
            }), true),
            _ => throw new ArgumentOutOfRangeException(nameof(term), term, "Unknown search term."),
        };
    }

    private static string? AnyOf(IEnumerable<string?> phrases)
    {
        var parts = phrases.OfType<string>().ToList();
        return parts.Count == 0 ? null : string.Join(" | ", parts);
    }

    /// <summary>
    /// The text's words as lexemes one after the other (<c>&lt;-&gt;</c>), the last a prefix when asked, each behind the
    /// column's tag; null when the text has no word.
    /// </summary>
    private static string? Phrase(string text, bool prefix, string? column, Func<string, IReadOnlyList<string>?>? prefixes)
    {
        var lexemes = Lexemes(text).ToList();
        if (lexemes.Count == 0) return null;
        var builder = new StringBuilder();
        for (var i = 0; i < lexemes.Count; i++)
        {
            if (i > 0) builder.Append(" <-> ");
            var lexeme = (column ?? "") + lexemes[i];
            if (!prefix || i < lexemes.Count - 1)
                builder.Append(Quote(lexeme));
            else if (prefixes?.Invoke(lexeme) is { Count: > 0 } words)
                builder.Append('(').AppendJoin(" | ", words.Select(Quote)).Append(')');
            else
                builder.Append(Quote(lexeme)).Append(":*");
        }
        return builder.ToString();
    }

    /// <summary>The words of a text as the index holds them: folded and stemmed, as FTS5's <c>porter unicode61</c> reads them.</summary>
    public static IEnumerable<string> Lexemes(string? text)
    {
        foreach (var token in SearchTokenizer.Tokenize(text))
        {
            if (Lexeme(token.Normalized) is { } lexeme) yield return lexeme;
        }
    }

    /// <summary>PostgreSQL refuses lexemes of 2 KB and more; a word that long is not indexed.</summary>
    internal const int MaxLexemeBytes = 2000;

    internal static string? Lexeme(string normalized)
    {
        var stem = PorterStemmer.Stem(normalized);
        return Encoding.UTF8.GetByteCount(stem) > MaxLexemeBytes ? null : stem;
    }

    /// <summary>A lexeme between single quotes, as tsquery and tsvector input read it: quotes doubled, backslashes escaped.</summary>
    internal static string Quote(string lexeme) =>
        "'" + lexeme.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";
}
