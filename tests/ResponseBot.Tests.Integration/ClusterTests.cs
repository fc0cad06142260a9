using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ResponseBot.Application.Delivery;
using ResponseBot.Cards;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>
/// Three instances of the real host, each its own process, on one PostgreSQL behind a round-robin "load balancer", with a
/// Bot Connector that enforces Teams' limits. Thousands of mentions are spread across them and one instance is killed
/// (SIGKILL) half-way; what it was doing is taken over by the others. Afterwards: every acknowledged mention is exactly
/// one case, every card meant for someone reached them exactly once, every approved reply was published once, every
/// escalation timer fired once, and no conversation got more than Teams allows in any window. They run alone: three
/// hosts take both cores.
/// </summary>
[CollectionDefinition(nameof(ProcessTests), DisableParallelization = true)]
public sealed class ProcessTests;

/// <inheritdoc cref="ProcessTests"/>
[Collection(nameof(ProcessTests))]
public sealed partial class ClusterTests(PostgresFixture pg)
{
    private const int Mentions = 2400;
    private const int Distinct = 16;

    [Fact]
    public async Task Three_instances_one_killed_mid_run_lose_and_double_nothing()
    {
        var connectionString = await pg.NewDatabaseAsync();
        await RunAsync(connectionString, instances: 3, async (hosts, alive) =>
        {
            var victim = hosts[1];
            lock (alive) alive.Remove(victim);
            victim.Kill();
            await Task.CompletedTask;
        });
    }

    [Fact]
    public async Task The_database_restarted_mid_run_answers_503_meanwhile_and_loses_and_doubles_nothing()
    {
        await using var cluster = await PostgresCluster.StartAsync();
        await cluster.ExecuteAsync($"create role {PostgresFixture.OwnerRole} login; create role {PostgresFixture.AppRole} login");
        await cluster.ExecuteAsync($"create database restart owner {PostgresFixture.OwnerRole}");
        var unavailable = await RunAsync(cluster.ConnectionString("restart"), instances: 2, async (_, _) =>
        {
            await cluster.StopAsync();
            await Task.Delay(3000); // mentions keep coming: each is answered 503 with Retry-After, and resent
            await cluster.StartAgainAsync();
        }, timeout: ";Timeout=3", afterwards: async hosts =>
        {
            // Down again, and an instance is asked to stop (SIGTERM): it is gone within 10 s, scheduler and all.
            await cluster.StopAsync();
            var took = await hosts[0].StopAsync(TimeSpan.FromSeconds(30));
            Assert.True(took < TimeSpan.FromSeconds(10), $"stopped after {took}");
        });
        Assert.True(unavailable > 0, "some mentions were answered 503 while the database was down");
    }

