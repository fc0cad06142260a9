using ResponseBot.Domain;

namespace ResponseBot.Platforms;

public static class PublisherChoice
{
    /// <summary>The account's settings and the publisher for its platform; an account or platform gone from configuration is a permanent failure.</summary>
    public static (AccountOptions Settings, IReplyPublisher Publisher) For(AccountDirectory accounts, IEnumerable<IReplyPublisher> publishers, string accountId)
    {
        var settings = accounts.Settings(accountId)
            ?? throw new DeliveryException(DeliveryFailure.Permanent, $"account {accountId} is no longer configured");
        var publisher = publishers.FirstOrDefault(p => p.Platform == settings.Platform)
            ?? throw new DeliveryException(DeliveryFailure.Permanent, $"no publisher for {settings.Platform}");
        return (settings, publisher);
    }
}
