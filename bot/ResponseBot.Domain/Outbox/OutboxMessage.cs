namespace ResponseBot.Domain.Outbox;

/// <summary>One pending send, written in the same transaction as the state change that caused it.</summary>
public sealed record OutboxMessage(long Id, string Kind, long? CaseId, string? Recipient, string? Payload, int Attempts)
{
    /// <summary>Proves this worker still holds the message; changes whenever anyone claims it.</summary>
    public Guid LeaseToken { get; init; }

    /// <summary>The lane it was claimed from (see <see cref="OutboxLanes"/>).</summary>
    public string Lane { get; init; } = "";

    /// <summary>
    /// An earlier attempt ended with no outcome recorded (its instance died or lost the database while sending), so it
    /// may already have reached the platform.
    /// </summary>
    public bool OutcomeUnknown { get; init; }
}

public static class OutboxKinds
{
    public const string CaseCard = "chat.case_card";
    public const string CaseCardUpdate = "chat.case_card_update";
    public const string Text = "chat.text";
    public const string Card = "chat.card";
    /// <summary>A new calendar link, issued only as it is sent, so the secret never rests in the outbox.</summary>
    public const string CalendarLink = "chat.calendar_link";
    /// <summary>A message carrying a download link (a report's CSV), whose token is made only as it is sent.</summary>
    public const string DownloadLink = "chat.download_link";
    public const string PublishReply = "reply.publish";
    public const string HoldingReply = "reply.holding";
    /// <summary>Carry what was decided on a storm's lead (the case id) to every other member.</summary>
    public const string StormFanout = "storm.fanout";
    /// <summary>Hide or show a mention on its platform; the recipient is who asked (told if the platform refuses).</summary>
    public const string Moderate = "platform.moderate";
    /// <summary>A page beyond Teams, one per person and channel; the recipient is the staff id, the payload why.</summary>
    public const string PageEmail = "page.email";
    public const string PageSms = "page.sms";
}

/// <summary>The payload of a <see cref="OutboxKinds.Card"/> message.</summary>
public sealed record CardPayload(System.Text.Json.Nodes.JsonObject Card, string Summary);

/// <summary>Which worker pool sends a message, and the lane it queues in (one message per lane is sent at a time).</summary>
public static class OutboxLanes
{
    /// <summary>Teams sends, paced to Teams' limits.</summary>
    public const string ChatPool = "chat";
    /// <summary>Publication, moderation and paging: never waits behind a throttled Teams conversation.</summary>
    public const string OtherPool = "other";
    /// <summary>Not a pool: the wake-up for the router, sent on the same channel once new cases are stored for it.</summary>
    public const string RouterSignal = "route";

    /// <summary>
    /// A person's (or channel's) messages queue in their conversation, in order; every copy of one case's card is updated
    /// by one message at a time (so an older card can't overwrite a newer one); anything else is per case, or per person.
    /// </summary>
    public static (string Pool, string Lane) For(string kind, long? caseId, string? recipient) => kind switch
    {
        OutboxKinds.CaseCardUpdate => (ChatPool, $"case:{caseId}"),
        _ when kind.StartsWith("chat.", StringComparison.Ordinal) => (ChatPool, $"chat:{recipient ?? caseId?.ToString() ?? "-"}"),
        _ => (OtherPool, $"{kind}:{caseId?.ToString() ?? recipient ?? "-"}"),
    };
}
