using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace CptKb.Tests.TestSupport;

/// <summary>
/// CptKb.Web's build output run as its own <c>dotnet</c> process (the server or a command), with everything it
/// writes to the console collected as its log.
/// </summary>
public sealed class KbProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private KbProcess(Process process) => _process = process;

    public string Log
    {
        get
        {
            lock (_log)
                return _log.ToString();
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// Starts <c>dotnet CptKb.Web.dll</c> with <paramref name="arguments"/> in the Production environment.
    /// With <paramref name="fileModesApply"/>, a process of root runs without the capabilities that let root read and write
    /// any file whatever its mode (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), so <c>chmod</c> limits it as it would anyone else.
    /// </summary>
    public static KbProcess Start(IEnumerable<string> arguments, bool fileModesApply = false) =>
        Start(WebOutputFolder(), "CptKb.Web.dll", arguments, fileModesApply);

    /// <summary>Starts <c>dotnet CptKb.Proxy.dll</c> with <paramref name="arguments"/> in the Production environment.</summary>
    public static KbProcess StartProxy(IEnumerable<string> arguments) =>
        Start(OutputFolder("CptKb.Proxy"), "CptKb.Proxy.dll", arguments, fileModesApply: false);

    private static KbProcess Start(string webOutput, string dll, IEnumerable<string> arguments, bool fileModesApply)
    {
        var dropRootsFileOverride = fileModesApply && Environment.UserName == "root";
        var start = new ProcessStartInfo(dropRootsFileOverride ? "setpriv" : "dotnet")
        {
            WorkingDirectory = webOutput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (dropRootsFileOverride)
        {
            foreach (var arg in new[] { "--inh-caps=-dac_override,-dac_read_search", "--bounding-set=-dac_override,-dac_read_search", "dotnet" })
                start.ArgumentList.Add(arg);
        }
        start.ArgumentList.Add(Path.Combine(webOutput, dll));
        foreach (var arg in arguments)
            start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_NOLOGO"] = "1";

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started");
        var result = new KbProcess(process);
        process.OutputDataReceived += (_, e) => result.Append(e.Data);
        process.ErrorDataReceived += (_, e) => result.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_log)
            _log.AppendLine(line);
    }

    /// <summary>Waits until a line of the log matches, and returns it; fails when the process exits or the time is up first.</summary>
    public async Task<string> WaitForLogAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var line = Log.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(match);
            if (line is not null)
                return line;
            if (_process.HasExited)
                throw new InvalidOperationException($"The process exited with code {_process.ExitCode} before the awaited line:\n{Log}");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The awaited line did not come within {timeout}:\n{Log}");
            await Task.Delay(20);
        }
    }

    /// <summary>Waits for the process to exit by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    /// <summary>
    /// Asks the process to stop (SIGTERM, as a service manager would) and waits until it has exited and all it wrote
    /// has been read, so <see cref="Log"/> is complete.
    /// </summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        const int sigterm = 15;
        if (!_process.HasExited && Kill(_process.Id, sigterm) != 0)
            throw new InvalidOperationException($"SIGTERM could not be sent to process {_process.Id}: errno {Marshal.GetLastPInvokeError()}");
        await WaitForExitAsync(timeout);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    /// <summary>Ends the process at once: SIGKILL on Linux, so nothing of its own runs on the way out.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited)
            return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>CptKb.Web's own build output (same configuration as the tests), where its static web assets manifest lives.</summary>
    internal static string WebOutputFolder() => OutputFolder("CptKb.Web");

    /// <summary>A project's build output beside the tests' (same configuration and framework).</summary>
    internal static string OutputFolder(string project)
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = testOutput.Name;
        var configuration = testOutput.Parent?.Name ?? "Debug";
        var dir = testOutput;
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CptKb.sln")))
            dir = dir.Parent;
        if (dir is null)
            throw new InvalidOperationException("CptKb.sln not found above " + AppContext.BaseDirectory);
        var folder = Path.Combine(dir.FullName, project, "bin", configuration, framework);
        if (!File.Exists(Path.Combine(folder, project + ".dll")))
            throw new InvalidOperationException($"{project} is not built at {folder}");
        return folder;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
