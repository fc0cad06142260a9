using ResponseBot.Host.Calendar;

namespace ResponseBot.Tests.Unit;

public sealed class CalendarOptionsTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("https://bot.example.gov.uk", true)]
    [InlineData("http://127.0.0.1:3978/", true)]
    [InlineData("bot.example.gov.uk", false)]
    [InlineData("ftp://bot.example.gov.uk", false)]
    [InlineData("https://bot.example.gov.uk/?x=1", false)]
    public void The_public_base_url_must_be_an_absolute_http_url(string? url, bool valid) =>
        Assert.Equal(valid, new CalendarOptions { PublicBaseUrl = url }.IsValid());

    [Theory]
    [InlineData("https://bot.example.gov.uk", "https://bot.example.gov.uk/calendar/abc.ics")]
    [InlineData("https://bot.example.gov.uk/responsebot/", "https://bot.example.gov.uk/responsebot/calendar/abc.ics")]
    public void Feed_links_join_the_base_url_without_a_double_slash(string baseUrl, string link) =>
        Assert.Equal(link, new CalendarOptions { PublicBaseUrl = baseUrl }.FeedUrl("abc"));
}
