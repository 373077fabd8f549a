namespace CptKb.Core.Storage;

/// <summary>
/// One key of the web app's key ring (the keys that protect antiforgery tokens and a page's persisted state), kept in the
/// database so that every node sharing it, and a node after a restart, reads the same keys. Core only makes the table
/// (<c>DataProtectionKeys</c>, in the shape ASP.NET Core's Entity Framework key store reads and writes); the web app writes it.
/// </summary>
public sealed class KeyRingEntry
{
    /// <summary>The row's id.</summary>
    public int Id { get; set; }

    /// <summary>The key's name, as the key store gives it.</summary>
    public string? FriendlyName { get; set; }

    /// <summary>The key itself, as XML.</summary>
    public string? Xml { get; set; }
}
