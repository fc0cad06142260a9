using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ResponseBot.Application.Cases;
using ResponseBot.Application.Ports;
using ResponseBot.Cards;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>
/// A storm: a thousand near-identical mentions in under a minute make a handful of cards, not a thousand; Teams is never sent
/// more than its per-conversation limit; one Reply to all on the storm's card posts the statement once to every mention; and
/// every mention is still a case with its own record. An emergency in the middle of it reaches the officer on its own.
/// </summary>
public sealed class StormTests(PostgresFixture pg)
{
    private const int Mentions = 1000;

    [Fact]
    public async Task A_sources_mention_is_stored_and_routed_in_the_routers_turn_so_neither_waits_on_the_others_loose_cases()
    {
        await using var s = await Scenario.StartAsync(pg);
        var uows = s.Bot.Services.GetRequiredService<IUnitOfWorkFactory>();
        await using var router = await uows.BeginAsync(CancellationToken.None);
        await router.LockRouterAsync(CancellationToken.None);

        await using var scope = s.Bot.Services.CreateAsyncScope();
        var mention = new Domain.Cases.Mention(BotHost.AccountId, "polled-1", new Domain.Cases.Author("resident1", "A Resident", null),
            "Why is Mill Lane closed again", null, NodaTime.SystemClock.Instance.GetCurrentInstant(), null);
        var ingesting = scope.ServiceProvider.GetRequiredService<IngestMention>().RunAsync(mention, CancellationToken.None);
        await Task.Delay(1000);
        Assert.False(ingesting.IsCompleted);
        Assert.Equal(0, await s.Db.CountAsync("cases", "external_id = 'polled-1'"));

        await router.CommitAsync(CancellationToken.None);
        var ingested = await ingesting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(ingested.Created);
        Assert.Equal(1, await s.Db.CountAsync("cases", $"id = {ingested.CaseId} and routed_at is not null"));
    }

    [Fact]
    public async Task Loose_cases_a_storm_is_taking_are_not_given_to_a_second_storm()
    {
        var db = new Db(await pg.NewDatabaseAsync());
        await using var source = Npgsql.NpgsqlDataSource.Create(db.ConnectionString);
        var uows = new ResponseBot.Store.UnitOfWorkFactory(source);
        var ids = new List<long>();
        foreach (var i in new[] { 1, 2, 3 })
            ids.Add(await db.ScalarAsync<long>("""
                insert into cases (account_id, external_id, author_handle, author_name, text, created_at, received_at, state)
                values ('council', @x, 'h', 'n', 'Why is Mill Lane closed again', now(), now(), 'New') returning id
                """, new { x = $"loose-{i}" }));

        // One mention's transaction takes two of them into its storm and hasn't committed yet.
        await using var first = await uows.BeginAsync(CancellationToken.None);
        Assert.Equal(ids.Take(2), await first.Storms.LockLooseAsync(ids.Take(2).ToList(), CancellationToken.None));
        var stormId = await first.Storms.StartAsync("council", ids[0], "why is mill lane closed again", ids.Take(2).ToList(), NodaTime.SystemClock.Instance.GetCurrentInstant(), CancellationToken.None);

        // Another, wanting all three, waits for it, and then finds only the one still loose.
        await using var second = await uows.BeginAsync(CancellationToken.None);
        var waiting = second.Storms.LockLooseAsync(ids, CancellationToken.None);
        await Task.Delay(500);
        Assert.False(waiting.IsCompleted);
        await first.CommitAsync(CancellationToken.None);
        Assert.Equal([ids[2]], await waiting);
        await second.CommitAsync(CancellationToken.None);
        Assert.Equal(2, await db.CountAsync("cases", "storm_id = @stormId", new { stormId }));
    }

