namespace CptKb.Web.Commands;

/// <summary>
/// The app's command line: a command as the first word runs it and exits; no command starts the web server. A first word
/// that is neither a command nor a setting (<c>--Key=value</c>, <c>Key=value</c>) is refused with the list of commands,
/// rather than starting the server by mistake.
/// </summary>
public static class CommandLine
{
    private static readonly (string Name, string Summary, Func<string[], TextWriter, Task<int>> Run)[] Commands =
    [
        ("import", "import [--source DIR]   import a folder of publications (default: Kb:SeedsPath)", (args, output) => ImportCommand.RunAsync(args, output)),
        ("sample", "sample [--count N] [--out DIR]\n                          write a generated sample of N publications (default 300) and import it\n  sample remove [--out DIR]\n                          remove the generated sample's articles and files", (args, output) => SampleCommand.RunAsync(args, output)),
        ("reindex", "reindex                 rebuild every article's rows and the search index from the stored revisions", (args, output) => ReindexCommand.RunAsync(args, output)),
    ];

    /// <summary>The usage text: the commands, and what no command does.</summary>
    public static string Usage =>
        "usage: dotnet run --project CptKb.Web -- [command] [--Setting=value ...]\n" +
        "with no command, the web app starts (and imports Kb:SeedsPath). Commands:\n" +
        string.Join("\n", Commands.Select(c => "  " + c.Summary)) + "\n" +
        "  help                    show this";

    /// <summary>Runs the command the arguments name and returns its exit code; null when they name none, so the server starts.</summary>
    public static async Task<int?> RunAsync(string[] args, TextWriter? output = null)
    {
        output ??= Console.Out;
        if (args.Length == 0 || args[0].StartsWith('-') || args[0].Contains('='))
            return null;
        var word = args[0];
        if (word is "help" or "/?")
        {
            await output.WriteLineAsync(Usage);
            return ExitCodes.Ok;
        }
        foreach (var command in Commands)
        {
            if (string.Equals(command.Name, word, StringComparison.Ordinal))
                return await command.Run(args, output);
        }
        var near = Commands.Select(c => c.Name).FirstOrDefault(c => string.Equals(c, word, StringComparison.OrdinalIgnoreCase) || Near(c, word));
        await output.WriteLineAsync($"error: '{Import.PrintableTextOf(word)}' is not a command{(near is null ? "" : $" (did you mean '{near}'?)")}.");
        await output.WriteLineAsync(Usage);
        return ExitCodes.Usage;
    }

    // A mistyped command: the same letters in another order, or one letter apart.
    private static bool Near(string command, string word) =>
        string.Concat(command.Order()) == string.Concat(word.ToLowerInvariant().Order())
        || (Math.Abs(command.Length - word.Length) <= 1 && command.Zip(word.ToLowerInvariant()).Count(p => p.First != p.Second) <= 1);

    private static class Import
    {
        public static string PrintableTextOf(string text) => Core.Import.PrintableText.Escape(text.Length <= 60 ? text : text[..60] + "…");
    }
}
