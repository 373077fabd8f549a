using System.Text.Json;

namespace CptKb.Web.Rendering;

/// <summary>
/// What a prerendered page hands to its circuit, kept small. The browser sends a page's saved state back in one hub
/// message when the circuit starts, so the largest state decides the largest message a circuit must accept
/// (<see cref="ReadingLimits.MaxMessageBytes"/>), and every connection may make the server hold that much.
/// A value over <see cref="MaxBytes"/> is not saved: the circuit reads it again from the database.
/// </summary>
public static class PageState
{
    /// <summary>The most one saved value may take, as JSON. A page saves at most two values.</summary>
    public const int MaxBytes = 48 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>True when <paramref name="value"/> is small enough to hand to the circuit.</summary>
    public static bool Fits<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Json).Length <= MaxBytes;
}

/// <summary>One page value as saved for the circuit: the value itself when it fits <see cref="PageState.MaxBytes"/>, else null.</summary>
/// <remarks>
/// The framework reads a saved property when it persists the page and again each time the page's parameters are set,
/// so the size is measured once per value, and a null written back (a value that was not saved) leaves the page's own alone.
/// </remarks>
public sealed class SavedValue<T> where T : class
{
    private T? _measured;
    private T? _saved;

    /// <summary>What to save for <paramref name="current"/>.</summary>
    public T? Of(T? current)
    {
        if (!ReferenceEquals(current, _measured))
        {
            _measured = current;
            _saved = current is not null && PageState.Fits(current) ? current : null;
        }
        return _saved;
    }
}
