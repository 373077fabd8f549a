using System.Diagnostics;

namespace CptKb.Bench.Harness;

/// <summary>Runs a program to its end and returns its exit code and what it printed (127 when it cannot be started).</summary>
internal static class ChildProcess
{
    public static async Task<(int Code, string Output, string Error)> RunAsync(
        string program, IEnumerable<string> arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingDirectory is not null)
            start.WorkingDirectory = workingDirectory;
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        Process? started;
        try
        {
            started = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            // A missing tool is reported like a failed run, so a peer that cannot run becomes a note, not a crash.
            return (127, "", $"{program} could not be started: {ex.Message}");
        }
        using var process = started ?? throw new InvalidOperationException($"{program} could not be started");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Runs a command line through /bin/sh.</summary>
    public static Task<(int Code, string Output, string Error)> ShellAsync(string command) => RunAsync("/bin/sh", ["-c", command]);

    /// <summary>Ends a server this program started (and its children), and waits for it to be gone.</summary>
    public static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
