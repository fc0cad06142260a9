using ResponseBot.Teams;

namespace ResponseBot.Tests.Unit;

public sealed class BotOptionsTests
{
    [Theory]
    [InlineData("00:00:00", true)]
    [InlineData("00:00:00.500", true)]
    [InlineData("00:00:01", false)]
    [InlineData("00:00:30", false)]
    public void A_key_refresh_interval_under_a_second_is_refused_at_start(string interval, bool refused)
    {
        var options = new BotOptions { AppId = "app", TenantId = "t", ClientSecret = "s", AllowedTenants = ["t"], MinKeyRefreshInterval = TimeSpan.Parse(interval) };
        Assert.Equal(refused, options.Problems(development: false).Any(p => p.StartsWith("Bot:MinKeyRefreshInterval")));
    }

    [Theory]
    [InlineData("-00:00:00.100", true)]
    [InlineData("00:00:00", false)]
    [InlineData("00:00:00.500", false)]
    [InlineData("00:00:10", false)]
    [InlineData("00:00:11", true)]
    public void A_pacing_slack_below_nothing_or_beyond_ten_seconds_is_refused_at_start(string slack, bool refused)
    {
        var options = new BotOptions { AppId = "app", TenantId = "t", ClientSecret = "s", AllowedTenants = ["t"], PacingSlack = TimeSpan.Parse(slack) };
        Assert.Equal(refused, options.Problems(development: false).Any(p => p.StartsWith("Bot:PacingSlack")));
    }

    [Theory]
    [InlineData("00:00:01", "00:00:02")]
    [InlineData("00:00:02", "00:00:03")]
    [InlineData("00:00:30", "00:00:39")]
    [InlineData("01:00:00", "01:18:00")]
    public void Teams_windows_are_counted_30_percent_longer_and_at_least_a_second_longer(string teams, string counted) =>
        Assert.Equal(TimeSpan.Parse(counted), ResponseBot.Teams.Outbound.ConnectorPacer.Counted(TimeSpan.Parse(teams), new BotOptions()));
}
