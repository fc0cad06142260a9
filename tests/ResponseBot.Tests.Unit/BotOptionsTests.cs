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
}
