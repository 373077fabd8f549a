using CptKb.Bench.Load;
using CptKb.Bench.Pages;

namespace CptKb.Bench;

/// <summary>The benchmark's entry point (named so it does not clash with the web app's Program in the tests).</summary>
internal static class BenchMain
{
    public static async Task<int> Main(string[] args)
    {
        if (args is [StaticFileHost.Verb, var folder, var port])
        {
            await StaticFileHost.ServeAsync(folder, int.Parse(port, System.Globalization.CultureInfo.InvariantCulture));
            return 0;
        }

        if (args is [LoadTest.Verb, ..])
            return await LoadTest.RunAsync(args[1..], Console.Out);

        var options = BenchOptions.Parse(args, out var error);
        if (options is null)
        {
            Console.Error.WriteLine(error);
            return 2;
        }
        await BenchProgram.RunAsync(options, Console.Out);
        return 0;
    }
}
