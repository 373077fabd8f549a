namespace CptKb.Web.Commands;

/// <summary>What a command's exit code says, the same for every command.</summary>
public static class ExitCodes
{
    /// <summary>Done; for <c>import</c>, no file failed.</summary>
    public const int Ok = 0;

    /// <summary>The command line or a setting cannot be used; the message says which.</summary>
    public const int Usage = 1;

    /// <summary><c>import</c>: the run completed, but some files failed.</summary>
    public const int FilesFailed = 2;

    /// <summary>The run could not complete: the store cannot be used, or the folder cannot be read.</summary>
    public const int RunFailed = 3;
}
