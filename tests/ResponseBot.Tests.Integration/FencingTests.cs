using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ResponseBot.Cards;
using ResponseBot.Application.Cases;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Outbox;
using ResponseBot.Store;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>Several workers, expired leases and failures half-way: nothing is done twice and nothing is lost.</summary>
public sealed class FencingTests(PostgresFixture pg)
{
    [Fact]
    public async Task A_worker_whose_lease_expired_can_neither_finish_nor_give_back_the_message_someone_else_now_holds()
    {
        var db = new Db(await pg.NewDatabaseAsync());
        await using var source = NpgsqlDataSource.Create(db.ConnectionString);
        var store = new OutboxStore(source);
        await db.ScalarAsync<int>("insert into outbox (kind, created_at, due_at, lane) values ('chat.text', now(), now(), 'chat:fencing') returning 1");
        var t0 = NodaTime.SystemClock.Instance.GetCurrentInstant();

        var a = Assert.Single(await store.ClaimDueAsync(OutboxLanes.ChatPool, t0, 10, TimeSpan.FromSeconds(1), CancellationToken.None));
        Assert.Empty(await store.ClaimDueAsync(OutboxLanes.ChatPool, t0, 10, TimeSpan.FromSeconds(1), CancellationToken.None)); // still A's
        // Leases run out by the database's clock, whatever the claimer says the time is.
        Assert.Empty(await store.ClaimDueAsync(OutboxLanes.ChatPool, t0.Plus(NodaTime.Duration.FromHours(1)), 10, TimeSpan.FromSeconds(1), CancellationToken.None));
        await Task.Delay(1200);
        var b = Assert.Single(await store.ClaimDueAsync(OutboxLanes.ChatPool, t0, 10, TimeSpan.FromMinutes(5), CancellationToken.None)); // A's lease ran out
        Assert.NotEqual(a.LeaseToken, b.LeaseToken);
        Assert.Equal(2, b.Attempts);
        Assert.False(a.OutcomeUnknown);
        Assert.True(b.OutcomeUnknown);   // A never said how its send went: it may have reached the platform

        await store.CompleteAsync(a, t0.AddSeconds(3), CancellationToken.None);
        await store.FailAsync(a, t0.AddSeconds(3), "late", CancellationToken.None);
        await store.ReleaseAsync(a, CancellationToken.None);
        await store.DeferAsync(a, t0.AddSeconds(3), "late", CancellationToken.None);
        Assert.Equal(1, await db.CountAsync("outbox", "done_at is null and failed_at is null and leased_until > now() and attempts = 2"));

        // B gives it back (it is stopping): due at once for anyone, the attempt not counted.
        await store.ReleaseAsync(b, CancellationToken.None);
        var c = Assert.Single(await store.ClaimDueAsync(OutboxLanes.ChatPool, t0, 10, TimeSpan.FromMinutes(5), CancellationToken.None));
        Assert.Equal(2, c.Attempts);
        Assert.True(c.OutcomeUnknown);   // still: A's attempt is the one in doubt, whatever B did

        // A message given back or retried with its outcome recorded is never in doubt.
        await db.ScalarAsync<int>("insert into outbox (kind, created_at, due_at, lane) values ('chat.text', now(), @t0, 'chat:fencing-2') returning 1", new { t0 });
        var d = Assert.Single(await store.ClaimDueAsync(OutboxLanes.ChatPool, t0, 10, TimeSpan.FromMinutes(5), CancellationToken.None));
        await store.RescheduleAsync(d, t0, "429", CancellationToken.None);
        var e = Assert.Single(await store.ClaimDueAsync(OutboxLanes.ChatPool, t0, 10, TimeSpan.FromMinutes(5), CancellationToken.None));
        await store.ReleaseAsync(e, CancellationToken.None);
        var f = Assert.Single(await store.ClaimDueAsync(OutboxLanes.ChatPool, t0, 10, TimeSpan.FromMinutes(5), CancellationToken.None));
        Assert.False(d.OutcomeUnknown || e.OutcomeUnknown || f.OutcomeUnknown);
        await store.CompleteAsync(f, t0.AddSeconds(4), CancellationToken.None);
        await store.CompleteAsync(c, t0.AddSeconds(4), CancellationToken.None);
        Assert.Equal(2, await db.CountAsync("outbox", "done_at is not null"));
    }

