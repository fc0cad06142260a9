using System.Net;
using System.Text.Json.Nodes;
using NodaTime;
using ResponseBot.Application.Reports;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>"rota report": a month's hours on call per person and layer, cover included, as a card and a CSV from the real endpoint.</summary>
public sealed class RotaReportTests(PostgresFixture pg)
{
    // Monday 23 November 2026, 10:00 in London (GMT): the month's hours are part worked, part planned.
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_coordinator_gets_each_persons_hours_per_layer_for_the_month_with_cover_moved_and_a_csv()
    {
        await using var s = await Scenario.StartAsync(pg, c =>
        {
            // Alex and Megan take alternate nights (17:00 handoff) from Monday 2 November; Mia is the manager layer throughout.
            RotaSettings.Nightly(c, "2026-11-02", ["aad-alex", "aad-megan"], manager: "aad-mia");
            c["Rota:Coordinators:0"] = "aad-casey";
            c["Calendar:PublicBaseUrl"] = "https://bot.example.test";   // download links start with it when Downloads:PublicBaseUrl is unset
        }, _time);
        var casey = new TeamsUser("aad-casey", "Casey Coordinator", "29:casey", s.Connector.ServiceUrl);
        foreach (var u in new[] { s.Alex, s.Megan, casey }) (await s.SendAsync(u.Install())).EnsureSuccessStatusCode();
        // Megan covers Alex's Tuesday night (a swap).
        await s.Db.AddOverrideAsync("Primary", "aad-megan", Instant.FromUtc(2026, 11, 24, 17, 0), Instant.FromUtc(2026, 11, 25, 9, 0), "aad-alex");

        (await s.SendAsync(s.Alex.Message("rota report"))).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(() => s.TextsTo(s.Alex).Contains(ShowRotaReport.NotAllowed), "Alex refused politely");

        (await s.SendAsync(casey.Message("rota report"))).EnsureSuccessStatusCode();
        JsonObject? card = null;
        await Eventually.TrueAsync(() => (card = s.LatestCardTo(casey)) is not null && JsonText.Of(card).StartsWith("Rota hours, November 2026"), "the rota report card",
            diagnostics: () => s.Bot.Logs.Summary());
        var text = JsonText.Of(card);
        Assert.Contains("the month isn't over, so the rest is as planned now", text);

        // November 2026: 21 weekdays of 16 covered hours and 9 weekend days of 24 = 552 hours, with no gap in either layer.
        var url = card!["actions"]![0]!["url"]!.GetValue<string>();
        Assert.StartsWith("https://bot.example.test/downloads/", url);
        var response = await s.Bot.Http.GetAsync(new Uri(url).AbsolutePath.TrimStart('/'));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("responsebot-rota-hours-2026-11-01-to-2026-11-30.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var csv = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("month,person,staff_id,layer,shifts,hours,weekend_and_bank_holiday_hours", csv[0]);
        Assert.Equal(
        [
            "2026-11,Megan Bowen,aad-megan,Primary,16,288,103",   // her nights, Alex's Tuesday included
            "2026-11,Alex Wilber,aad-alex,Primary,15,264,113",
            "2026-11,aad-mia,aad-mia,Manager,22,552,216",          // one person all month: a stretch per covered window
        ], csv[1..]);
        Assert.Contains("Megan Bowen", text);
        Assert.Contains("288", text);

        _time.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(HttpStatusCode.NotFound, (await s.Bot.Http.GetAsync(new Uri(url).AbsolutePath.TrimStart('/'))).StatusCode);
    }

    [Fact]
    public async Task Without_a_public_address_the_card_says_the_csv_is_not_available()
    {
        await using var s = await Scenario.StartAsync(pg, c =>
        {
            RotaSettings.Nightly(c, "2026-11-02", ["aad-alex", "aad-megan"], manager: "aad-megan");
        }, _time);
        (await s.SendAsync(s.Megan.Install())).EnsureSuccessStatusCode();
        (await s.SendAsync(s.Megan.Message("rota report last month"))).EnsureSuccessStatusCode();
        JsonObject? card = null;
        await Eventually.TrueAsync(() => (card = s.LatestCardTo(s.Megan)) is not null && JsonText.Of(card).StartsWith("Rota hours, October 2026"), "October's card");
        Assert.Contains(ShowReport.NoDownloads, JsonText.Of(card));
        Assert.Null(card!["actions"]);
        Assert.Equal(0, await s.Db.CountAsync("downloads"));
    }
}
