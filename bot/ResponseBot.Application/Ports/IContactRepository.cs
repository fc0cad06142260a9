using NodaTime;
using ResponseBot.Domain.Paging;

namespace ResponseBot.Application.Ports;

/// <summary>staff_contacts: the e-mail address and mobile number each member of staff registered for pages.</summary>
public interface IContactRepository
{
    Task<StaffContact?> FindAsync(string staffId, CancellationToken ct);

    /// <summary>The contacts of those of <paramref name="staffIds"/> who registered any, by staff id.</summary>
    Task<IReadOnlyDictionary<string, StaffContact>> ForAsync(IReadOnlyList<string> staffIds, CancellationToken ct);

    /// <summary>Sets (or, with null, clears) one channel's address for this person, keeping the other.</summary>
    Task SaveAsync(string staffId, PageChannel channel, string? address, Instant now, CancellationToken ct);
}
