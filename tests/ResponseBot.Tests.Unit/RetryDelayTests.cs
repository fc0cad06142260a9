using ResponseBot.Jobs.Outbox;

namespace ResponseBot.Tests.Unit;

public sealed class RetryDelayTests
{
    private static readonly OutboxOptions Options = new() { FirstRetryDelay = TimeSpan.FromSeconds(2), MaxRetryDelay = TimeSpan.FromMinutes(5) };

    [Fact]
    public void Retry_After_from_the_server_wins_but_is_capped()
    {
        Assert.Equal(TimeSpan.FromSeconds(7), RetryDelay.For(3, TimeSpan.FromSeconds(7), Options, new Random(1)));
        Assert.Equal(TimeSpan.FromMinutes(5), RetryDelay.For(1, TimeSpan.FromHours(2), Options, new Random(1)));
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(4, 16)]
    [InlineData(20, 300)]
    public void Without_Retry_After_the_delay_doubles_with_twenty_percent_jitter(int attempt, double seconds)
    {
        var random = new Random(42);
        var delays = Enumerable.Range(0, 200).Select(_ => RetryDelay.For(attempt, null, Options, random).TotalSeconds).ToList();
        Assert.All(delays, d => Assert.InRange(d, seconds * 0.8, seconds * 1.2));
        Assert.True(delays.Distinct().Count() > 150, "jitter spreads retries out");
    }
}
