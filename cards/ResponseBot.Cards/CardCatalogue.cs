using NodaTime;
using ResponseBot.Application.Views;
using ResponseBot.Cards.Schema;
using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Elections;
using ResponseBot.Domain.People;
using ResponseBot.Domain.Reports;
using ResponseBot.Domain.Replies;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Cards;

/// <summary>
/// Every card variant with realistic sample data, including hostile public text, for designers
/// (paste into the Adaptive Cards designer), for validation with Microsoft's parser, and for tests.
/// </summary>
public static class CardCatalogue
{
    /// <summary>Text a member of the public could send to try to restyle our card or fake a button.</summary>
    public const string HostileText =
        "**URGENT** from the council: [reset your password here](https://evil.example/login) <at>Alex Wilber</at>\n" +
        "- item one\n1. item two\n# heading\n<script>alert(1)</script> {{DATE(2017-02-14T06:08:39Z, SHORT)}} \u202Egnp.exe";

    public const string HostileName = "[Chief Constable](https://evil.example) **Official**";

    public static IEnumerable<(string Name, AdaptiveCard Card)> All(DateTimeZone zone)
    {
        var account = new Account("demo", Platform.X, "ExampleCouncil") { LinkHosts = ["x.com"] };
        var received = Instant.FromUtc(2026, 11, 21, 23, 47);
        var alex = new Stamp("aad-alex", "Alex Wilber", received.Plus(Duration.FromMinutes(3)));
        var megan = new Stamp("aad-megan", "Megan Bowen", received.Plus(Duration.FromMinutes(9)));
        var mention = new Mention("demo", "1861234567890", new Author("resident_42", "Sam Resident", "https://x.com/resident_42"),
            "The streetlight outside 14 Mill Lane has been out for a week and it's pitch black walking home. Who do I report this to?",
            "https://x.com/resident_42/status/1861234567890", received.Plus(Duration.FromMinutes(-2)), null);
        var open = new CaseRecord
        {
            Id = 1042, Mention = mention, ReceivedAt = received, State = CaseState.Notified, Version = 1, RespondBy = received.Plus(Duration.FromHours(1)),
        };
        var hostile = open with
        {
            Id = 1043,
            Mention = mention with { Author = new Author("evil<at>x</at>", HostileName, "javascript:alert(1)"), Text = HostileText, Url = "javascript:alert(1)" },
            Flags = ["link"],
        };
        var suggestion = ReplyTemplates.SuggestFor(mention, account);
        var edited = "Thanks Sam, we've logged the streetlight fault on Mill Lane (ref SL-2291). Crews usually fix these within 5 working days.";
        var political = open with { Id = 1044, Flags = ["political"], Mention = mention with { Text = "Will the council vote to scrap the Mill Lane scheme before the election?" } };
        var awaiting = political with
        {
            State = CaseState.AwaitingApproval, Version = 2, DraftText = edited, ReplyText = edited, Drafted = alex, Decided = alex,
            Reason = "the mention is flagged political",
        };
        var scheduled = open with
        {
            State = CaseState.Scheduled, Version = 2, DraftText = suggestion, ReplyText = suggestion, Drafted = alex, Decided = alex,
            ScheduledFor = alex.At.Plus(Duration.FromSeconds(30)), ReopenState = CaseState.Notified,
        };
        var sent = awaiting with
        {
            State = CaseState.Sent, Version = 4, Approved = megan, Decided = megan, PublishedAt = megan.At.Plus(Duration.FromSeconds(31)),
            PlatformReplyId = "1861234569999", PlatformReplyUrl = "https://x.com/ExampleCouncil/status/1861234569999", Reason = null,
        };
        var emergency = open with
        {
            Id = 1045, Flags = ["emergency", "personal-data"], RespondBy = received.Plus(Duration.FromMinutes(15)),
            Mention = mention with { Text = "Someone is trying to break in next door at 3 Elm Road, I'm scared. Call me on 07700 900123", InReplyTo = "1861234500000" },
        };

        // Each sample is drawn for someone: the officer on call, a manager, or the team channel's shared copy.
        var officer = new Viewer(new CardViewer("aad-alex", "29:alex"), c => new ActorContext(new StaffMember("aad-alex", "Alex Wilber"), IsOfficerOnCall: true, IsManager: false));
        var manager = new Viewer(new CardViewer("aad-megan", "29:megan"), c => new ActorContext(new StaffMember("aad-megan", "Megan Bowen"), IsOfficerOnCall: false, IsManager: true));
        var channel = new Viewer(new CardViewer("channel:19:general@thread.tacv2", null), c =>
            new ActorContext(new StaffMember(c.Claimed?.Id ?? "channel", c.Claimed?.Name ?? "team channel"), IsOfficerOnCall: false, IsManager: false) { InTeamChannel = true });
        var saved = new[] { new SavedReply("Thanks, passed on", suggestion), new SavedReply("Report it online", "Hi @resident_42, you can report this at our website and track progress there.") };
        CaseCardModel Model(CaseRecord c, Viewer viewer, string? notice = null, ThreadContext? thread = null) =>
            new(c, account, ReplyTemplates.SuggestFor(c.Mention, account), zone, viewer.Card, saved, CaseWorkflow.Allowed(c, viewer.Actor(c), account, new Domain.Policy.ReplyPolicy()), Thread: thread, Notice: notice)
                { SnoozeChoices = new Domain.Policy.ReplyPolicy().SnoozeChoices(c) };

        yield return ("case-new", CaseCards.Build(Model(open, officer)));
        yield return ("case-new-hostile-text", CaseCards.Build(Model(hostile, officer)));
        yield return ("case-new-emergency-in-thread", CaseCards.Build(Model(emergency, officer, thread: new ThreadContext("@ExampleCouncil", "Police and council patrols in the Elm Road area tonight.", null)
        {
            Conversation = [new ConversationCase(1041, CaseState.Sent, received.Plus(Duration.FromHours(-3))), new ConversationCase(1039, CaseState.Dismissed, received.Plus(Duration.FromHours(-5)))],
        })));
        yield return ("case-new-in-channel", CaseCards.Build(Model(open, channel)));
        yield return ("case-new-compact", CaseCards.Build(Model(emergency, officer) with { Compact = true }));
        yield return ("case-claimed", CaseCards.Build(Model(open with { State = CaseState.Claimed, Claimed = alex }, officer)));
        yield return ("case-edit-refused", CaseCards.Build(Model(open, officer, "The reply is 312 characters; this account allows 280.")));
        yield return ("case-awaiting-approval-manager", CaseCards.Build(Model(awaiting, manager)));
        yield return ("case-awaiting-approval-officer", CaseCards.Build(Model(awaiting, officer)));
        yield return ("case-rejected", CaseCards.Build(Model(awaiting with { State = CaseState.Rejected, Decided = megan, Reason = "Don't comment on the vote during the election period." }, officer)));
        yield return ("case-escalated-manager", CaseCards.Build(Model(open with { State = CaseState.Escalated, Decided = alex, Reason = "Threat against staff, needs a manager." }, manager)));
        yield return ("case-escalated-officer", CaseCards.Build(Model(open with { State = CaseState.Escalated, Decided = alex, Reason = "Threat against staff, needs a manager." }, officer)));
        yield return ("case-scheduled-undo", CaseCards.Build(Model(scheduled, officer)));
        yield return ("case-publishing", CaseCards.Build(Model(scheduled with { State = CaseState.Publishing }, officer)));
        yield return ("case-sent-after-approval", CaseCards.Build(Model(sent, officer)));
        yield return ("case-sent-hostile-text", CaseCards.Build(Model(sent with { Mention = hostile.Mention, Decided = megan with { Name = HostileName } }, officer)));
        yield return ("case-publish-failed", CaseCards.Build(Model(scheduled with { State = CaseState.Failed, FailureReason = "reply receiver answered 422" }, officer)));
        yield return ("case-no-access", CaseCards.NoAccess());
        yield return ("case-dismissed", CaseCards.Build(Model(open with { State = CaseState.Dismissed, Decided = alex, Reason = "Spam account." }, officer)));

        yield return ("case-hidden-abuse", CaseCards.Build(Model(hostile with
        {
            Flags = ["abuse"], Hidden = alex, HiddenReason = "Abusive language about a named member of staff " + HostileName,
        }, officer)));
        yield return ("case-deleted-by-author", CaseCards.Build(Model(open with
        {
            State = CaseState.Dismissed, DeletedAt = alex.At, Reason = "deleted by its author on X",
        }, officer)));
        yield return ("case-edited-by-author", CaseCards.Build(Model(open with { EditedAt = alex.At, Version = 2 }, officer)));

        var storm = new StormView(88, 1042, 412, 398, received.Plus(Duration.FromMinutes(-20)), received, [
            new StormSample(1450, "resident_42", "Why is Mill Lane closed AGAIN?? Sort it out @ExampleCouncil"),
            new StormSample(1449, HostileName, HostileText),
        ], null, null, null);
        yield return ("case-storm-lead", CaseCards.Build(Model(open with { StormId = 88, LeadsStorm = true }, officer) with { Storm = storm }));
        yield return ("case-storm-member", CaseCards.Build(Model(open with { Id = 1450, StormId = 88 }, officer) with { Storm = storm }));
        yield return ("case-storm-answered", CaseCards.Build(Model(sent with { StormId = 88, LeadsStorm = true }, officer) with
        {
            Storm = storm with { Statement = "We know about the Mill Lane closure: it reopens on Friday. Updates on our website.", DecidedBy = "Megan Bowen" },
        }));

        yield return ("case-in-hand-snoozed", CaseCards.Build(Model(open with
        {
            State = CaseState.Claimed, Claimed = alex, Acknowledged = alex, Snoozed = alex, SnoozedUntil = received.Plus(Duration.FromMinutes(45)),
        }, officer)));

        var commands = new[]
        {
            new HelpCommand("on call", "Take over now."), new HelpCommand("open", "The open cases you can see."),
            new HelpCommand("who's on call", "Who holds each layer now."), new HelpCommand("rota", "The coming week."),
            new HelpCommand("case 42", "Find one case by its number.", AsButton: false), new HelpCommand("help", "This list."),
        };
        yield return ("help-welcome-officer", HelpCards.Help(new HelpCardModel(HostileName, Welcome: true, ["on the out-of-hours rota (primary)", "a rota coordinator"], null, commands)));
        yield return ("help-not-on-rota", HelpCards.Help(new HelpCardModel("Sam Other", Welcome: false, [], $"Ask {HostileName} (rota coordinator) to add you.", commands[2..])));
        yield return ("team-welcome-routing", HelpCards.TeamWelcome(new TeamWelcomeModel(IsRoutingChannel: true, "Comms team")));
        yield return ("case-list-open", CaseListCards.List(new CaseListModel(
        [
            new CaseLine(1045, CaseState.Notified, "X", "resident_42", received, received.Plus(Duration.FromMinutes(15)), null, ["emergency"]),
            new CaseLine(1042, CaseState.Claimed, "X", HostileName, received.Plus(Duration.FromMinutes(-70)), received.Plus(Duration.FromMinutes(-10)), "Alex Wilber", []),
            new CaseLine(1040, CaseState.AwaitingApproval, "Community Forum", "[click](https://evil.example)", received.Plus(Duration.FromMinutes(-200)), null,
                "a manager (approval)", ["media"]),
        ], Page: 1, Pages: 2, Total: 9, Handle: null, received.Plus(Duration.FromMinutes(20)), zone)));

        yield return ("sources", SourceCards.Health(new SourcesModel(
        [
            new SourceLine("bsky", "@council.bsky.social on Bluesky", received, received.Plus(Duration.FromMinutes(-40)), 0, null, false),
            new SourceLine("masto", "@council@social.example on Mastodon", received.Plus(Duration.FromMinutes(-30)), null, 4,
                "Mastodon answered 401 " + HostileName, true),
            new SourceLine("x", "@ExampleCouncil on X", received, received.Plus(Duration.FromMinutes(-5)), 0, null, false)
                { TokenExpiresAt = received.Plus(Duration.FromMinutes(95)) },
            new SourceLine("fb", "@Example Council on Facebook", received.Plus(Duration.FromHours(-13)), received.Plus(Duration.FromHours(-13)), 0, null, false)
                { Silent = true, SilentAfter = Duration.FromHours(12) },
        ], received.Plus(Duration.FromMinutes(2)), zone)));

        foreach (var rota in RotaSamples(zone)) yield return rota;
        foreach (var report in ReportSamples(zone)) yield return report;
        foreach (var election in ElectionSamples(Model(political, officer))) yield return election;
    }

