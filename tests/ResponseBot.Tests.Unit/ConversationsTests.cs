using NodaTime;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Tests.Unit;

public sealed class ConversationsTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 21, 23, 0);

    private static CaseRecord Case(long id, CaseState state, Duration ago, long? thread = null) => new()
    {
        Id = id, Mention = new Mention("acc", $"p{id}", new Author("sam", "Sam", null), "text", null, Now - ago, null),
        ReceivedAt = Now - ago, State = state, Version = 1, ThreadCaseId = thread,
    };

    [Fact]
    public void A_reply_joins_the_thread_of_the_post_it_answers_however_old()
    {
        Assert.Equal(3, Conversations.ThreadOf(Case(9, CaseState.Sent, Duration.FromDays(30), thread: 3), null, Now));
        Assert.Equal(9, Conversations.ThreadOf(Case(9, CaseState.Sent, Duration.FromDays(30)), null, Now));
    }

    [Fact]
    public void The_same_persons_next_mention_continues_while_their_last_case_is_open_or_recent()
    {
        Assert.Equal(5, Conversations.ThreadOf(null, Case(5, CaseState.Sent, Duration.FromHours(23)), Now));
        Assert.Equal(5, Conversations.ThreadOf(null, Case(5, CaseState.Notified, Duration.FromDays(3)), Now));
        Assert.Null(Conversations.ThreadOf(null, Case(5, CaseState.Sent, Duration.FromHours(25)), Now));
        Assert.Null(Conversations.ThreadOf(null, null, Now));
    }
}
