using ResponseBot.Domain;
using ResponseBot.Domain.Accounts;

namespace ResponseBot.Platforms.Facebook;

/// <summary>The Facebook accounts configured, and one account's settings for a Graph call.</summary>
internal static class FacebookAccount
{
    /// <summary>Gone from configuration (or no longer a Page) is permanent: retrying can't bring it back.</summary>
    public static AccountOptions Of(AccountDirectory accounts, string accountId) =>
        accounts.Settings(accountId) is { Platform: Platform.Facebook, PageAccessToken: { Length: > 0 } } a ? a
            : throw new DeliveryException(DeliveryFailure.Permanent, $"account {accountId} is no longer configured for Facebook");

    /// <summary>Every Facebook account, by its configured id.</summary>
    public static IReadOnlyList<(string Id, AccountOptions Page)> All(AccountDirectory accounts) =>
        accounts.Ids.Select(id => (Id: id, Page: accounts.Settings(id)!)).Where(a => a.Page.Platform == Platform.Facebook).ToList();
}