    private static IEnumerable<(string Name, AdaptiveCard Card)> RotaSamples(DateTimeZone zone)
    {
        // November: London is on GMT, so the samples read the same in UTC.
        Instant At(int day, int hour, int minute = 0) => zone.AtLeniently(new LocalDateTime(2026, 11, day, hour, minute)).ToInstant();
        yield return ("rota-who-is-on-call", RotaCards.WhoIsOnCall(new WhoIsOnCallModel(At(21, 23, 50), zone,
        [
            new DutyLine(Layer.Primary, "Alex Wilber", At(23, 9), "Megan Bowen", At(23, 17)),
            new DutyLine(Layer.Secondary, null, null, "Adele Vance", At(23, 17)),
            new DutyLine(Layer.Manager, HostileName, At(23, 9), null, null),
        ])));
        RotaDay Night(int day, string? name, bool cover = false) => new(new LocalDate(2026, 11, day),
            [new RotaEntry(Layer.Primary, At(day, 17), day == 27 ? At(30, 9) : At(day + 1, 9), name, cover),
             new RotaEntry(Layer.Manager, At(day, 17), At(day + 1, 9), "Mia Manager", false)]);
        RotaDay Weekend(int day) => new(new LocalDate(2026, 11, day), [new RotaEntry(Layer.Primary, At(day, 0), At(30, 9), "Alex Wilber", false)]);
        var week = new RotaWeekModel(zone,
            [Night(23, "Alex Wilber"), Night(24, null), Night(25, "Megan Bowen", cover: true), Night(26, HostileName), Night(27, "Alex Wilber"), Weekend(28), Weekend(29)],
            Gaps: 1, CanEdit: false,
            [new OverrideLine(new RotaOverride(12, Layer.Primary, "aad-megan", At(25, 17), At(26, 9)), "Megan Bowen")],
            [new PersonChoice("aad-alex", "Alex Wilber"), new PersonChoice("aad-megan", "Megan Bowen"), new PersonChoice("aad-evil", HostileName)]);
        yield return ("rota-week", RotaCards.Week(week));
        var request = new SwapRequest(Guid.Parse("5b0c8a57-6d0e-4a55-9a53-2f3f1b1c9e01"), Layer.Primary, "aad-evil", At(24, 17), At(25, 9), SwapStatus.Open);
        var swap = new SwapCardModel(request, HostileName, null, zone);
        yield return ("swap-offer", SwapCards.Offer(swap with { RefreshFor = ["29:megan", "29:adele"] }));
        yield return ("swap-approval", SwapCards.Approval(swap with { Request = request with { Status = SwapStatus.Taken }, TakerName = "Megan Bowen" }));
        yield return ("swap-covered", SwapCards.Offer(swap with { Request = request with { Status = SwapStatus.Approved }, TakerName = HostileName }));
        yield return ("rota-week-coordinator", RotaCards.Week(week with { CanEdit = true, Notice = $"Saved: {HostileName} covers primary from Wed 25 Nov 17:00 to Thu 26 Nov 09:00." }));
    }

