using System.Text.Json;
using NodaTime;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Outbox;
using ResponseBot.Domain.Paging;

namespace ResponseBot.Application.Paging;

/// <summary>
/// Writes the pages an escalation step calls for, in the unit of work of the timer firing: one outbox message per person and
/// channel (so a retried SMS never repeats the e-mail), or a decision-log entry for someone with nothing registered.
/// </summary>
public static class PageWriter
{
    public static async Task WriteAsync(IUnitOfWork uow, PagingSettings paging, long caseId, IReadOnlyList<PageTo> people, Instant now, CancellationToken ct)
    {
        if (!paging.IsEnabled || people.Count == 0) return;
        var plan = Domain.Paging.PagingRules.Plan(people, await uow.Contacts.ForAsync(people.Select(p => p.StaffId).ToList(), ct), paging.Channels);
        foreach (var page in plan.Pages)
            await uow.Outbox.EnqueueAsync(page.Channel == PageChannel.Email ? OutboxKinds.PageEmail : OutboxKinds.PageSms, caseId, page.StaffId, page.Reason, now, now, ct);
        foreach (var nobody in plan.Unreachable)
            await uow.Log.AppendAsync(DecisionEntry.System(caseId, now, DecisionActions.NotPaged,
                JsonSerializer.Serialize(new { staffId = nobody.StaffId, why = nobody.Reason }), reason: "no e-mail address or mobile number registered"), ct);
    }
}
