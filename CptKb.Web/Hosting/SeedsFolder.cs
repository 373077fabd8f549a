namespace CptKb.Web.Hosting;

/// <summary>The seeds folder (<c>Kb:SeedsPath</c>) as a full path, for the pages that tell the reader where publications go.</summary>
public sealed record SeedsFolder(string FullPath);
