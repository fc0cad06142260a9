using ResponseBot.Domain.Chat;

namespace ResponseBot.Domain.People;

public enum DutyRole
{
    /// <summary>The officer on call: gets every new mention.</summary>
    Officer,
    /// <summary>The manager on duty: gets approvals and escalations.</summary>
    Manager,
}

public static class DutyRoles
{
    /// <summary>The rota layer an "on call" takeover in this role sits on.</summary>
    public static Rota.Layer Layer(this DutyRole role) => role == DutyRole.Manager ? Rota.Layer.Manager : Rota.Layer.Primary;
}

public sealed record OnCallChange(StaffMember? Previous, int CasesQueued);

/// <summary>What to tell the incoming officer and, if someone was relieved, the outgoing one.</summary>
public sealed record OnCallNotices(string ToNewOfficer, string? ToPrevious);

/// <summary>Staff, how to reach them, and who is on call now.</summary>
public interface IStaffStore
{
    /// <summary>Records or refreshes how to reach someone. True the first time we hear of them.</summary>
    Task<bool> SaveAddressAsync(ChatAddress address, DateTimeOffset now, CancellationToken ct);

    Task MarkUninstalledAsync(string staffId, DateTimeOffset now, CancellationToken ct);

    Task<ChatAddress?> FindAddressAsync(string staffId, CancellationToken ct);

    /// <summary>"On call" takeovers still in force at <paramref name="now"/>.</summary>
    Task<IReadOnlyList<Rota.Takeover>> TakeoversAsync(DateTimeOffset now, CancellationToken ct);

    /// <summary>Display names of those who have talked to the bot; others are absent.</summary>
    Task<IReadOnlyDictionary<string, string>> NamesAsync(IEnumerable<string> staffIds, CancellationToken ct);

    /// <summary>Makes <paramref name="staff"/> the officer on call from now ("I'm taking over") until "off call" or
    /// <paramref name="until"/>, queues cards for open cases they haven't seen and the notices, in one transaction. A new officer
    /// restarts the acknowledgement timers of cases nobody has acted on (due <paramref name="acknowledgeBy"/>).</summary>
    Task<OnCallChange> GoOnCallAsync(StaffMember staff, DutyRole role, DateTimeOffset now, DateTimeOffset? until, DateTimeOffset acknowledgeBy,
        Func<OnCallChange, OnCallNotices> notices, CancellationToken ct);

    /// <summary>Ends <paramref name="staff"/>'s cover in every role. False when they weren't on call.</summary>
    Task<bool> GoOffCallAsync(StaffMember staff, DateTimeOffset now, Func<bool, string> confirmation, CancellationToken ct);
}
