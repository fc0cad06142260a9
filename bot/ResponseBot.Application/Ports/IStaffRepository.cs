using NodaTime;
using ResponseBot.Domain.Chat;

namespace ResponseBot.Application.Ports;

/// <summary>The address book (staff): how to reach each member of staff, and their names.</summary>
public interface IStaffRepository
{
    /// <summary>Records or refreshes how to reach someone. True the first time we hear of them.</summary>
    Task<bool> SaveAddressAsync(ChatAddress address, Instant now, CancellationToken ct);

    Task MarkUninstalledAsync(string staffId, Instant now, CancellationToken ct);

    Task<ChatAddress?> FindAddressAsync(string staffId, CancellationToken ct);

    /// <summary>Display names of those who have talked to the bot; others are absent.</summary>
    Task<IReadOnlyDictionary<string, string>> NamesAsync(IEnumerable<string> staffIds, CancellationToken ct);

    /// <summary>Those of <paramref name="staffIds"/> the bot can reach (the app installed), in the order given.</summary>
    Task<IReadOnlyList<string>> ReachableAsync(IReadOnlyList<string> staffIds, CancellationToken ct);

    /// <summary>The Teams user ids of those of these people who have talked to the bot, by staff id.</summary>
    Task<IReadOnlyDictionary<string, string>> ChannelUserIdsAsync(IReadOnlyList<string> staffIds, CancellationToken ct);
}
