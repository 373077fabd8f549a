using System.Text.RegularExpressions;
using CptKb.Core.Storage;

namespace CptKb.Core.Search;

/// <summary>
/// "Did you mean": replaces each word of a query that matches nothing by the closest word of the index's own vocabulary
/// (at most two edits, one for short words), preferring fewer edits, then a length nearer the word's (the index holds
/// stems: "medic" is as near to "medicre" as "medicar"), then the word more sections hold.
/// The vocabulary is read once per index version and kept in memory.
/// </summary>
internal sealed class SpellingSuggester(ISearchIndex index, ArticleQueries articles)
{
    private const int MinLength = 3, MaxLength = 30;

    private readonly SemaphoreSlim loading = new(1, 1);
    private volatile Vocabulary? vocabulary;

    public async Task<string?> SuggestAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        var text = query.Text;
        var changed = false;
        foreach (var word in query.Terms.OfType<WordTerm>().Where(w => !w.Excluded && !w.IsPrefix).Select(w => w.Text))
        {
            if (word.Length is < MinLength or > MaxLength || !word.All(char.IsLetter)) continue;
            var alone = new SearchQuery(word, [new WordTerm(word)]);
            if (await index.CountAsync(alone, 1, cancellationToken) > 0) continue;

            var words = await GetAsync(cancellationToken);
            if (words.Closest(word.ToLowerInvariant()) is not { } term) continue;
            var written = (await WrittenFormAsync(term, cancellationToken) ?? term).ToLowerInvariant();
            text = Regex.Replace(text, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(word)}(?![\p{{L}}\p{{N}}])", written.Replace("$", "$$", StringComparison.Ordinal),
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            changed = true;
        }
        return changed ? text : null;
    }

    /// <summary>
    /// A word as written somewhere in the indexed text that the index reads as <paramref name="term"/> (a stem such as
    /// "medicar"), so a suggestion reads as a word ("medicare"); null when the index does not hold it.
    /// </summary>
    internal async Task<string?> WrittenFormAsync(string term, CancellationToken cancellationToken)
    {
        if (await index.FindTermAsync(term, cancellationToken) is not { } found) return null;
        var read = await articles.GetByIdsAsync([found.Section.ArticleId], cancellationToken);
        if (!read.TryGetValue(found.Section.ArticleId, out var article)) return null;
        var section = IndexedSection.From(found.Section.ArticleId, article).FirstOrDefault(s => s.Key.Position == found.Section.Position);
        var text = found.Column switch
        {
            IndexedColumn.Code => section?.Code,
            IndexedColumn.Title => section?.Title,
            IndexedColumn.Heading => section?.Heading,
            IndexedColumn.Body => section?.Body,
            IndexedColumn.Payer => section?.Payer,
            IndexedColumn.Modifiers => section?.Modifiers,
            _ => section?.Site,
        };
        var tokens = SearchTokenizer.Tokenize(text);
        return found.Offset < tokens.Count ? text![tokens[found.Offset].Start..][..tokens[found.Offset].Length] : null;
    }

    /// <summary>Reads the vocabulary now, so the first misspelled query does not wait for it.</summary>
    public Task WarmUpAsync(CancellationToken cancellationToken) => GetAsync(cancellationToken);

    private async Task<Vocabulary> GetAsync(CancellationToken cancellationToken)
    {
        if (vocabulary is { } current && current.Version == index.Version) return current;
        await loading.WaitAsync(cancellationToken);
        try
        {
            var version = index.Version;
            if (vocabulary is { } loaded && loaded.Version == version) return loaded;
            var terms = await index.VocabularyAsync(cancellationToken);
            vocabulary = new Vocabulary(
                [.. terms.Where(t => t.Term.Length is >= MinLength and <= MaxLength && t.Term.All(char.IsLetter))], version);
            return vocabulary;
        }
        finally
        {
            loading.Release();
        }
    }

    /// <summary>The suggestable words, by length, so only words of a near length are compared.</summary>
    private sealed class Vocabulary(IReadOnlyList<IndexedTerm> terms, long version)
    {
        private readonly ILookup<int, IndexedTerm> byLength = terms.ToLookup(t => t.Term.Length);

        public long Version { get; } = version;

        public string? Closest(string word)
        {
            var limit = word.Length <= 4 ? 1 : 2;
            IndexedTerm? best = null;
            var bestRank = (Distance: int.MaxValue, Length: int.MaxValue, Sections: 0);
            for (var length = word.Length - limit; length <= word.Length + limit; length++)
            {
                foreach (var term in byLength[length])
                {
                    var distance = EditDistance(word, term.Term, limit);
                    if (distance > limit) continue;
                    var rank = (distance, Math.Abs(term.Term.Length - word.Length), -term.Sections);
                    if (rank.CompareTo(bestRank) < 0)
                    {
                        (best, bestRank) = (term, rank);
                    }
                }
            }
            return best?.Term;
        }
    }

    /// <summary>Optimal string alignment distance (an adjacent swap is one edit); anything over the limit is limit + 1.</summary>
    internal static int EditDistance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit) return limit + 1;
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) value = Math.Min(value, previous2[j - 2] + 1);
                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }
            if (rowMin > limit) return limit + 1;
            (previous2, previous, current) = (previous, current, previous2);
        }
        return previous[b.Length];
    }
}
