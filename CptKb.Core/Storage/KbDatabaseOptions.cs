namespace CptKb.Core.Storage;

/// <summary>Which database engine, and how long <see cref="KbDatabase"/> waits at start-up; hosts bind it from <see cref="SectionName"/>.</summary>
public sealed class KbDatabaseOptions
{
    /// <summary>The configuration section hosts read these settings from.</summary>
    public const string SectionName = "Kb:Database";

    /// <summary>
    /// The engine's name (<c>Kb:Database:Provider</c>): <c>Sqlite</c> (the default) or <c>PostgreSQL</c>, in any case.
    /// See <see cref="TryGetProvider"/>.
    /// </summary>
    public string Provider { get; set; } = nameof(KbDatabaseProvider.Sqlite);

    /// <summary>The engine <see cref="Provider"/> names; false when it names none.</summary>
    public bool TryGetProvider(out KbDatabaseProvider provider) =>
        Enum.TryParse(Provider?.Trim(), ignoreCase: true, out provider) && Enum.IsDefined(provider) && !int.TryParse(Provider, out _);

    /// <summary>
    /// Seconds to wait for another CptKb process that is applying migrations to the same database file before giving up
    /// with a message (<c>Kb:Database:LockWaitSeconds</c>).
    /// </summary>
    public double LockWaitSeconds { get; set; } = 30;

    /// <summary>
    /// Seconds applying the migrations may take before start-up stops with a message rather than waiting on
    /// (<c>Kb:Database:MigrationTimeoutSeconds</c>).
    /// </summary>
    public double MigrationTimeoutSeconds { get; set; } = 300;
}