    [Fact]
    public async Task A_card_whose_first_send_ended_with_no_outcome_is_posted_again_saying_so()
    {
        await using var s = await Scenario.StartAsync(pg);
        (await s.SendAsync(s.Alex.Install())).EnsureSuccessStatusCode();
        var caseId = await s.MentionAsync("unknown-1", "Is the tip open on Sunday?");   // nobody on call: no card yet
        // As a dead instance leaves it: claimed once, its lease run out, no outcome recorded.
        var (pool, lane) = OutboxLanes.For(OutboxKinds.CaseCard, caseId, "aad-alex");
        await s.Db.ScalarAsync<int>("""
            insert into outbox (kind, case_id, recipient, created_at, due_at, pool, lane, attempts, leased_until, lease_token)
            values (@kind, @caseId, 'aad-alex', now(), now(), @pool, @lane, 1, now() - interval '1 second', gen_random_uuid()) returning 1
            """, new { kind = OutboxKinds.CaseCard, caseId, pool, lane });

        await s.CardPostedToAsync(s.Alex, caseId);
        var card = Assert.Single(s.Connector.CaseCards(), c => c.Call.ConversationId == s.Alex.ConversationId).Card;
        Assert.Contains(ResponseBot.Application.Delivery.DeliverCard.SentAgainNotice, card.ToJsonString());
        Assert.Equal(1, await s.Db.CountAsync("outbox", "case_id = @caseId and kind = @kind and done_at is not null and outcome_unknown_at is not null and attempts = 2",
            new { caseId, kind = OutboxKinds.CaseCard }));
    }

    [Fact]
    public async Task Only_the_outbox_message_that_moved_a_case_to_Publishing_may_post_it()
    {
        var db = new Db(await pg.NewDatabaseAsync());
        await using var source = NpgsqlDataSource.Create(db.ConnectionString);
        var cases = new PublishReply(new UnitOfWorkFactory(source), new NoAccounts(), [], TestMetrics.Create(), TimeProvider.System, NullLogger<PublishReply>.Instance);
        var caseId = await db.ScalarAsync<long>("""
            insert into cases (account_id, external_id, author_handle, author_name, text, created_at, received_at, state, reply_text, scheduled_for)
            values ('council', 'x', 'h', 'n', 't', now(), now(), 'Scheduled', 'reply', now() - interval '1 second') returning id
            """);

        Assert.NotNull(await cases.TryBeginPublishAsync(caseId, outboxId: 7, NodaTime.SystemClock.Instance.GetCurrentInstant(), CancellationToken.None));
        // The same message retrying after a transient failure may post again (the receiver dedupes on Idempotency-Key)...
        Assert.NotNull(await cases.TryBeginPublishAsync(caseId, outboxId: 7, NodaTime.SystemClock.Instance.GetCurrentInstant(), CancellationToken.None));
        // ...any other message may not.
        Assert.Null(await cases.TryBeginPublishAsync(caseId, outboxId: 8, NodaTime.SystemClock.Instance.GetCurrentInstant(), CancellationToken.None));
        Assert.Equal(1, await db.CountAsync("decision_log", "action = 'publishing'"));
    }

    [Fact]
    public async Task An_activity_whose_handling_failed_is_processed_when_the_channel_retries_it()
    {
        await using var s = await Scenario.StartAsync(pg);
        (await s.SendAsync(s.Alex.Install())).EnsureSuccessStatusCode();
        var onCall = s.Alex.Message("on call");

        await s.Db.ScalarAsync<int>("alter table on_call rename to on_call_away; select 1");   // the database blips
        var failed = await s.SendAsync(onCall);
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.DoesNotContain("Exception", await failed.Content.ReadAsStringAsync());
        await s.Db.ScalarAsync<int>("alter table on_call_away rename to on_call; select 1");

        (await s.SendAsync(onCall)).EnsureSuccessStatusCode();                                   // Teams retries the same id
        Assert.Equal(1, await s.Db.CountAsync("on_call", "staff_id = 'aad-alex' and ended_at is null"));
    }

    [Fact]
    public async Task A_mention_sent_with_the_account_id_in_other_letter_case_is_the_same_case()
    {
        await using var s = await Scenario.StartAsync(pg);
        var first = await SignedWebhook.PostAsync(s.Bot.Http, SignedWebhook.Mention("case-x", "hello", account: "COUNCIL"));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, first.StatusCode);
        var second = await SignedWebhook.PostAsync(s.Bot.Http, SignedWebhook.Mention("case-x", "hello", account: "council"));
        Assert.Equal(System.Net.HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("council", await s.Db.ScalarAsync<string>("select account_id from cases"));
    }

    // Beginning to publish reads no account: that is for the post itself.
    private sealed class NoAccounts : IAccountDirectory
    {
        public ResponseBot.Domain.Accounts.Account? Find(string accountId) => null;

        public IReadOnlyList<string> Ids => [];
    }
}
