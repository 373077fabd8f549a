using CptKb.Core.Articles;

namespace CptKb.Core.Parsing;

/// <summary>
/// How the modifier table is recognised and read: the first table whose first header cell names modifiers; its columns
/// found by their headers (description, when to use), else by place; each row one <see cref="Modifier"/>, short rows and
/// empty cells (a cell of only "N/A" or a dash is empty) said in a warning.
/// </summary>
internal sealed class ModifierTableRule
{
    private readonly IReadOnlyList<string?> header;
    private readonly int descriptionColumn;
    private readonly int whenColumn;
    private readonly int width;
    private int rows;

    private ModifierTableRule(IReadOnlyList<string?> header)
    {
        this.header = header;
        descriptionColumn = IndexOf(header, h => h.Contains("descr", StringComparison.OrdinalIgnoreCase), fallback: 1);
        whenColumn = IndexOf(header, h => h.Contains("when", StringComparison.OrdinalIgnoreCase) || h.Contains("use", StringComparison.OrdinalIgnoreCase), fallback: 2);
        width = Math.Max(header.Count, 3);
    }

    /// <summary>A reader for the table when its header says it is the modifier table; else null.</summary>
    public static ModifierTableRule? ForHeader(IReadOnlyList<string?> header) =>
        header.Count > 0 && (header[0] ?? "").Contains("modifier", StringComparison.OrdinalIgnoreCase) ? new ModifierTableRule(header) : null;

    /// <summary>
    /// Reads one body row: <paramref name="cells"/> are the cells the source row really holds (null for an empty cell).
    /// Returns the row and, when it lacks cells or has empty ones, a warning sentence of the given kind.
    /// </summary>
    public (Modifier Row, (ParseWarningKind Kind, string Message)? Warning) Read(IReadOnlyList<string?> cells)
    {
        rows++;
        if (cells.Any(IsBlankMark))
            cells = [.. cells.Select(c => IsBlankMark(c) ? null : c)];
        string? At(int i) => i < cells.Count ? cells[i] : null;
        var row = new Modifier(At(0), At(descriptionColumn), At(whenColumn));
        if (cells.Count < width)
        {
            var missing = Enumerable.Range(cells.Count, width - cells.Count).Select(Name);
            return (row, (ParseWarningKind.ShortTableRow, $"modifier table row {rows} has {cells.Count} of {width} cells; missing: {string.Join(", ", missing)}"));
        }
        var empty = Enumerable.Range(0, width).Where(i => cells[i] is null).Select(Name).ToList();
        return empty.Count > 0
            ? (row, (ParseWarningKind.EmptyTableCell, $"modifier table row {rows} has empty cells: {string.Join(", ", empty)}"))
            : (row, null);
    }

    // A cell that holds only "N/A" or a dash says nothing about the modifier: it is read as the empty cell it stands for.
    private static bool IsBlankMark(string? cell) =>
        cell is "-" or "–" or "—" or "--" || string.Equals(cell, "n/a", StringComparison.OrdinalIgnoreCase);

    /// <summary>The headers of the row's columns that hold nothing (the code, description and when-to-use columns).</summary>
    public IEnumerable<string> EmptyColumns(Modifier row)
    {
        if (row.Code is null)
            yield return Name(0);
        if (row.Description is null)
            yield return Name(descriptionColumn);
        if (row.WhenToUse is null)
            yield return Name(whenColumn);
    }

    private string Name(int column) => column < header.Count ? header[column] ?? $"cell {column + 1}" : $"cell {column + 1}";

    private static int IndexOf(IReadOnlyList<string?> header, Func<string, bool> match, int fallback)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (header[i] is { } text && match(text))
                return i;
        }
        return fallback;
    }
}