    private static IEnumerable<(string Name, AdaptiveCard Card)> ElectionSamples(CaseCardModel political)
    {
        var today = new LocalDate(2026, 11, 21);
        var pcc = new ElectionPeriod(7, "Police and Crime Commissioner election 2027", new LocalDate(2026, 11, 2), new LocalDate(2026, 12, 10), []);
        ElectionPeriod[] periods =
        [
            new(null, "", new LocalDate(2026, 11, 1), new LocalDate(2026, 11, 30), []),
            pcc,
            new(9, HostileName, new LocalDate(2027, 3, 25), new LocalDate(2027, 5, 6), ["demo"]),
        ];
        var accounts = new[] { new AccountChoice("demo", "@ExampleCouncil on X"), new AccountChoice("evil", HostileName) };
        yield return ("elections", ElectionCards.List(new ElectionsCardModel(periods, today, CanEdit: false, accounts)));
        yield return ("elections-manager", ElectionCards.List(new ElectionsCardModel(periods, today, CanEdit: true, accounts,
            Notice: $"Saved: you added the pre-election period \"{HostileName}\".")));
        yield return ("elections-none", ElectionCards.List(new ElectionsCardModel([], today, CanEdit: true, accounts)));
        yield return ("case-pre-election", CaseCards.Build(political with { PreElection = pcc }));
    }

