namespace ResponseBot.Domain.Triage;

/// <summary>What triage needs besides its rules: the journalists' accounts and how much Welsh makes a mention Welsh.</summary>
public sealed record TriageSettings
{
    public static readonly TriageSettings Default = new();

    /// <summary>Journalists' handles, keyed by one of our account ids or a platform's name ("X", "Bluesky"); "*" for any.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> MediaAccounts { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    public int WelshMinWords { get; init; } = 2;
    public double WelshMinShare { get; init; } = 0.4;

    public bool IsMediaAccount(TriageInput input)
    {
        if (input.AuthorHandle is not { Length: > 0 } author) return false;
        var handle = Plain(author);
        return MediaAccounts.Where(e => e.Key == "*" || string.Equals(e.Key, input.AccountId, StringComparison.OrdinalIgnoreCase)
                                        || string.Equals(e.Key, input.PlatformName, StringComparison.OrdinalIgnoreCase))
            .Any(e => e.Value.Any(h => Plain(h) == handle));
    }

    private static string Plain(string handle) => handle.Trim().TrimStart('@').ToLowerInvariant();
}
