using System.Net;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>
/// A conversation with the same person stays one thread of cases: their next mention, or a reply to one of the thread's posts,
/// joins the first case's thread and its card lists the others, so whoever picks it up sees what was said before.
/// </summary>
public sealed class ConversationThreadTests(PostgresFixture pg)
{
    [Fact]
    public async Task The_same_persons_next_mention_and_a_reply_in_the_thread_join_it_and_their_cards_say_so()
    {
        await using var s = await Scenario.StartAsync(pg);
        await s.GoOnCallAsync(s.Alex);
        var first = await s.MentionAsync("t-1", "The bins on Elm Road weren't collected");
        var again = await s.MentionAsync("t-2", "Still nothing, it's starting to smell", handle: "resident42");
        var other = await s.MentionAsync("t-3", "Is the tip open on Sunday?", handle: "someone_else");
        var joined = SignedWebhook.Mention("t-4", "Same on Oak Lane", handle: "neighbour");
        joined["inReplyTo"] = "t-1";                                                   // a neighbour answers the first post
        var response = await SignedWebhook.PostAsync(s.Bot.Http, joined);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var reply = await SignedWebhook.CaseIdAsync(response);
        await s.RoutedAsync();

        Assert.Null(await s.Db.ScalarAsync<long?>("select thread_case_id from cases where id = @first", new { first }));
        Assert.Equal(first, await s.Db.ScalarAsync<long?>("select thread_case_id from cases where id = @again", new { again }));
        Assert.Null(await s.Db.ScalarAsync<long?>("select thread_case_id from cases where id = @other", new { other }));
        Assert.Equal(first, await s.Db.ScalarAsync<long?>("select thread_case_id from cases where id = @reply", new { reply }));

        await s.CardPostedToAsync(s.Alex, reply);
        Assert.Contains($"Same conversation: case #{again} (open) · case #{first} (open)", JsonText.Of(s.LatestCard(s.Alex, reply)));
        await s.CardPostedToAsync(s.Alex, other);
        Assert.DoesNotContain("Same conversation", JsonText.Of(s.LatestCard(s.Alex, other)));
        Assert.Equal(first, await s.Db.ScalarAsync<long>(
            "select (detail::jsonb ->> 'thread')::bigint from decision_log where case_id = @again and action = 'joined_thread'", new { again }));
        Assert.Equal(0, await s.Db.CountAsync("decision_log", "case_id = @other and action = 'joined_thread'", new { other }));
    }
}
