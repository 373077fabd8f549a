namespace CptKb.Core.Storage;

/// <summary>How long <see cref="KbDatabase"/> waits at start-up; hosts bind it from <see cref="SectionName"/>.</summary>
public sealed class KbDatabaseOptions
{
    /// <summary>The configuration section hosts read these settings from.</summary>
    public const string SectionName = "Kb:Database";

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
