using Microsoft.Extensions.Logging;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Application.Cases;

/// <summary>
/// Carries a hide or unhide decided on a case to the platform, from the outbox. What is sent is what the case says now, not
/// what the message said when queued: a hide followed by an unhide ends with the post shown, whichever message runs last.
/// If the platform refuses for good, the case goes back to how the post really is and whoever asked is told.
/// </summary>
public sealed class ModerateMention(IUnitOfWorkFactory db, IAccountDirectory accounts, IEnumerable<IModerator> moderators, TimeProvider clock,
    ILogger<ModerateMention> log)
{
    public async Task RunAsync(long caseId, CancellationToken ct)
    {
        // A hide and an unhide may be sent by two instances at once and land in either order: after each call the case is read
        // again, and while it says otherwise the platform is told again, so the last word on the platform is the case's.
        bool? sent = null;
        for (var round = 0; round < 3; round++)
        {
            CaseRecord c;
            await using (var uow = await db.BeginAsync(ct))
                c = await uow.Cases.GetAsync(caseId, ct) ?? throw new DeliveryException(DeliveryFailure.Permanent, "the case no longer exists");
            if (c.DeletedAt is not null)
            {
                log.LogInformation("Case {CaseId}: the post was deleted; nothing to hide or show", caseId);
                return;
            }
            var hidden = c.Hidden is not null;
            if (sent == hidden) return;
            await For(c.Mention.AccountId).SetHiddenAsync(c, hidden, ct);
            log.LogInformation("Case {CaseId}: the post is {State} on the platform", caseId, hidden ? "hidden" : "shown");
            sent = hidden;
        }
    }

    public async Task GiveUpAsync(long caseId, bool hidden, string? staffId, string reason, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(ct);
        if (await uow.Cases.GetAsync(caseId, ct, forUpdate: true) is not { } c) return;
        var now = clock.Now();
        if (Moderation.Failed(c, hidden, reason, staffId, now) is CaseOutcome.Transition t)
            await CaseChanges.CommitAsync(uow, c, t, null, now, ct);
        await uow.CommitAsync(ct);
        log.LogWarning("Case {CaseId}: the platform refused to {Action} the post: {Reason}", caseId, hidden ? "hide" : "show", reason);
    }

    private IModerator For(string accountId)
    {
        var account = accounts.Find(accountId) ?? throw new DeliveryException(DeliveryFailure.Permanent, $"account {accountId} is no longer configured");
        return moderators.FirstOrDefault(m => m.Platform == account.Platform)
            ?? throw new DeliveryException(DeliveryFailure.Permanent, $"{account.PlatformName} has no way to hide a post");
    }
}