    /// <summary>
    /// The run: staff join, mentions spread over the instances with <paramref name="fault"/> half-way, Alex approves the
    /// questions, and once everything is quiet the exactly-once checks. Returns how many requests were answered 503.
    /// </summary>
    private static async Task<int> RunAsync(string connectionString, int instances, Func<List<HostProcess>, List<HostProcess>, Task> fault, string timeout = "",
        Func<List<HostProcess>, Task>? afterwards = null)
    {
        var db = new Db(connectionString);
        await using var connector = await FakeConnector.StartAsync();
        connector.Limits = new TeamsLimits();
        await using var receiver = await FakeReplyReceiver.StartAsync(BotHost.Secret);
        var settings = BotHost.DefaultSettings(connectionString, receiver.Url);
        settings["ConnectionStrings:ResponseBot"] += timeout;
        settings["ConnectionStrings:Owner"] += timeout;
        settings["Jobs:Enabled"] = "true";
        settings["Jobs:EscalationInterval"] = "00:00:01";
        settings["Policy:AcknowledgeWithin"] = "00:00:06";
        settings["Policy:EscalationRounds"] = "1";
        settings["Policy:UndoWindow"] = "00:00:01";
        settings["Roles:Managers:0"] = "aad-adele";
        settings["Outbox:PollInterval"] = "00:00:00.250";
        settings["Bot:MaxPacingWait"] = "00:00:02"; // as in production: a send that would wait longer is rescheduled
        settings["Outbox:Lease"] = "00:00:15"; // a killed instance's messages are taken over this soon
        settings["Logging:LogLevel:ResponseBot"] = "Warning";

        // The first migrates; the others start on the migrated database.
        var hosts = new List<HostProcess> { await HostProcess.StartAsync(settings) };
        try
        {
            while (hosts.Count < instances) hosts.Add(await HostProcess.StartAsync(settings));
            var alive = hosts.ToList();
            var next = 0;
            HostProcess Any() { lock (alive) return alive[Interlocked.Increment(ref next) % alive.Count]; }

            var alex = new TeamsUser("aad-alex", "Alex Wilber", "29:alex", connector.ServiceUrl);
            var adele = new TeamsUser("aad-adele", "Adele Vance", "29:adele", connector.ServiceUrl);
            (await TeamsUser.SendAsync(Any().Http, adele.Install())).EnsureSuccessStatusCode();
            (await TeamsUser.SendAsync(Any().Http, alex.Install())).EnsureSuccessStatusCode();
            (await TeamsUser.SendAsync(Any().Http, alex.Message("on call"))).EnsureSuccessStatusCode();
            // The manager on duty is next in the escalation chain: cases Alex doesn't take up in time go to her.
            (await TeamsUser.SendAsync(Any().Http, adele.Message("on call as manager"))).EnsureSuccessStatusCode();

            // A viral incident (near-duplicates, which gather into storms) with a few questions of their own among them.
            var acknowledged = new HashSet<string>();
            var (sent, unavailable) = (0, 0);
            Task? faulted = null;
            await Parallel.ForEachAsync(Enumerable.Range(0, Mentions), new ParallelOptions { MaxDegreeOfParallelism = 12 }, async (i, _) =>
            {
                if (Interlocked.Increment(ref sent) == Mentions / 2) faulted = fault(hosts, alive);
                var id = $"m-{i}";
                var mention = SignedWebhook.Mention(id, Text(i), handle: $"resident{i}");
                // The sender's part (and the load balancer's): a request not acknowledged is sent again, to any instance.
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        var response = await SignedWebhook.PostAsync(Any().Http, mention);
                        if (response.StatusCode == HttpStatusCode.Accepted) { lock (acknowledged) acknowledged.Add(id); return; }
                        // A resend of a mention already committed (its answer lost with the killed instance, or with the
                        // connection) is answered 200 with the same case: acknowledged, not a second case. A first send never is.
                        if (response.StatusCode == HttpStatusCode.OK && attempt > 0) { lock (acknowledged) acknowledged.Add(id); return; }
                        if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt > 40)
                            throw new InvalidOperationException($"{id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                        Interlocked.Increment(ref unavailable);
                        await Task.Delay(500); // Retry-After says 5 s; shorter here, to keep the test short
                    }
                    catch (HttpRequestException) when (attempt < 40) { await Task.Delay(100); }
                }
            });
            if (faulted is not null) await faulted;
            Assert.Equal(Mentions, acknowledged.Count);

            // Every acknowledged mention is exactly one case.
            Assert.Equal(Mentions, await db.CountAsync("cases", "external_id like 'm-%'"));
            Assert.Equal(0, await db.ScalarAsync<long>("select count(*) from (select external_id from cases group by account_id, external_id having count(*) > 1) d"));

            // Alex answers the questions that reached him as cases of their own, from whichever instance his click lands on.
            var questions = await db.QueryAsync<long>("select id from cases where text like 'Question %' and storm_id is null order by id");
            Assert.Equal(Distinct, questions.Count);
            foreach (var caseId in questions)
            {
                await Eventually.TrueAsync(async () => await db.CountAsync("case_cards", "case_id = @caseId and staff_id = 'aad-alex'", new { caseId }) == 1,
                    $"case {caseId}'s card with Alex", TimeSpan.FromSeconds(90));
                var click = await TeamsUser.SendAsync(Any().Http, alex.Execute(CardVerbs.Approve, new JsonObject { [CardVerbs.CaseIdKey] = caseId }));
                click.EnsureSuccessStatusCode();
            }

            // Quiet: everything due has been sent (or given up on), the replies posted, every timer due has fired.
            await Eventually.TrueAsync(async () =>
                await db.CountAsync("outbox", "done_at is null and failed_at is null and due_at < now() + interval '30 seconds'") == 0
                && await db.CountAsync("cases", "id = any(@questions) and state = 'Sent'", new { questions = questions.ToArray() }) == Distinct
                && await db.CountAsync("escalations", "closed_at is null and due_at < now()") == 0,
                "the outbox drained, the replies sent, the timers fired", TimeSpan.FromMinutes(4), pollEvery: TimeSpan.FromSeconds(1),
                diagnostics: () => string.Join('\n', hosts.SelectMany(h => h.Output).TakeLast(40)));
            await Task.Delay(2000);

