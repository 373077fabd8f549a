using CptKb.Core.Articles;

namespace CptKb.Core.Changes;

/// <summary>
/// What changed between two revisions of an article, one <see cref="ArticleChange"/> per fact, modifier cell, stance or
/// section: a pure function over the two parsed articles. Changes come in a fixed order (title, key payers, payers'
/// stances, facts, modifiers, sections, data gaps), each group in the newer revision's document order.
/// </summary>
public static class ArticleComparer
{
    /// <summary>The changes that turn <paramref name="before"/> into <paramref name="after"/>.</summary>
    /// <param name="before">The older revision; null when <paramref name="after"/> is the article's first.</param>
    /// <param name="after">The newer revision.</param>
    public static IReadOnlyList<ArticleChange> Compare(Article? before, Article after)
    {
        if (before is null)
            return [new ArticleChange(ChangeKind.ArticleAdded, After: after.Title)];
        var changes = new List<ArticleChange>();
        if (!string.Equals(before.Title, after.Title, StringComparison.Ordinal))
            changes.Add(new ArticleChange(ChangeKind.TitleChanged, Before: before.Title, After: after.Title));
        KeyPayers(before, after, changes);
        Payers(before, after, changes);
        Facts(before, after, changes);
        Modifiers(before, after, changes);
        Sections(before, after, changes);
        DataGaps(before, after, changes);
        return changes;
    }

    private static void KeyPayers(Article before, Article after, List<ArticleChange> changes)
    {
        foreach (var payer in after.Payers.Where(p => !before.Payers.Contains(p, StringComparer.OrdinalIgnoreCase)))
            changes.Add(new ArticleChange(ChangeKind.KeyPayerAdded, Payer: payer, After: payer));
        foreach (var payer in before.Payers.Where(p => !after.Payers.Contains(p, StringComparer.OrdinalIgnoreCase)))
            changes.Add(new ArticleChange(ChangeKind.KeyPayerRemoved, Payer: payer, Before: payer));
    }

    // A fact is known by its payer, section and label, and which occurrence of that label it is there.
    private static void Facts(Article before, Article after, List<ArticleChange> changes)
    {
        var old = Keyed(before.Facts, f => (f.Payer ?? "", f.SectionPath, f.Label));
        var now = Keyed(after.Facts, f => (f.Payer ?? "", f.SectionPath, f.Label));
        foreach (var (key, fact) in now)
        {
            if (!old.TryGetValue(key, out var was))
            {
                changes.Add(FactChange(fact, null, fact.Value, ChangeKind.FactAdded));
            }
            else if (!string.Equals(was.Value, fact.Value, StringComparison.Ordinal))
            {
                changes.Add(FactChange(fact, was.Value, fact.Value, ChangeKind.FactChanged));
            }
        }
        foreach (var (_, fact) in old.Where(o => !now.ContainsKey(o.Key)))
            changes.Add(FactChange(fact, fact.Value, null, ChangeKind.FactRemoved));
    }

    private static ArticleChange FactChange(Fact fact, string? before, string? after, ChangeKind plain)
    {
        // A payer's prior authorization and payment benchmark are what readers watch most: they get kinds of their own.
        var kind = fact.Payer is null ? plain
            : PayerFactLabel.IsPriorAuthorization(fact.Label) ? ChangeKind.PriorAuthorizationChanged
            : PayerFactLabel.IsBenchmark(fact.Label) ? ChangeKind.BenchmarkChanged
            : plain;
        return new ArticleChange(kind, fact.SectionPath, fact.Payer, fact.Label, before, after, SectionAnchor: fact.SectionAnchor);
    }

    private static void Modifiers(Article before, Article after, List<ArticleChange> changes)
    {
        var section = after.ModifierTableAnchor is { } anchor ? after.SectionAt(anchor)?.Path
            : before.ModifierTableAnchor is { } oldAnchor ? before.SectionAt(oldAnchor)?.Path : null;
        var anchorNow = after.ModifierTableAnchor ?? before.ModifierTableAnchor;
        // Rows are known by their code; a row without one by its place among such rows.
        var was = Keyed(before.Modifiers, m => m.Code ?? "");
        var now = Keyed(after.Modifiers, m => m.Code ?? "");
        foreach (var (key, row) in now)
        {
            var label = row.Code;
            if (!was.TryGetValue(key, out var old))
            {
                changes.Add(new ArticleChange(ChangeKind.ModifierAdded, section, Label: label, After: Describe(row), SectionAnchor: anchorNow));
                continue;
            }
            Cell(ModifierCell.Description, old.Description, row.Description);
            Cell(ModifierCell.WhenToUse, old.WhenToUse, row.WhenToUse);

            void Cell(ModifierCell cell, string? a, string? b)
            {
                if (!string.Equals(a, b, StringComparison.Ordinal))
                    changes.Add(new ArticleChange(ChangeKind.ModifierChanged, section, Label: label, Before: a, After: b, Cell: cell, SectionAnchor: anchorNow));
            }
        }
        foreach (var (_, row) in was.Where(w => !now.ContainsKey(w.Key)))
            changes.Add(new ArticleChange(ChangeKind.ModifierRemoved, section, Label: row.Code, Before: Describe(row), SectionAnchor: anchorNow));
    }