    [Fact]
    public async Task A_thousand_near_duplicates_make_a_handful_of_cards_and_one_statement_posted_once_to_each()
    {
        await using var s = await Scenario.StartAsync(pg, c => c["Policy:UndoWindow"] = "00:00:01");
        await s.GoOnCallAsync(s.Alex);
        var openers = new[] { "", "Again! ", "Seriously, ", "@ExampleCouncil " };
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, Mentions), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var text = $"{openers[i % openers.Length]}Why is Mill Lane closed again?? Nobody told us. Sort it out #{i}";
            var response = await SignedWebhook.PostAsync(s.Bot.Http, SignedWebhook.Mention($"storm-{i}", text, handle: $"resident{i % 700}"));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        });
        var emergency = await s.MentionAsync("storm-fire", "Mill Lane is closed because there's a fire, help me, my neighbour is still inside");
        watch.Stop(); // every mention routed, too
        Assert.True(watch.Elapsed < TimeSpan.FromMinutes(1), $"{Mentions} mentions took {watch.Elapsed}");

        // Every mention is a case of its own, all but a few in one storm.
        Assert.Equal(Mentions + 1, await s.Db.CountAsync("cases"));
        var lead = await s.Db.ScalarAsync<long>("select lead_case_id from storms");
        Assert.Equal(1, await s.Db.CountAsync("storms"));
        var members = await s.Db.ScalarAsync<int>("select members from storms");
        Assert.True(members >= Mentions - 2, $"{members} in the storm");
        Assert.Equal(members, await s.Db.CountAsync("cases", "storm_id is not null"));
        Assert.Null(await s.Db.ScalarAsync<long?>("select storm_id from cases where external_id = 'storm-fire'"));
        await s.CardPostedToAsync(s.Alex, emergency);

        // A handful of cards, and the storm's card keeps count.
        await Eventually.TrueAsync(() => s.LatestCard(s.Alex, lead) is { } card && JsonText.Of(card).Contains($"STORM: {members} near-identical mentions"),
            "the storm card up to date", TimeSpan.FromSeconds(30), diagnostics: () => s.Bot.Logs.Summary());
        var cardCases = s.Connector.CaseCards().Select(c => c.Card["refresh"]?["action"]?["data"]?["caseId"]?.GetValue<long>()).Distinct().Count();
        Assert.True(cardCases <= 5, $"{cardCases} case cards");
        Assert.Equal(0, await s.Db.CountAsync("escalations", "closed_at is null and case_id in (select id from cases where storm_id is not null and not leads_storm)"));

        // Reply to all: the lead's Approve, once, is the statement for every member.
        var statement = "We know Mill Lane is closed: it is for emergency gas repairs and reopens on Friday. Updates at our website.";
        await s.ClickAsync(s.Alex, CardVerbs.SendEdited, lead, replyText: statement);
        await Eventually.TrueAsync(() => s.Receiver.Received.Count >= members, "the statement posted to every member", TimeSpan.FromMinutes(3),
            diagnostics: () => $"{s.Receiver.Received.Count} posted\n" + s.Bot.Logs.Summary());
        await Task.Delay(1000);
        var posted = s.Receiver.Received.ToList();
        Assert.Equal(members, posted.Count);
        Assert.Equal(members, posted.Select(p => p.InReplyTo).Distinct().Count());
        Assert.All(posted, p => Assert.Equal(statement, p.Text));
        Assert.DoesNotContain(posted, p => p.InReplyTo == "storm-fire");
        Assert.Equal(members, await s.Db.CountAsync("cases", "storm_id is not null and state = 'Sent'"));
        Assert.Equal(members - 1, await s.Db.CountAsync("decision_log", "action = 'storm_statement'"));

        // Teams was never sent more than its limits: 7 a second in one conversation, 50 a second in all.
        var calls = s.Connector.Calls.OrderBy(c => c.At).ToList();
        foreach (var conversation in calls.GroupBy(c => c.ConversationId))
            Assert.True(MaxInAnySecond(conversation.Select(c => c.At).ToList()) <= 7, $"conversation {conversation.Key} over 7/s");
        Assert.True(MaxInAnySecond(calls.Select(c => c.At).ToList()) <= 50, "over 50/s across the app");
    }

    private static int MaxInAnySecond(IReadOnlyList<DateTimeOffset> at)
    {
        var max = 0;
        for (int start = 0, end = 0; end < at.Count; end++)
        {
            while (at[end] - at[start] >= TimeSpan.FromSeconds(1)) start++;
            max = Math.Max(max, end - start + 1);
        }
        return max;
    }
}
