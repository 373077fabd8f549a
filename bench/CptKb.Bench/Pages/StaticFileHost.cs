using System.Diagnostics;
using System.Reflection;
using CptKb.Bench.Harness;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace CptKb.Bench.Pages;

/// <summary>
/// The pages bench's limit: the same bytes as CptKb's responses, served as static files by Kestrel's static file
/// middleware in a separate process (this program with <c>serve-static DIR PORT</c>), with the same GC mode as the app.
/// </summary>
internal sealed class StaticFileHost : IAsyncDisposable
{
    public const string Verb = "serve-static";

    private readonly Process process;

    private StaticFileHost(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Starts a host for the files in <paramref name="folder"/> and waits until it answers.</summary>
    public static async Task<StaticFileHost> StartAsync(string folder, string probeFile)
    {
        var bench = typeof(StaticFileHost).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "CptKb.Bench.Path").Value
            ?? throw new InvalidOperationException("The bench was built without the CptKb.Bench.Path metadata.");
        var port = WebAppProcess.FreePort();
        // Its output is drained here, never left to reach the console of whoever runs the bench (a test host reads an
        // "error" line there as its own), and it runs in the folder it serves rather than wherever the caller stands.
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { bench, Verb, folder, port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
        // CptKb.Web runs with server GC (the Web SDK's default), so the static host does too.
        start.Environment["DOTNET_gcServer"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started");
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) output.Enqueue(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) output.Enqueue(line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new StaticFileHost(process, new Uri($"http://127.0.0.1:{port}/"));
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        for (var i = 0; ; i++)
        {
            try
            {
                using var response = await http.GetAsync(probeFile);
                if (response.IsSuccessStatusCode)
                    return host;
            }
            catch (HttpRequestException) when (i < 100 && !process.HasExited)
            {
            }
            catch (HttpRequestException failure)
            {
                await ChildProcess.StopAsync(process);
                throw new InvalidOperationException($"The static file host did not answer:\n{string.Join('\n', output.TakeLast(40))}", failure);
            }
            await Task.Delay(100);
        }
    }

    /// <summary>The child process's body: serve <paramref name="folder"/> on 127.0.0.1 until killed.</summary>
    public static async Task ServeAsync(string folder, int port)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = folder, WebRootPath = folder });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(folder), ServeUnknownFileTypes = true });
        await app.RunAsync();
    }

    public async ValueTask DisposeAsync() => await ChildProcess.StopAsync(process);
}