            Assert.Equal(0, await db.CountAsync("outbox", "failed_at is not null"));
            await EveryCardOnceAsync(db, connector);
            // Every approved reply published once: any resend carried the same idempotency key, so the platform posts it once.
            foreach (var caseId in questions)
                Assert.Single(receiver.Received.Where(r => r.CaseId == caseId).Select(r => r.IdempotencyKey).Distinct());
            Assert.Equal(Distinct, receiver.Received.Select(r => r.CaseId).Distinct().Count());
            // Every escalation timer fired once per step.
            Assert.Equal(0, await db.ScalarAsync<long>("""
                select count(*) from (select case_id, detail ->> 'step' from decision_log where action = 'escalated_by_timer'
                                       group by 1, 2 having count(*) > 1) d
                """));
            Assert.True(await db.CountAsync("decision_log", "action = 'escalated_by_timer'") > 0, "some timers were due and fired");
            // Teams' limits held for the deployment, not per instance.
            Assert.True(connector.Limits.Violations == 0, connector.Limits.Refusals);
            foreach (var conversation in connector.Calls.GroupBy(c => c.ConversationId))
            {
                var at = conversation.Select(c => c.At).ToList();
                Assert.True(TeamsLimits.Busiest(at, TimeSpan.FromSeconds(1)) <= 7, $"{conversation.Key}: over 7 in a second");
                Assert.True(TeamsLimits.Busiest(at, TimeSpan.FromSeconds(2)) <= 8, $"{conversation.Key}: over 8 in two seconds");
                Assert.True(TeamsLimits.Busiest(at, TimeSpan.FromSeconds(30)) <= 60, $"{conversation.Key}: over 60 in thirty seconds");
            }
            Assert.True(TeamsLimits.Busiest(connector.Calls.Select(c => c.At), TimeSpan.FromSeconds(1)) <= 50, "over 50 a second for the app");
            if (afterwards is not null) await afterwards(hosts);
            return unavailable;
        }
        finally
        {
            foreach (var h in hosts) await h.DisposeAsync();
        }
    }

    /// <summary>
    /// Each card the bot meant to post (a case card to a person, sent) reached that person's chat exactly once — except one
    /// whose sender died, or lost the database, after Teams took it and before recording so (the outbox shows its outcome
    /// was unknown): Teams takes no idempotency key, so it is posted again, the second copy saying so, and never more. A
    /// card whose case was approved before its turn came (an escalation card to the manager, held back by Teams' pacing
    /// while Alex approved) is not posted at all, and only then.
    /// </summary>
    private static async Task EveryCardOnceAsync(Db db, FakeConnector connector)
    {
        var meant = await db.QueryAsync<(long CaseId, string ConversationId, bool OutcomeUnknown, bool HandledFirst)>("""
            select o.case_id, s.conversation_id, o.outcome_unknown_at is not null,
                   exists (select 1 from decision_log d where d.case_id = o.case_id and d.action = 'approved' and d.at <= o.done_at)
              from outbox o join staff s on s.staff_id = o.recipient
             where o.kind = 'chat.case_card' and o.done_at is not null
            """);
        var posted = connector.Calls.Where(c => c.Method == "POST" && FakeConnector.IsCaseCard(c))
            .Select(c => (Card: JsonText.Of(c.Body["attachments"]![0]!["content"]), c.ConversationId))
            .Select(c => (CaseId: long.Parse(CaseNumber().Match(c.Card).Groups[1].Value), c.ConversationId, SentAgain: c.Card.Contains(DeliverCard.SentAgainNotice)))
            .ToList();
        Assert.NotEmpty(meant);
        Assert.Equal(meant.Count, meant.Select(m => (m.CaseId, m.ConversationId)).Distinct().Count());
        var wrong = new List<string>();
        foreach (var m in meant)
        {
            var copies = posted.Where(p => p.CaseId == m.CaseId && p.ConversationId == m.ConversationId).ToList();
            var fine = copies.Count == 1 || (m.OutcomeUnknown && copies.Count == 2 && copies[1].SentAgain && !copies[0].SentAgain)
                       || (copies.Count == 0 && m.HandledFirst);
            if (!fine) wrong.Add($"case {m.CaseId} to {m.ConversationId}: posted {copies.Count} (outcome unknown: {m.OutcomeUnknown}, approved first: {m.HandledFirst})");
        }
        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
        Assert.Equal(meant.Count(m => posted.Any(p => p.CaseId == m.CaseId && p.ConversationId == m.ConversationId)),
            posted.Select(p => (p.CaseId, p.ConversationId)).Distinct().Count());
    }

    [GeneratedRegex(@"Case #(\d+)")]
    private static partial Regex CaseNumber();

    private static readonly string[] Topics =
    [
        "Bins not collected on Mill Lane again this week, when will the lorry come round",
        "The library website is down and nobody can renew their books online today",
        "Roadworks on the ring road have made the morning traffic terrible for everyone",
    ];

    private static readonly string[] Words = "bins library pothole parking permit council tax school meals leisure centre streetlight graffiti noise allotment cemetery market licence flytipping playground recycling garden waste planning footpath bus shelter hedge drain".Split(' ');

    /// <summary>Every 150th a question of its own (nothing alike); the rest are one of three near-duplicate topics.</summary>
    private static string Text(int i) =>
        i % (Mentions / Distinct) == 0
            ? $"Question {i / (Mentions / Distinct)}: " + string.Join(' ', Enumerable.Range(0, 8).Select(k => Words[(i * 7 + k * 13 + k * k) % Words.Length])) + $" ref {i}"
            : $"{Topics[i % Topics.Length]} #{i % 5}";
}
