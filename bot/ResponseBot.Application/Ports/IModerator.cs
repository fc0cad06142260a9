using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Application.Ports;

/// <summary>
/// Hides or unhides a mention on the platform, as the account it was addressed to (a Facebook comment on the Page, a reply to
/// the account on X). Idempotent: hiding what is already hidden succeeds. Throws DeliveryException on failure.
/// </summary>
public interface IModerator
{
    Platform Platform { get; }

    Task SetHiddenAsync(CaseRecord @case, bool hidden, CancellationToken ct);
}
