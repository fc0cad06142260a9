namespace ResponseBot.Host.Cli;

/// <summary>
/// <c>--name value</c> pairs after a CLI verb, checked against the names the verb knows; whatever is left (configuration
/// overrides such as <c>--ConnectionStrings:ResponseBot=…</c>) goes to the host's configuration.
/// </summary>
public sealed record CliOptions(IReadOnlyDictionary<string, string> Values, string[] Rest, string? Error)
{
    public static CliOptions Parse(string[] args, params string[] names)
    {
        var values = new Dictionary<string, string>();
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (names.Contains(args[i]))
            {
                if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    return new CliOptions(values, [], $"{args[i]} needs a value");
                values[args[i]] = args[++i];
                continue;
            }
            // Anything else must be configuration (--Section:Key=value, --environment …): a mistyped option such as
            // --acount would otherwise be ignored, and an export meant for one account would hold every account's cases.
            var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..].Split('=')[0] : null;
            if (name is null || !(name.Contains(':') || name.Equals("environment", StringComparison.OrdinalIgnoreCase) || name.Equals("urls", StringComparison.OrdinalIgnoreCase)))
                return new CliOptions(values, [], $"unknown option {args[i]}");
            rest.Add(args[i]);
            if (!args[i].Contains('=') && i + 1 < args.Length) rest.Add(args[++i]);
        }
        return new CliOptions(values, [.. rest], null);
    }

    public string? this[string name] => Values.GetValueOrDefault(name);

    /// <summary>Writes to the file named by --out, or to standard output.</summary>
    public async Task WriteAsync(string text, TextWriter output)
    {
        if (this["--out"] is { } path) await File.WriteAllTextAsync(path, text);
        else await output.WriteAsync(text);
    }
}
