using NodaTime;

namespace ResponseBot.Domain.Cases;

/// <summary>An earlier case in the same conversation, as a card lists it.</summary>
public sealed record ConversationCase(long Id, CaseState State, Instant ReceivedAt);

/// <summary>
/// A conversation with the same person stays one thread of cases, so whoever picks up the next mention sees what was said
/// before: a mention answering one of the case's posts (the mention or our reply) joins that case's thread, and so does
/// anything else the same person says to the same account while their last case is open or recent.
/// </summary>
public static class Conversations
{
    /// <summary>How long after their last case a person's new mention still continues the conversation.</summary>
    public static readonly Duration Window = Duration.FromHours(24);

    /// <param name="answered">The case whose post this mention replies to, if any.</param>
    /// <param name="lastFromAuthor">The same author's latest earlier case on the same account, if any.</param>
    /// <returns>The first case of the thread this one continues; null when it starts one.</returns>
    public static long? ThreadOf(CaseRecord? answered, CaseRecord? lastFromAuthor, Instant now)
    {
        if (answered is not null) return answered.ThreadCaseId ?? answered.Id;
        if (lastFromAuthor is { } last && (last.State.IsOpen() || now - last.ReceivedAt <= Window)) return last.ThreadCaseId ?? last.Id;
        return null;
    }
}
