using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ResponseBot.Domain.Rota;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>"calendar" in Teams gives a secret link to an iCalendar feed of that person's shifts, and only theirs.</summary>
public sealed partial class CalendarFeedTests(PostgresFixture pg) : ScenarioTest(pg, s =>
{
    s["Calendar:PublicBaseUrl"] = "https://bot.example.test/";
    // Alex and Megan take alternate nights from Monday 5 January 2026; Megan is also the manager on duty.
    RotaSettings.Nightly(s, "2026-01-05", ["aad-alex", "aad-megan"], manager: "aad-megan");
})
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    [GeneratedRegex(@"https://bot\.example\.test/calendar/(?<token>[A-Za-z0-9_-]{43})\.ics")]
    private static partial Regex FeedLink();

    [GeneratedRegex(@"^DTSTART:(?<t>\d{8}T\d{6}Z)\r?$", RegexOptions.Multiline)]
    private static partial Regex Starts();

    private async Task<string> AskForLinkAsync(TeamsUser user, int links)
    {
        (await _s.SendAsync(user.Message("calendar"))).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(() => LinksTo(user).Count == links, $"calendar link {links} posted to {user.Name}");
        return LinksTo(user)[^1];
    }

    private List<string> LinksTo(TeamsUser user) => _s.Connector.Calls
        .Where(c => c.ConversationId == user.ConversationId)
        .Select(c => FeedLink().Match(c.Body["text"]?.GetValue<string>() ?? ""))
        .Where(m => m.Success).Select(m => m.Groups["token"].Value).ToList();

    private static string Unfold(string text) => text.Replace("\r\n ", "", StringComparison.Ordinal);

    [Fact]
    public async Task Calendar_sends_a_link_to_a_feed_of_only_your_shifts_and_asking_again_retires_the_old_link()
    {
        var now = SystemClock.Instance.GetCurrentInstant();
        var tomorrow = now.InZone(London).Date.PlusDays(1);
        Instant Tomorrow(int hourUtc) => tomorrow.AtMidnight().InUtc().ToInstant() + Duration.FromHours(hourUtc);
        await _s.Db.AddOverrideAsync("Secondary", "aad-alex", Tomorrow(20), Tomorrow(22));
        await _s.Db.AddOverrideAsync("Secondary", "aad-megan", Tomorrow(22), Tomorrow(23));

        (await _s.SendAsync(_s.Alex.Install())).EnsureSuccessStatusCode();
        var first = await AskForLinkAsync(_s.Alex, 1);
        var message = _s.Connector.Texts().Single(t => t.Contains(first));
        Assert.Contains("stopped working", message);
        Assert.Contains("Subscribe from web", message);

        var response = await _s.Bot.Http.GetAsync($"calendar/{first}.ics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.True(response.Headers.CacheControl is { Private: true, MaxAge: var age } && age == TimeSpan.FromMinutes(5));
        var raw = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", raw);
        var feed = Unfold(raw);

        // Every primary shift starts at Alex's 17:00 handoff on one of his nights (even days from 5 January), none
        // on Megan's; about 8 weeks ahead and a week back is some 32 nights of his.
        var starts = Starts().Matches(feed).Select(m => Instant.FromDateTimeUtc(DateTime.SpecifyKind(
            DateTime.ParseExact(m.Groups["t"].Value, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture), DateTimeKind.Utc))).ToList();
        var primary = starts.Where(s => s != Tomorrow(20)).ToList();
        Assert.InRange(primary.Count, 30, 34);
        Assert.All(primary, s =>
        {
            var local = s.InZone(London).LocalDateTime;
            Assert.Equal(new LocalTime(17, 0), local.TimeOfDay);
            Assert.Equal(0, Period.Between(new LocalDate(2026, 1, 5), local.Date, PeriodUnits.Days).Days % 2);
        });
        Assert.Contains(primary, s => s < now);                               // the week just gone is there too
        Assert.Equal(primary.Count, feed.Split("SUMMARY:On call — primary").Length - 1);
        // His one override, and nothing of Megan's (her secondary override, her manager shifts).
        Assert.Contains($"DTSTART:{Tomorrow(20).InUtc():yyyyMMdd'T'HHmmss'Z'}\r\nDTEND:{Tomorrow(22).InUtc():yyyyMMdd'T'HHmmss'Z'}", feed);
        Assert.Single(feed.Split("\r\n"), l => l == "SUMMARY:On call — secondary");
        Assert.Contains("This is an override", feed);
        Assert.DoesNotContain("manager on duty", feed);
        Assert.DoesNotContain($"DTSTART:{Tomorrow(22).InUtc():yyyyMMdd'T'HHmmss'Z'}", feed);

        var second = await AskForLinkAsync(_s.Alex, 2);
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.NotFound, (await _s.Bot.Http.GetAsync($"calendar/{first}.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _s.Bot.Http.GetAsync($"calendar/{second}.ics")).StatusCode);

        // Only a hash is stored, and the logs name the person, never the secret.
        Assert.Equal(1, await _s.Db.CountAsync("calendar_feeds", "staff_id = 'aad-alex'"));
        Assert.Equal(SHA256.HashData(Encoding.ASCII.GetBytes(second)), await _s.Db.ScalarAsync<byte[]>("select token_hash from calendar_feeds"));
        Assert.Contains(_s.Bot.Logs.Lines, l => l.Contains("Calendar feed for aad-alex"));
        Assert.DoesNotContain(_s.Bot.Logs.Lines, l => l.Contains(first) || l.Contains(second));
        // Issued as it was sent: the links never rested in the outbox (or anywhere else but as a hash).
        Assert.Equal(0, await _s.Db.CountAsync("outbox", "payload like '%calendar/%'"));
    }

    [Theory]
    [InlineData("calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics")]   // well-formed, never issued
    [InlineData("calendar/not-a-token.ics")]
    [InlineData("calendar/%2e%2e%2fhealthz.ics")]
    [InlineData("calendar/.ics")]
    [InlineData("calendar/")]
    public async Task Any_other_token_is_a_bare_404(string path)
    {
        (await _s.SendAsync(_s.Alex.Install())).EnsureSuccessStatusCode();
        await AskForLinkAsync(_s.Alex, 1);

        var response = await _s.Bot.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }
}

/// <summary>Without a public address there is no link to give, and the bot says what is missing.</summary>
public sealed class CalendarFeedNotSetUpTests(PostgresFixture pg) : ScenarioTest(pg)
{
    [Fact]
    public async Task Calendar_says_the_feed_is_not_set_up_and_issues_no_token()
    {
        (await _s.SendAsync(_s.Alex.Install())).EnsureSuccessStatusCode();
        (await _s.SendAsync(_s.Alex.Message("calendar"))).EnsureSuccessStatusCode();

        await Eventually.TrueAsync(() => _s.Connector.Texts().Any(t => t.Contains("Calendar:PublicBaseUrl")), "told the feed isn't set up");
        Assert.Equal(0, await _s.Db.CountAsync("calendar_feeds"));
    }
}
