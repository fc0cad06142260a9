using Microsoft.AspNetCore.Http;
using ResponseBot.Cards;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>
/// Paging beyond Teams through the real host: a real SMTP server (smtp-server, run with Node) and a local gateway speaking
/// Twilio's Messages API, the real escalation job, and a clock the test moves. Staff register their own contacts in chat.
/// </summary>
public sealed class PagingTests(PostgresFixture pg)
{
    // Tuesday 24 November 2026, 22:00 in London: inside the night's out-of-hours window.
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 11, 24, 22, 0, 0, TimeSpan.Zero), flows: true);

    private const string Emergency =
        "Help me, someone is breaking in downstairs at the flats on Mill Lane right now, see https://evil.example.com/phish or www.scam.example.org";

    private const string MeganEmail = "megan@council.example.gov.uk";
    private const string MeganMobile = "+447700900123";

    /// <summary>The bot with its SMTP server and SMS gateway, stopped together.</summary>
    private sealed record Rig(Scenario S, SmtpSink Smtp, FakeSmsGateway Sms) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await S.DisposeAsync();
            await Smtp.DisposeAsync();
            await Sms.DisposeAsync();
        }
    }

    private async Task<Rig> StartAsync(int smtpFailures = 0, Action<Dictionary<string, string?>>? more = null)
    {
        var smtp = await SmtpSink.StartAsync("responsebot", "smtp-password-0123", failFirst: smtpFailures);
        var sms = await FakeSmsGateway.StartAsync();
        var s = await Scenario.StartAsync(pg, settings =>
        {
            settings["Jobs:Enabled"] = "true";
            settings["Jobs:EscalationInterval"] = "00:00:00.500";
            settings["Rota:Layers:Primary:Participants:0"] = "aad-alex";
            settings["Rota:Layers:Secondary:Participants:0"] = "aad-megan";
            settings["Rota:Layers:Manager:Participants:0"] = "aad-mia";
            settings["Roles:Managers:0"] = "aad-adele";
            settings["Policy:AcknowledgeWithin"] = "00:15:00";
            settings["Policy:ApproveWithin"] = "00:10:00";
            settings["Policy:EscalationRounds"] = "2";
            settings["Paging:From"] = "ResponseBot <responsebot@council.example.gov.uk>";
            settings["Paging:Smtp:Host"] = "127.0.0.1";
            settings["Paging:Smtp:Port"] = smtp.Port.ToString();
            settings["Paging:Smtp:Security"] = "None";
            settings["Paging:Smtp:User"] = "responsebot";
            settings["Paging:Smtp:Password"] = "smtp-password-0123";
            settings["Paging:Sms:AccountSid"] = FakeSmsGateway.AccountSid;
            settings["Paging:Sms:AuthToken"] = FakeSmsGateway.AuthToken;
            settings["Paging:Sms:From"] = FakeSmsGateway.From;
            settings["Paging:Sms:BaseUrl"] = sms.BaseUrl.ToString();
            more?.Invoke(settings);
        }, _time);
        return new Rig(s, smtp, sms);
    }

    private static TeamsUser Mia(Scenario s) => new("aad-mia", "Mia Manager", "29:mia", s.Connector.ServiceUrl);
    private static TeamsUser Adele(Scenario s) => new("aad-adele", "Adele Vance", "29:adele", s.Connector.ServiceUrl);

    private static async Task SayAsync(Scenario s, TeamsUser user, string text, string expectReplyStart)
    {
        var before = s.TextsTo(user).Count();
        (await s.SendAsync(user.Message(text))).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(() => s.TextsTo(user).Skip(before).Any(t => t.StartsWith(expectReplyStart, StringComparison.Ordinal)),
            $"{user.Name} told \"{expectReplyStart}…\" after \"{text}\"", diagnostics: () => string.Join("\n", s.TextsTo(user).Skip(before)));
    }

    private static async Task InstallAsync(Scenario s, params TeamsUser[] users)
    {
        foreach (var u in users) (await s.SendAsync(u.Install())).EnsureSuccessStatusCode();
    }

    /// <summary>Alex (primary) and Megan (secondary) have the app; Megan registers an e-mail address and a mobile.</summary>
    private static async Task RegisterMeganAsync(Scenario s)
    {
        await InstallAsync(s, s.Alex, s.Megan);
        await SayAsync(s, s.Megan, $"contact email {MeganEmail}", "Saved");
        await SayAsync(s, s.Megan, "contact mobile 07700 900123", "Saved");
    }

    private static async Task WaitForEscalationPollsAsync() => await Task.Delay(2000);

    [Fact]
    public async Task An_emergency_nobody_acknowledges_pages_by_email_and_sms_exactly_once_through_retries()
    {
        await using var rig = await StartAsync(smtpFailures: 1);
        var (s, smtp, sms) = rig;
        // The gateway is down for the first text: the outbox retries it, and the e-mail (already sent) is not repeated.
        var failed = 0;
        sms.Fault = _ => Interlocked.Increment(ref failed) == 1 ? FakeSmsGateway.Error(503, 20503, "Service Unavailable") : null;
        await RegisterMeganAsync(s);

        var caseId = await s.MentionAsync("page-1", Emergency);
        await s.CardPostedToAsync(s.Alex, caseId);
        _time.Advance(TimeSpan.FromMinutes(4));
        await WaitForEscalationPollsAsync();
        Assert.Empty(smtp.Received);                                      // within an emergency's acknowledge time (5 min): nobody paged

        _time.Advance(TimeSpan.FromMinutes(2));                           // 6 min: the timer fires, the secondary is paged
        await Eventually.TrueAsync(() => smtp.To(MeganEmail).Count == 1 && sms.Sent.Count == 1, "an e-mail and a text to the secondary",
            diagnostics: () => s.Bot.Logs.Summary());
        await WaitForEscalationPollsAsync();                              // the timer job runs again and again
        _time.Advance(TimeSpan.FromMinutes(15));                          // the next step (the manager, not the last round) pages nobody
        await Eventually.TrueAsync(async () => await s.Db.CountAsync("decision_log", "case_id = @caseId and action = 'escalated_by_timer'", new { caseId }) == 2,
            "second escalation step");
        await WaitForEscalationPollsAsync();

        Assert.Single(smtp.Received);
        Assert.Single(sms.Sent);
        Assert.Equal(2, sms.Requests);                                    // one refused, one sent
        Assert.Equal(2, await s.Db.ScalarAsync<int>("select attempts from outbox where kind = 'page.email' and case_id = @caseId", new { caseId }));

        var mail = smtp.To(MeganEmail)[0];
        Assert.Equal("responsebot", mail.User);                          // logged in to the SMTP server
        Assert.Null(mail.Message.HtmlBody);                               // plain text only: no HTML from the public
        Assert.Contains($"case #{caseId}", mail.Message.Subject);
        Assert.Contains("emergency", mail.Message.Subject);
        Assert.Contains(Emergency, mail.Text);                            // the e-mail may carry the whole mention
        Assert.Contains($"send \"case {caseId}\"", mail.Text);

        var text = sms.Sent.Single();
        Assert.Equal(MeganMobile, text.To);
        Assert.Equal(FakeSmsGateway.From, text.From);
        Assert.Contains($"case #{caseId}", text.Body);
        var excerpt = text.Body.Split('"')[1];
        Assert.True(excerpt.Length <= 60, $"excerpt of {excerpt.Length} characters: {excerpt}");
        Assert.StartsWith("Help me, someone is breaking in", excerpt);
        Assert.DoesNotContain("http", text.Body);
        Assert.DoesNotContain("example", text.Body);
        Assert.DoesNotContain("Mill Lane right now", text.Body);

        var paged = await s.Db.QueryAsync<string>("select detail::text from decision_log where case_id = @caseId and action = 'paged' order by id", new { caseId });
        Assert.Equal(2, paged.Count);
        Assert.Contains(paged, d => d.Contains("\"email\"") && d.Contains("aad-megan"));
        Assert.Contains(paged, d => d.Contains("\"sms\"") && d.Contains("aad-megan"));
        Assert.DoesNotContain(paged, d => d.Contains(MeganEmail) || d.Contains("7700900123"));
        Assert.DoesNotContain(s.Bot.Logs.Lines, l => l.Contains(MeganEmail) || l.Contains("7700900123") || l.Contains("smtp-password") || l.Contains(FakeSmsGateway.AuthToken));
    }

    [Fact]
    public async Task An_acknowledged_emergency_pages_nobody()
    {
        await using var rig = await StartAsync();
        var (s, smtp, sms) = rig;
        await RegisterMeganAsync(s);

        var caseId = await s.MentionAsync("page-2", Emergency);
        await s.CardPostedToAsync(s.Alex, caseId);
        await s.ClickAsync(s.Alex, CardVerbs.Acknowledge, caseId);       // "I'm on it" within the acknowledge time
        _time.Advance(TimeSpan.FromMinutes(16));
        await WaitForEscalationPollsAsync();

        Assert.Empty(smtp.Received);
        Assert.Empty(sms.Sent);
        Assert.Equal(0, await s.Db.CountAsync("outbox", "kind like 'page.%'"));
    }

    [Fact]
    public async Task A_chain_reaching_its_last_round_pages_the_managers_by_email_and_logs_who_registered_nothing()
    {
        await using var rig = await StartAsync(more: settings => settings["Policy:EscalationRounds"] = "1");
        var (s, smtp, _) = rig;
        var (mia, adele) = (Mia(s), Adele(s));
        await InstallAsync(s, s.Alex, mia, adele);
        await SayAsync(s, adele, "contact email adele@council.example.gov.uk", "Saved");   // Mia registers nothing

        var caseId = await s.MentionAsync("page-3", "Journalist here, can your press office comment on the bin strike?");
        await s.CardPostedToAsync(s.Alex, caseId);
        await s.ClickAsync(s.Alex, CardVerbs.Approve, caseId);           // flagged media: waits for a manager
        await s.CardPostedToAsync(mia, caseId);
        _time.Advance(TimeSpan.FromMinutes(11));                          // the last (only) round: every manager
        await Eventually.TrueAsync(() => smtp.To("adele@council.example.gov.uk").Count == 1, "the manager paged in the last round",
            diagnostics: () => s.Bot.Logs.Summary());
        Assert.Contains("last escalation round", smtp.Received.Single().Message.Subject);

        _time.Advance(TimeSpan.FromMinutes(11));                          // exhausted: the managers are told
        await Eventually.TrueAsync(() => smtp.To("adele@council.example.gov.uk").Count == 2, "the managers paged when the chain is exhausted");
        Assert.Contains("every escalation round", smtp.Received.Last().Message.Subject);
        Assert.Empty(rig.Sms.Sent);                                       // nobody registered a mobile
        Assert.Equal(2, await s.Db.CountAsync("decision_log", "case_id = @caseId and action = 'not_paged' and detail ->> 'staffId' = 'aad-mia'", new { caseId }));
    }

    [Fact]
    public async Task Staff_register_show_and_remove_their_own_contacts_and_nobody_elses()
    {
        await using var rig = await StartAsync();
        var s = rig.S;
        await InstallAsync(s, s.Alex, s.Megan);
        Task<string?> Column(string column, string staffId) =>
            s.Db.ScalarAsync<string?>($"select {column} from staff_contacts where staff_id = @staffId", new { staffId });

        await SayAsync(s, s.Alex, "contact email Alex.Wilber@Council.Example.GOV.uk", "Saved: if a case waits too long for you, you'll also get an e-mail at Alex.Wilber@council.example.gov.uk");
        await SayAsync(s, s.Alex, "Contact mobile +44 (0)7700 900-456", "Saved: if a case waits too long for you, you'll also get a text at +447700900456");
        Assert.Equal("Alex.Wilber@council.example.gov.uk", await Column("email", "aad-alex"));
        Assert.Equal("+447700900456", await Column("mobile", "aad-alex"));
        await SayAsync(s, s.Alex, "contact", "Pages beyond Teams go to: e-mail Alex.Wilber@council.example.gov.uk, mobile +447700900456");

        await SayAsync(s, s.Alex, "contact email not-an-address", "That doesn't look like an e-mail address");
        await SayAsync(s, s.Alex, "contact email alex@council.example.gov.uk>\r\nBcc: x@evil.example", "To be paged beyond Teams");
        await SayAsync(s, s.Alex, "contact mobile 0114 496 0000", "That doesn't look like a mobile number");   // a landline can't take a text
        await SayAsync(s, s.Alex, "contact mobile call me maybe", "That doesn't look like a mobile number");
        Assert.Equal("Alex.Wilber@council.example.gov.uk", await Column("email", "aad-alex"));
        Assert.Equal("+447700900456", await Column("mobile", "aad-alex"));

        // Whose contact it is comes from who sent it: there is no way to name someone else.
        await SayAsync(s, s.Megan, "contact email megan@evil.example.com aad-alex", "To be paged beyond Teams");
        await SayAsync(s, s.Megan, "contact email megan@council.example.gov.uk", "Saved");
        Assert.Equal("megan@council.example.gov.uk", await Column("email", "aad-megan"));
        Assert.Equal("Alex.Wilber@council.example.gov.uk", await Column("email", "aad-alex"));
        await SayAsync(s, s.Megan, "contact remove email", "Removed your e-mail address");
        Assert.Equal("Alex.Wilber@council.example.gov.uk", await Column("email", "aad-alex"));
        Assert.Equal(0, await s.Db.CountAsync("staff_contacts", "staff_id = 'aad-megan'"));

        await SayAsync(s, s.Alex, "contact remove mobile", "Removed your mobile number");
        await SayAsync(s, s.Alex, "contact remove mobile", "You had no mobile number registered");
        Assert.Null(await Column("mobile", "aad-alex"));
        await SayAsync(s, s.Alex, "contact remove email", "Removed your e-mail address");
        await SayAsync(s, s.Alex, "contact", "You have no e-mail address or mobile number registered");

        var stranger = new TeamsUser("aad-stranger", "Sam Stranger", "29:stranger", s.Connector.ServiceUrl);
        await InstallAsync(s, stranger);
        await SayAsync(s, stranger, "contact email sam@council.example.gov.uk", "Only staff");
        Assert.Equal(0, await s.Db.CountAsync("staff_contacts"));
        Assert.DoesNotContain(s.Bot.Logs.Lines, l => l.Contains("council.example.gov.uk", StringComparison.OrdinalIgnoreCase) || l.Contains("7700900456"));
    }

    [Fact]
    public async Task A_host_with_paging_half_configured_refuses_to_start_naming_the_missing_key()
    {
        var settings = BotHost.DefaultSettings(await pg.NewDatabaseAsync(), new Uri("http://127.0.0.1:9/"));
        settings["Paging:Smtp:Host"] = "smtp.council.example.gov.uk";
        settings["Paging:Sms:AccountSid"] = FakeSmsGateway.AccountSid;
        var error = await Assert.ThrowsAnyAsync<Exception>(() => BotHost.StartAsync(settings));
        Assert.Contains("Paging:From is not set", error.Message);
        Assert.Contains("Paging:Sms:AuthToken is not set", error.Message);
        Assert.Contains("Paging:Sms:From is not set", error.Message);
    }
}
