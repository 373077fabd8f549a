namespace CptKb.Web.Hosting;

/// <summary>The <c>Kb</c> configuration section.</summary>
public sealed class KbOptions
{
    public const string SectionName = "Kb";

    /// <summary>The folder of publications imported at start-up; relative paths are read from the content root.</summary>
    public string SeedsPath { get; set; } = "../seeds";

    /// <summary>Whether the app imports <see cref="SeedsPath"/> when it starts.</summary>
    public bool ImportOnStartup { get; set; } = true;
}
