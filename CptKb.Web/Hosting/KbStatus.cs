namespace CptKb.Web.Hosting;

/// <summary>Where the knowledge base is in its start-up: what <c>/health</c> and the pages report.</summary>
public sealed class KbStatus
{
    private volatile Snapshot _current = new(KbState.Starting, "applying database migrations");

    public Snapshot Current => _current;

    public void Set(KbState state, string message) => _current = new Snapshot(state, message);

    public sealed record Snapshot(KbState State, string Message);
}

public enum KbState
{
    /// <summary>Migrations are being applied.</summary>
    Starting,
    /// <summary>The start-up import is running; stored content is readable.</summary>
    Importing,
    /// <summary>Migrations and the start-up import are done.</summary>
    Ready,
    /// <summary>The database cannot be used; the message says why and what to do.</summary>
    Unusable,
}
