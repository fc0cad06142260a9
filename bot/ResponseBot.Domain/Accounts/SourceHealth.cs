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
