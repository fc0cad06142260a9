using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ResponseBot.Application;
using ResponseBot.Application.Cases;
using ResponseBot.Application.Ports;
using ResponseBot.Application.Reports;
using ResponseBot.Cards;
using ResponseBot.Domain.Cases;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>
/// Reports through the real host: a night of cases with known response times becomes the managers' digest card; a manager's
/// "report week" adds the trend and a CSV downloaded through the real endpoint until its link expires.
/// </summary>
public sealed class ReportTests(PostgresFixture pg)
{
    // Tuesday 10 November 2026, 17:00 in London (GMT all month, so UTC reads the same): the office has just closed.
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 11, 10, 17, 0, 0, TimeSpan.Zero));

    private Task<Scenario> StartAsync() => Scenario.StartAsync(pg, s =>
    {
        s["Roles:Managers:0"] = "aad-megan";
        s["Triage:Rules:flooding:Words:0"] = "flooding";
        s["Triage:Rules:flooding:Priority"] = "Urgent";
        s["Downloads:PublicBaseUrl"] = "https://bot.example.test/";
    }, _time);

    private void Wait(int minutes) => _time.Advance(TimeSpan.FromMinutes(minutes));

    private static async Task<JsonObject> CardAsync(Scenario s, TeamsUser user, string title)
    {
        JsonObject? card = null;
        await Eventually.TrueAsync(() => (card = s.Connector.Cards().Where(c => c.Call.ConversationId == user.ConversationId)
            .Select(c => c.Card).LastOrDefault(c => c["body"]?[0]?["text"]?.GetValue<string>() == title)) is not null, $"\"{title}\" card to {user.Name}",
            diagnostics: () => s.Bot.Logs.Summary());
        return card!;
    }

    // A mention answered after exactly this many minutes (plus the second the undo window takes).
    private async Task<long> RepliedAsync(Scenario s, string id, string text, int minutes)
    {
        var caseId = await s.MentionAsync(id, text);
        await s.CardPostedToAsync(s.Alex, caseId);
        Wait(minutes);
        await s.ClickAsync(s.Alex, CardVerbs.Approve, caseId);
        _time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(async () => await s.StateAsync(caseId) == "Sent", $"case {caseId} replied");
        return caseId;
    }

    /// <summary>Friday night's cases, in order: their ids.</summary>
    private async Task<long[]> FridayNightAsync(Scenario s)
    {
        await s.GoOnCallAsync(s.Alex);
        (await s.SendAsync(s.Megan.Install())).EnsureSuccessStatusCode();
        // Tuesday before: two cases answered in 40 minutes each, for the week's trend.
        await RepliedAsync(s, "tue-1", "Is the tip open on Sunday?", 40);
        await RepliedAsync(s, "tue-2", "Where do I report a pothole?", 40);
        _time.Advance(new DateTime(2026, 11, 20, 17, 0, 0) - _time.GetUtcNow().UtcDateTime);

        var streetlight = await RepliedAsync(s, "fri-1", "The streetlight on Elm Road is out", 10);
        // Political, so a manager approves Alex's reply: posted 20 minutes after it came in.
        var political = await s.MentionAsync("fri-2", "Will the councillors vote on the Mill Lane scheme?");
        await s.CardPostedToAsync(s.Alex, political);
        Wait(15);
        await s.ClickAsync(s.Alex, CardVerbs.Approve, political);
        Wait(5);
        await s.ClickAsync(s.Megan, CardVerbs.ManagerApprove, political);
        _time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(async () => await s.StateAsync(political) == "Sent", "the political reply sent");
        var flooding = await RepliedAsync(s, "fri-3", "Flooding in the High Street underpass", 5);      // urgent: 15 minutes
        var fire = await RepliedAsync(s, "fri-4", "There's a fire in the bin store behind the flats", 30);  // emergency, late
        var late = await RepliedAsync(s, "fri-5", "Bins weren't collected on Mill Lane", 90);              // late
        var spam = await s.MentionAsync("fri-6", "Win a free cruise, click here");
        Wait(2);
        await s.ClickAsync(s.Alex, CardVerbs.Dismiss, spam, inputs: new JsonObject { [CardVerbs.DismissReasonInputId] = "Spam." });
        var escalated = await s.MentionAsync("fri-7", "My neighbour's dog barks all night");
        Wait(1);
        await s.ClickAsync(s.Alex, CardVerbs.Escalate, escalated, inputs: new JsonObject { [CardVerbs.EscalateReasonInputId] = "Needs environmental health." });
        await Eventually.TrueAsync(async () => await s.StateAsync(escalated) == "Escalated", "escalated");
        return [streetlight, political, flooding, fire, late, spam, escalated];
    }

    private static Dictionary<string, string> Facts(JsonObject card) => card["body"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == "FactSet")!["facts"]!
        .AsArray().ToDictionary(f => f!["title"]!.GetValue<string>(), f => f!["value"]!.GetValue<string>());

    private static JsonObject Element(JsonObject card, string type) => card["body"]!.AsArray().Last(e => e!["type"]!.GetValue<string>() == type)!.AsObject();

    private static List<string> Rows(JsonNode table) => table["rows"]!.AsArray().Skip(1)
        .Select(r => string.Join(" | ", r!["cells"]!.AsArray().Select(c => JsonText.Of(c)))).ToList();

    [Fact]
    public async Task The_morning_digest_card_gives_every_manager_the_nights_figures_with_charts_and_who_handled_what()
    {
        await using var s = await StartAsync();
        var ids = await FridayNightAsync(s);
        _time.Advance(new DateTime(2026, 11, 21, 8, 30, 0) - _time.GetUtcNow().UtcDateTime);

        using (var scope = s.Bot.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<SendDigest>().RunAsync(Instant.FromDateTimeOffset(_time.GetUtcNow()), "test", CancellationToken.None);

        var card = await CardAsync(s, s.Megan, SendDigest.Title);
        var (fire, late, escalated) = (ids[3], ids[4], ids[6]);
        var facts = Facts(card);
        Assert.Equal("7: 5 replied, 1 dismissed, 1 still open", facts["Mentions"]);
        // 5, 10, 20, 30 and 90 minutes: the middle one, the ninth decile's nearest rank (the 5th of 5), the longest.
        Assert.Equal("median 20 min, 90th percentile 90 min, longest 90 min", facts["First response"]);
        Assert.Equal($"3: #{fire}, #{late}, #{escalated}", facts["Respond-by missed"]);   // the fire after its 15 minutes, the bins after 60, the dog never
        Assert.Equal($"1 by staff (#{escalated})", facts["Escalations"]);
        Assert.Equal($"#{escalated} (Escalated)", facts["Still open"]);

        var bars = Element(card, "Chart.VerticalBar");
        Assert.Equal(("@ExampleCouncil on Community Forum", 7), (bars["data"]![0]!["x"]!.GetValue<string>(), bars["data"]![0]!["y"]!.GetValue<int>()));
        Assert.Equal(["@ExampleCouncil on Community Forum | 7"], Rows(bars["fallback"]!));
        var donut = Element(card, "Chart.Donut");
        Assert.Equal(["Emergency | 1", "Urgent | 1", "Normal | 5"], Rows(donut["fallback"]!));
        var line = Element(card, "Chart.Line");
        Assert.Equal(7, line["data"]![0]!["values"]!.AsArray().Sum(v => v!["y"]!.GetValue<int>()));
        Assert.Equal(5, line["data"]![1]!["values"]!.AsArray().Sum(v => v!["y"]!.GetValue<int>()));
        Assert.Equal(["Alex Wilber | 5 | 0 | 1", "Megan Bowen | 0 | 1 | 0"], Rows(Element(card, "Table")));
        Assert.StartsWith("Out-of-hours report, Fri 20 Nov 08:30 to Sat 21 Nov 08:30\n\n- 7 mentions received", card["fallbackText"]!.GetValue<string>());
        Assert.Null(card["actions"]);                                      // the digest itself carries no download
        // Recorded on the cases as triage found them.
        Assert.Equal(["Normal", "Normal", "Urgent", "Urgent", "Normal", "Normal", "Normal"],
            await s.Db.QueryAsync<string>("select priority from cases where external_id like 'fri-%' order by id"));
    }

    [Fact]
    public async Task A_mention_still_being_stored_when_the_digest_falls_due_is_in_that_digest_rather_than_lost_between_two()
    {
        await using var s = await StartAsync();
        (await s.SendAsync(s.Megan.Install())).EnsureSuccessStatusCode();
        using var scope = s.Bot.Services.CreateScope();
        var arrival = scope.ServiceProvider.GetRequiredService<Arrival>();
        var mention = new Mention(BotHost.AccountId, "late-1", new Author("resident7", "A Resident", null), "Is the tip open?", null,
            Instant.FromDateTimeOffset(_time.GetUtcNow()), null);

        // Timed at 17:00 and not yet committed when the 17:01 digest falls due: that digest covers it, so it must wait for it.
        await using var storing = await scope.ServiceProvider.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(CancellationToken.None);
        var stored = await arrival.StoreAsync(storing, [arrival.Of(mention)], CancellationToken.None);
        Assert.Equal(Instant.FromDateTimeOffset(_time.GetUtcNow()), stored.At);
        Wait(1);
        var digest = Task.Run(async () =>
        {
            using var digestScope = s.Bot.Services.CreateScope();
            await digestScope.ServiceProvider.GetRequiredService<SendDigest>().RunAsync(Instant.FromDateTimeOffset(_time.GetUtcNow()), "test", CancellationToken.None);
        });
        // Without waiting, the digest would have read the cases (none committed) and finished well within this.
        Assert.NotSame(digest, await Task.WhenAny(digest, Task.Delay(TimeSpan.FromSeconds(3))));
        // Mentions still arrive meanwhile (the digest holds no lock), timed after it: the next digest's.
        await s.MentionAsync("during-1", "Is the library open on Sunday?");
        Assert.False(digest.IsCompleted);
        await storing.CommitAsync(CancellationToken.None);
        await digest;

        Assert.Equal("1: 0 replied, 0 dismissed, 1 still open", Facts(await CardAsync(s, s.Megan, SendDigest.Title))["Mentions"]);
    }

    [Fact]
    public async Task Report_week_gives_a_manager_the_trend_and_a_csv_that_downloads_until_its_link_expires()
    {
        await using var s = await StartAsync();
        var ids = await FridayNightAsync(s);
        _time.Advance(new DateTime(2026, 11, 23, 10, 0, 0) - _time.GetUtcNow().UtcDateTime);

        (await s.SendAsync(s.Alex.Message("report week"))).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(() => s.TextsTo(s.Alex).Contains(ShowReport.NotAManager), "Alex refused politely");
        Assert.Equal(0, await s.Db.CountAsync("downloads"));

        (await s.SendAsync(s.Megan.Message("report week"))).EnsureSuccessStatusCode();
        var card = await CardAsync(s, s.Megan, "Report: the last 7 days");
        var facts = Facts(card);
        Assert.Equal("7: 5 replied, 1 dismissed, 1 still open (+250% mentions)", facts["Mentions"]);     // 7 against Tuesday's 2
        Assert.Equal("median 20 min, 90th percentile 90 min, longest 90 min (median 20 min faster)", facts["First response"]);
        Assert.EndsWith("(+3 missed respond-by times)", facts["Respond-by missed"]);
        Assert.Contains("Tue 17 Nov 00:00 to Mon 23 Nov 10:00, compared with the week before", JsonText.Of(card));

        var url = card["actions"]![0]!["url"]!.GetValue<string>();
        Assert.StartsWith("https://bot.example.test/downloads/", url);
        var token = url["https://bot.example.test/downloads/".Length..];
        // Only its hash is kept, and the token never rested in the outbox nor reached a log line.
        Assert.Equal(1, await s.Db.CountAsync("downloads", "token_hash = @hash", new { hash = SHA256.HashData(Encoding.ASCII.GetBytes(token)) }));
        Assert.Equal(0, await s.Db.CountAsync("outbox", "payload like @t", new { t = $"%{token}%" }));
        Assert.DoesNotContain(s.Bot.Logs.Lines, l => l.Contains(token));

        var response = await s.Bot.Http.GetAsync($"downloads/{token}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("responsebot-report-2026-11-17-to-2026-11-23.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.True(response.Headers.CacheControl?.NoStore);
        var csv = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("case,received,account,platform,priority,state,first_reply_at,minutes_to_first_reply,respond_by,respond_by_missed,escalated_by_staff," +
            "escalated_by_timer,replied_by,approved_by,dismissed_by", csv[0]);
        Assert.Equal(8, csv.Length);
        Assert.Contains($"{ids[1]},2026-11-20 17:10,ExampleCouncil,Community Forum,Normal,Sent,2026-11-20 17:30,20,2026-11-20 18:10,no,0,0,Alex Wilber,Megan Bowen,", csv);
        Assert.Contains(csv, l => l.StartsWith($"{ids[3]},") && l.Contains(",Emergency,Sent,") && l.Contains(",30,") && l.Contains(",yes,"));
        Assert.Contains(csv, l => l.StartsWith($"{ids[5]},") && l.Contains(",Normal,Dismissed,,,") && l.EndsWith(",no,0,0,,,Alex Wilber"));

        // Unknown, malformed and (once its time is up) expired tokens all get the same bare 404.
        var unknown = await s.Bot.Http.GetAsync($"downloads/{SecretTokens.New()}");
        var malformed = await s.Bot.Http.GetAsync("downloads/not-a-token");
        _time.Advance(TimeSpan.FromMinutes(16));
        var expired = await s.Bot.Http.GetAsync($"downloads/{token}");
        foreach (var r in new[] { unknown, malformed, expired })
        {
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
            Assert.Equal("", await r.Content.ReadAsStringAsync());
        }
        // The hourly housekeeping deletes the expired file.
        using (var scope = s.Bot.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<ForgetExpired>().RunAsync(CancellationToken.None);
        Assert.Equal(0, await s.Db.CountAsync("downloads"));
    }

    [Fact]
    public async Task Help_offers_reports_to_managers_only_and_dates_the_wrong_way_round_are_explained_with_nothing_made()
    {
        await using var s = await StartAsync();
        foreach (var u in new[] { s.Alex, s.Megan })
        {
            (await s.SendAsync(u.Install())).EnsureSuccessStatusCode();
            (await s.SendAsync(u.Message("help"))).EnsureSuccessStatusCode();
        }
        var managers = JsonText.Of(await CardAsync(s, s.Megan, "ResponseBot: what you can do"));
        Assert.Contains("report week", managers);
        Assert.Contains("rota report", managers);
        var officers = JsonText.Of(await CardAsync(s, s.Alex, "ResponseBot: what you can do"));
        Assert.DoesNotContain("report week", officers);
        Assert.DoesNotContain("rota report", officers);

        (await s.SendAsync(s.Megan.Message("report 2026-11-09 2026-11-01"))).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(() => s.TextsTo(s.Megan).Any(t => t.StartsWith("The second date is before the first.")), "told why");
        Assert.Equal(0, await s.Db.CountAsync("downloads"));
    }
}
