namespace CptKb.Tests.TestSupport;

/// <summary>
/// The publications page and browser tests read: the real seed (20962, truncated), three complete ones in
/// both forms (20955, 27447, 0042T) and one without a code that fails to import.
/// </summary>
public static class FixtureCorpus
{
    public static string SeedFile => Path.Combine(AppContext.BaseDirectory, "seeds", "000_1ec41e0964c043f3.txt");

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Corpus");

    /// <summary>Copies the corpus into <paramref name="target"/>.</summary>
    public static void CopyTo(string target)
    {
        Directory.CreateDirectory(target);
        File.Copy(SeedFile, Path.Combine(target, Path.GetFileName(SeedFile)), overwrite: true);
        foreach (var file in Directory.GetFiles(Folder))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
    }
}