    private static IEnumerable<(string Name, AdaptiveCard Card)> ReportSamples(DateTimeZone zone)
    {
        var from = Instant.FromUtc(2026, 11, 20, 17, 0);   // Friday evening to Monday morning: GMT, so UTC reads the same
        var to = Instant.FromUtc(2026, 11, 23, 8, 30);
        var alex = new StaffRef("aad-alex", "Alex Wilber");
        var megan = new StaffRef("aad-megan", "Megan Bowen");
        var evil = new StaffRef("aad-evil", HostileName);
        DigestCase Case(long id, int hoursIn, CaseState state, int? repliedAfterMin, string account, ReportPriority priority, StaffRef? by = null) =>
            new(id, from.Plus(Duration.FromHours(hoursIn)), state, repliedAfterMin is { } r ? from.Plus(Duration.FromHours(hoursIn) + Duration.FromMinutes(r)) : null,
                from.Plus(Duration.FromHours(hoursIn) + Duration.FromMinutes(priority == ReportPriority.Normal ? 60 : 15)), TimerEscalations: id == 1046 ? 1 : 0)
            {
                AccountId = account, Priority = priority, Escalations = id == 1050 ? 1 : 0,
                RepliedBy = repliedAfterMin is null ? null : by, ApprovedBy = priority == ReportPriority.Urgent ? megan : null,
                DismissedBy = state == CaseState.Dismissed ? by : null,
            };
        IReadOnlyList<DigestCase> cases =
        [
            Case(1042, 1, CaseState.Sent, 12, "demo", ReportPriority.Normal, alex), Case(1043, 3, CaseState.Sent, 25, "demo", ReportPriority.Urgent, evil),
            Case(1045, 5, CaseState.Sent, 4, "demo", ReportPriority.Emergency, alex), Case(1046, 20, CaseState.Sent, 95, "bsky", ReportPriority.Normal, megan),
            Case(1048, 30, CaseState.Dismissed, null, "fb", ReportPriority.Normal, alex), Case(1050, 60, CaseState.Escalated, null, "demo", ReportPriority.Normal),
        ];
        AccountLine[] accounts = [new("@ExampleCouncil on X", 4), new("@council.bsky.social on Bluesky", 1), new("@Example Council on Facebook", 1)];
        var period = new Interval(from, to);
        var figures = ReportFigures.Of(cases, to);
        var digest = new ReportCardModel("Out-of-hours report", period, zone, figures, accounts, ReportTimeline.Of(cases, period, zone),
            MorningDigest.Text(figures, from, to, zone));
        yield return ("report-digest", ReportCards.Report(digest));
        yield return ("report-digest-quiet", ReportCards.Report(digest with
        {
            Figures = ReportFigures.Of([], to), Accounts = [], Timeline = ReportTimeline.Of([], period, zone), FallbackText = MorningDigest.Text([], from, to, to, zone),
        }));
        var week = new Interval(Instant.FromUtc(2026, 11, 17, 0, 0), to);
        var before = ReportFigures.Of(cases.Take(4).Select(c => c with { PublishedAt = c.PublishedAt?.Plus(Duration.FromMinutes(10)) }).ToList(), to);
        yield return ("report-week-with-trend", ReportCards.Report(digest with
        {
            Title = "Report: the last 7 days", Period = week, Timeline = ReportTimeline.Of(cases, week, zone),
            Trend = new ReportTrend(figures, before), TrendAgainst = "the week before", CsvLink = new Uri("https://responsebot.example.gov.uk/downloads/sample-token"),
        }));

        RotaHoursRow Row(string? name, Layer layer, int shifts, double hours, double weekend) =>
            new(name, layer, shifts, Duration.FromMinutes(hours * 60), Duration.FromMinutes(weekend * 60));
        var rota = new RotaReportCardModel(new YearMonth(2026, 11),
        [
            Row("Alex Wilber", Layer.Primary, 12, 244, 96), Row(HostileName, Layer.Primary, 11, 221.5, 72), Row(null, Layer.Primary, 2, 15, 0),
            Row("Mia Manager", Layer.Manager, 22, 474.5, 168),
        ], Complete: false) { CsvLink = new Uri("https://responsebot.example.gov.uk/downloads/sample-token") };
        yield return ("rota-report", RotaReportCards.Hours(rota));
    }

    private sealed record Viewer(CardViewer Card, Func<CaseRecord, ActorContext> Actor);
}
