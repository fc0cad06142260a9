using System.ComponentModel.DataAnnotations;
using ResponseBot.Application;
using ResponseBot.Host.Downloads;

namespace ResponseBot.Tests.Unit;

public sealed class DownloadOptionsTests
{
    [Fact]
    public void Links_start_with_their_own_base_url_or_the_calendars_and_last_fifteen_minutes_by_default()
    {
        var options = new DownloadOptions();
        Assert.Equal(TimeSpan.FromMinutes(15), options.Expiry);
        Assert.Null(options.BaseUrl(null));
        Assert.Equal("https://cal.example.test", options.BaseUrl("https://cal.example.test"));
        options.PublicBaseUrl = "https://bot.example.test/";
        Assert.Equal("https://bot.example.test/", options.BaseUrl("https://cal.example.test"));
        Assert.Equal("https://bot.example.test/downloads/abc", new DownloadSettings(options.BaseUrl(null), NodaTime.Duration.FromMinutes(15)).Url("abc"));
    }

    [Theory]
    [InlineData("https://bot.example.test", "00:15:00", true)]
    [InlineData("https://bot.example.test/?x=1", "00:15:00", false)]
    [InlineData("ftp://bot.example.test", "00:15:00", false)]
    [InlineData("https://bot.example.test", "00:00:30", false)]
    [InlineData("https://bot.example.test", "2.00:00:00", false)]
    public void A_bad_base_url_or_expiry_is_refused(string url, string expiry, bool valid)
    {
        var options = new DownloadOptions { PublicBaseUrl = url, Expiry = TimeSpan.Parse(expiry, System.Globalization.CultureInfo.InvariantCulture) };
        var attributes = Validator.TryValidateObject(options, new ValidationContext(options), null, validateAllProperties: true);
        Assert.Equal(valid, attributes && options.IsValid(null));
    }
}
