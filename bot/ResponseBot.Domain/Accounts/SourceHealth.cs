namespace ResponseBot.Domain.Accounts;

/// <summary>
/// When a failing source is worth waking people for, and what they are told. A refused login or token is raised at once (it
/// won't mend itself, and every mention meanwhile waits); a flaky platform only after several failures in a row.
/// </summary>
public static class SourceHealth
{
    public const int TransientFailuresBeforeAlarm = 3;

    public static bool ShouldAlarm(DeliveryFailure failure, int failuresInARow, bool alreadyAlarmed) =>
        !alreadyAlarmed && (failure != DeliveryFailure.Transient || failuresInARow >= TransientFailuresBeforeAlarm);

    public static string Alarm(Account account, string reason, int failuresInARow) =>
        $"Mentions of {account.PostedAs} are not coming in: {reason}" +
        (failuresInARow > 1 ? $" ({failuresInARow} failures in a row)" : "") +
        ". Nothing is lost while it is down: they are fetched when it works again. If the account's password or token has changed, " +
        "an administrator must update it.";

    public static string AllClear(Account account) =>
        $"Mentions of {account.PostedAs} are coming in again; any that arrived while it was down are being fetched now.";
}

/// <summary>What to do about a source that may have gone quiet.</summary>
public enum SilenceCall { Nothing, Alarm, AllClear }

/// <summary>
/// A source that stops delivering without failing (a webhook subscription quietly removed, a token that only reads an empty
/// list) shows only as silence. An account with a threshold whose last mention (or, before any, when it was first watched)
/// is older than that is raised once; the all-clear comes with the next mention.
/// </summary>
public static class SourceSilence
{
    public static SilenceCall Decide(NodaTime.Duration? silentAfter, NodaTime.Instant? lastMention, NodaTime.Instant watchedSince, bool alarmed,
        NodaTime.Instant now)
    {
        if (silentAfter is not { } threshold) return alarmed ? SilenceCall.AllClear : SilenceCall.Nothing;
        var quietSince = lastMention ?? watchedSince;
        if (alarmed) return lastMention is { } last && now - last < threshold ? SilenceCall.AllClear : SilenceCall.Nothing;
        return now - quietSince >= threshold ? SilenceCall.Alarm : SilenceCall.Nothing;
    }

    public static string Alarm(Account account, NodaTime.Instant? lastMention, string quietFor) =>
        $"No mentions of {account.PostedAs} for {quietFor}" + (lastMention is null ? " (none since it was set up)" : "") +
        ". That may be a quiet night, or the connection may have stopped delivering without an error: check the account on the platform " +
        "and its webhook or token. You will hear when mentions arrive again.";

    public static string AllClear(Account account) => $"Mentions of {account.PostedAs} are arriving again.";
}
