namespace CptKb.Tests.Hardening;

/// <summary>
/// The fault tests that start the app or the import command as processes of their own and keep the CPU busy with
/// large imports: they run one after another, so they do not starve each other or the browser tests.
/// </summary>
[CollectionDefinition(Name)]
public sealed class AppProcessesCollection
{
    public const string Name = "App processes under faults";
}
