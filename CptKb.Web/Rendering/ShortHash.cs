namespace CptKb.Web.Rendering;

/// <summary>A file's SHA-256 as pages show it: its first 12 hex digits and an ellipsis (the whole hash in a tooltip).</summary>
public static class ShortHash
{
    /// <summary><c>3f1a9c0b2d4e…</c> for a whole SHA-256 in hex.</summary>
    public static string Of(string sha256) => sha256[..Math.Min(12, sha256.Length)] + "…";
}
