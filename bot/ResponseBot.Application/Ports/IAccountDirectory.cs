using ResponseBot.Domain.Accounts;

namespace ResponseBot.Application.Ports;

/// <summary>The organisation's configured accounts.</summary>
public interface IAccountDirectory
{
    Account? Find(string accountId);

    /// <summary>Every configured account's id.</summary>
    IReadOnlyList<string> Ids { get; }
}
