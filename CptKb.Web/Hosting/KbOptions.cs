using CptKb.Core.Import;
using CptKb.Core.Search;
using CptKb.Core.Storage;

namespace CptKb.Web.Hosting;

/// <summary>
/// Every <c>Kb:*</c> setting, read once from configuration (appsettings.json, environment variables such as
/// <c>Kb__SeedsPath</c>, or the command line as <c>--Kb:SeedsPath=...</c>) and checked before anything starts: a value
/// that is not of its kind or out of its range stops start-up with a message naming the key (see <see cref="Read"/>).
/// </summary>
public sealed class KbOptions
{
    public const string SectionName = "Kb";

    /// <summary><c>Kb:SeedsPath</c>: the folder of publications imported at start-up; relative paths are read from the content root.</summary>
    public string SeedsPath { get; set; } = "../seeds";

    /// <summary><c>Kb:ImportOnStartup</c>: whether the app imports <see cref="SeedsPath"/> when it starts.</summary>
    public bool ImportOnStartup { get; set; } = true;

    /// <summary>
    /// <c>Kb:WatchSeeds</c>: whether the running app imports what changes in <see cref="SeedsPath"/> by itself (file
    /// events, debounced, and a full rescan every <see cref="RescanSeconds"/>).
    /// </summary>
    public bool WatchSeeds { get; set; } = true;

    /// <summary><c>Kb:RescanSeconds</c>: how often a watched <see cref="SeedsPath"/> is imported again whole, events or not.</summary>
    public int RescanSeconds { get; set; } = 300;

    /// <summary>The range of <see cref="RescanSeconds"/>.</summary>
    public const int MinRescanSeconds = 5, MaxRescanSeconds = 86_400;

