using CptKb.Bench;
using CptKb.Bench.Pages;

if (args is [StaticFileHost.Verb, var folder, var port])
{
    await StaticFileHost.ServeAsync(folder, int.Parse(port, System.Globalization.CultureInfo.InvariantCulture));
    return 0;
}

var options = BenchOptions.Parse(args, out var error);
if (options is null)
{
    Console.Error.WriteLine(error);
    return 2;
}
await BenchProgram.RunAsync(options, Console.Out);
return 0;