    private static string Describe(Modifier row) =>
        string.Join(" | ", new[] { row.Code, row.Description, row.WhenToUse }.Where(c => !string.IsNullOrEmpty(c)));

    private static void Payers(Article before, Article after, List<ArticleChange> changes)
    {
        foreach (var now in after.PayerSections)
        {
            var was = before.PayerSections.FirstOrDefault(p => string.Equals(p.Payer, now.Payer, StringComparison.OrdinalIgnoreCase));
            if (was is null)
                continue;
            var section = after.SectionOf(now)?.Path;
            if (was.Stance != now.Stance)
                changes.Add(new ArticleChange(ChangeKind.StanceChanged, section, now.Payer, Before: was.Stance.ToString(), After: now.Stance.ToString(), SectionAnchor: now.Anchor));
            if (was.DataMissing != now.DataMissing)
                changes.Add(new ArticleChange(now.DataMissing ? ChangeKind.PayerDataMissing : ChangeKind.PayerDataAvailable, section, now.Payer, SectionAnchor: now.Anchor));
        }
    }

    private static void Sections(Article before, Article after, List<ArticleChange> changes)
    {
        var was = Keyed(before.Sections, s => s.Path);
        var now = Keyed(after.Sections, s => s.Path);
        foreach (var (key, section) in now)
        {
            var payer = PayerOf(after, section);
            if (!was.TryGetValue(key, out var old))
            {
                changes.Add(new ArticleChange(ChangeKind.SectionAdded, section.Path, payer, section.Heading, After: after.TextOf(section), SectionAnchor: section.Anchor));
            }
            else if (!string.Equals(Normalized(old.Body), Normalized(section.Body), StringComparison.Ordinal))
            {
                var kind = payer is null ? ChangeKind.SectionTextChanged : ChangeKind.PayerTextChanged;
                changes.Add(new ArticleChange(kind, section.Path, payer, section.Heading, old.Body, section.Body, SectionAnchor: section.Anchor));
            }
        }
        foreach (var (_, section) in was.Where(w => !now.ContainsKey(w.Key)))
            changes.Add(new ArticleChange(ChangeKind.SectionRemoved, section.Path, PayerOf(before, section), section.Heading, Before: before.TextOf(section), SectionAnchor: section.Anchor));
    }

    private static string? PayerOf(Article article, Section section) =>
        section.Kind == SectionKind.Payer ? article.PayerSections.FirstOrDefault(p => p.Anchor == section.Anchor)?.Payer : null;

    // Line ends and runs of blanks are how a file was written, not what it says.
    private static string Normalized(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static void DataGaps(Article before, Article after, List<ArticleChange> changes)
    {
        var was = Keyed(before.DataGaps, g => (g.Payer ?? "", g.SectionPath, g.FactLabel ?? ""));
        var now = Keyed(after.DataGaps, g => (g.Payer ?? "", g.SectionPath, g.FactLabel ?? ""));
        foreach (var (_, gap) in now.Where(n => !was.ContainsKey(n.Key)))
            changes.Add(new ArticleChange(ChangeKind.DataGapAdded, gap.SectionPath, gap.Payer, gap.FactLabel, SectionAnchor: gap.Anchor));
        foreach (var (_, gap) in was.Where(w => !now.ContainsKey(w.Key)))
            changes.Add(new ArticleChange(ChangeKind.DataGapResolved, gap.SectionPath, gap.Payer, gap.FactLabel, SectionAnchor: after.Sections.FirstOrDefault(s => s.Path == gap.SectionPath)?.Anchor));
    }

    // Each item keyed by its key and which occurrence of that key it is, in document order.
    private static Dictionary<(TKey, int), T> Keyed<T, TKey>(IEnumerable<T> items, Func<T, TKey> key)
        where TKey : notnull
    {
        var seen = new Dictionary<TKey, int>();
        var result = new Dictionary<(TKey, int), T>();
        foreach (var item in items)
        {
            var k = key(item);
            var n = seen.GetValueOrDefault(k);
            seen[k] = n + 1;
            result[(k, n)] = item;
        }
        return result;
    }
}
