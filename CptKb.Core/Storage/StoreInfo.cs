namespace CptKb.Core.Storage;

/// <summary>
/// A fact the database keeps about itself, by key: e.g. which version of the parser and the search index its derived
/// rows were written by, so a newer version knows to rebuild them from the stored revisions.
/// </summary>
public sealed class StoreInfo
{
    /// <summary>What the fact is about.</summary>
    public required string Key { get; set; }

    /// <summary>Its value.</summary>
    public required string Value { get; set; }
}
