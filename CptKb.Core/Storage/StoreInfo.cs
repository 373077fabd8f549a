namespace CptKb.Core.Storage;

/// <summary>
/// A fact the database keeps about itself, by key: e.g. which version of the parser and the search index its derived
/// rows were written by, so a newer version knows to rebuild them from the stored revisions.
/// </summary>
public sealed class StoreInfo
{
    /// <summary>The key that records which version of the derived rows (articles' rows and the search index) the store holds.</summary>
    public const string DerivedVersionKey = "derived-version";

    /// <summary>
    /// The version of the derived rows this code writes. Raise it whenever the parser, the stored rows or the search
    /// index's rows change, so stores written before are rebuilt from their revisions at the next start.
    /// </summary>
    public const string CurrentDerivedVersion = "5";

    /// <summary>What the fact is about.</summary>
    public required string Key { get; set; }

    /// <summary>Its value.</summary>
    public required string Value { get; set; }
}