    /// <summary>
    /// <c>Kb:NodeName</c>: this process's name among the nodes sharing a database, by default the machine's name and the
    /// process id. On PostgreSQL it is the connections' application name (unless the connection string sets one), so a
    /// node waiting for a lock names the node that holds it; <c>/health</c> shows it.
    /// </summary>
    public string NodeName { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>The longest <see cref="NodeName"/>: PostgreSQL keeps 63 bytes of an application name.</summary>
    public const int MaxNodeNameLength = 63;

    /// <summary><c>Kb:RateLimit:*</c>.</summary>
    public RateLimitSettings RateLimit { get; set; } = new();

    /// <summary><c>Kb:Circuits:*</c>.</summary>
    public CircuitSettings Circuits { get; set; } = new();

    /// <summary><c>Kb:Search:*</c>.</summary>
    public SearchSettings Search { get; set; } = new();

    /// <summary><c>Kb:Database:*</c>: the database engine and how long start-up waits for it.</summary>
    public KbDatabaseOptions Database { get; set; } = new();

    /// <summary><c>Kb:Import:*</c>: how far a folder is walked, and how long an import waits for another node's.</summary>
    public FolderWalkLimits Import { get; set; } = new();

    public sealed class RateLimitSettings
    {
        /// <summary><c>Kb:RateLimit:ApiPerMinute</c>: requests per minute per client address to the JSON API (search aside).</summary>
        public int ApiPerMinute { get; set; } = 600;

        /// <summary><c>Kb:RateLimit:SearchPerMinute</c>: searches per minute per client address (API and results page) and per circuit.</summary>
        public int SearchPerMinute { get; set; } = 300;
    }

    public sealed class CircuitSettings
    {
        /// <summary><c>Kb:Circuits:DisconnectedRetentionSeconds</c>: how long a reader's circuit is kept after the browser drops it.</summary>
        public int DisconnectedRetentionSeconds { get; set; } = 120;
    }

    public sealed class SearchSettings
    {
        /// <summary><c>Kb:Search:TimeBudgetMilliseconds</c>: after this long a search answers with what it has.</summary>
        public int TimeBudgetMilliseconds { get; set; } = (int)SearchLimits.DefaultTimeBudget.TotalMilliseconds;

        /// <summary><c>Kb:Search:MaxConcurrentSearches</c>: searches that read the database at once; by default one per core.</summary>
        public int MaxConcurrentSearches { get; set; } = Math.Max(1, Environment.ProcessorCount);

        /// <summary>What CptKb.Core's search takes.</summary>
        public SearchLimits ToLimits() =>
            new() { TimeBudget = TimeSpan.FromMilliseconds(TimeBudgetMilliseconds), MaxConcurrentSearches = MaxConcurrentSearches };
    }

    /// <summary>
    /// Reads and checks the <c>Kb</c> section.
    /// </summary>
    /// <exception cref="KbSettingsException">A value is not of its kind or is out of range; the message names every such key.</exception>
    public static KbOptions Read(IConfiguration configuration)
    {
        var options = new KbOptions();
        try
        {
            configuration.GetSection(SectionName).Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            // The binder names the key and the type: "Failed to convert configuration value '...' at 'Kb:X' to type 'System.Int32'."
            throw new KbSettingsException($"A setting cannot be read: {ex.Message} Fix it in appsettings.json, the environment or the command line.", ex);
        }
        var problems = options.Problems().ToList();
        if (problems.Count > 0)
            throw new KbSettingsException(string.Join(" ", problems));
        return options;
    }

    /// <summary>Each value out of its range, as a sentence naming its key.</summary>
    public IEnumerable<string> Problems()
    {
        static string AtLeast(string key, double value, double minimum) =>
            $"{key} is {value}; it must be at least {minimum}.";
        if (string.IsNullOrWhiteSpace(SeedsPath))
            yield return "Kb:SeedsPath is empty; it must name the folder of publications.";
        if (string.IsNullOrWhiteSpace(NodeName) || NodeName.Length > MaxNodeNameLength || NodeName.Any(c => c is < ' ' or > '~'))
            yield return $"Kb:NodeName is '{PrintableText.Escape(NodeName ?? "")}'; it must be 1 to {MaxNodeNameLength} printable ASCII characters (letters, digits, punctuation, spaces).";
        if (RescanSeconds is < MinRescanSeconds or > MaxRescanSeconds)
            yield return $"Kb:RescanSeconds is {RescanSeconds}; it must be from {MinRescanSeconds} to {MaxRescanSeconds} (one day).";
        if (RateLimit.ApiPerMinute < 1)
            yield return AtLeast("Kb:RateLimit:ApiPerMinute", RateLimit.ApiPerMinute, 1);
        if (RateLimit.SearchPerMinute < 1)
            yield return AtLeast("Kb:RateLimit:SearchPerMinute", RateLimit.SearchPerMinute, 1);
        if (Circuits.DisconnectedRetentionSeconds < 0)
            yield return AtLeast("Kb:Circuits:DisconnectedRetentionSeconds", Circuits.DisconnectedRetentionSeconds, 0);
        if (Search.TimeBudgetMilliseconds < 1)
            yield return AtLeast("Kb:Search:TimeBudgetMilliseconds", Search.TimeBudgetMilliseconds, 1);
        if (Search.MaxConcurrentSearches < 1)
            yield return AtLeast("Kb:Search:MaxConcurrentSearches", Search.MaxConcurrentSearches, 1);
        if (!Database.TryGetProvider(out _))
            yield return $"Kb:Database:Provider is '{Database.Provider}'; it must be {string.Join(" or ", Enum.GetNames<KbDatabaseProvider>())}.";
        if (!(Database.LockWaitSeconds >= 0))
            yield return AtLeast("Kb:Database:LockWaitSeconds", Database.LockWaitSeconds, 0);
        if (!(Database.MigrationTimeoutSeconds >= 1))
            yield return AtLeast("Kb:Database:MigrationTimeoutSeconds", Database.MigrationTimeoutSeconds, 1);
        if (Import.MaxDepth < 1)
            yield return AtLeast("Kb:Import:MaxDepth", Import.MaxDepth, 1);
        if (Import.MaxFiles < 1)
            yield return AtLeast("Kb:Import:MaxFiles", Import.MaxFiles, 1);
        if (!(Import.LockWaitSeconds is >= 0 and <= FolderWalkLimits.MaxLockWaitSeconds))
            yield return $"Kb:Import:LockWaitSeconds is {Import.LockWaitSeconds}; it must be from 0 to {FolderWalkLimits.MaxLockWaitSeconds} (one day).";
    }
}

/// <summary>A <c>Kb:*</c> setting cannot be used; the message names the key and what it must be.</summary>
public sealed class KbSettingsException(string message, Exception? innerException = null) : Exception(message, innerException);
