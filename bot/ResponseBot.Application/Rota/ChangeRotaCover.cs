using ResponseBot.Domain;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using NodaTime;
using ResponseBot.Application.Chat;
using ResponseBot.Application.Duty;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Chat;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Application.Rota;

/// <summary>What a coordinator asked on a rota card: add cover, or change or remove override <see cref="CancelId"/>.</summary>
public sealed record CoverChange(ChatInteraction.CardAction Interaction, bool Add, bool Remove, long? CancelId, OverrideForm Form);

/// <summary>
/// Coordinators add, change and remove cover from the rota card. One unit of work: the override cancelled and/or added,
/// everyone whose shifts move told what they gained and lost, the change logged; the week card answered with the outcome.
/// </summary>
public sealed class ChangeRotaCover(IUnitOfWorkFactory db, RotaConfig rota, RotaViews views, TimeProvider clock, ILogger<ChangeRotaCover> log)
{
    public async Task<InteractionReply> RunAsync(CoverChange change, CancellationToken ct)
    {
        var a = change.Interaction;
        var now = clock.Now();
        await using var uow = await db.BeginAsync(ct);
        // Teams re-sending an invoke we already handled is shown the current card: no second override.
        var reply = await GuardedChange.RunAsync(uow, a, rota.IsCoordinator(a.Actor.Id), "Only rota coordinators (Rota:Coordinators) can change cover.",
            ShowRota.WeekSummary, notice => views.WeekAsync(uow, a.Actor.Id, ct, notice), () => ChangeAsync(uow, change, ct), now, log, ct);
        await uow.CommitAsync(ct);
        return reply;
    }

    private async Task<string> ChangeAsync(IUnitOfWork uow, CoverChange change, CancellationToken ct)
    {
        var a = change.Interaction;
        var now = clock.Now();
        var cancelId = change.CancelId;
        if (!change.Add && cancelId is null) return "This card doesn't name the cover to change.";

        var window = new Interval(now - Duration.FromDays(1), now + RotaChanges.LongestOverride + Duration.FromDays(31));
        var before = await uow.PlanAsync(rota, window, ct);
        var cancelled = before.Overrides.FirstOrDefault(o => o.Id == cancelId);
        if (cancelId is not null && cancelled is null) return "That cover has already been removed or has ended.";

        RotaOverride? added = null;
        if (!change.Remove)
        {
            var (parsed, error) = RotaChanges.Parse(change.Form, rota.Zone, rota.People, rota.Managers, now);
            if (error is not null) return error;
            added = parsed! with { Id = long.MaxValue };   // the newest override wins where they overlap
        }

        var after = before with { Overrides = before.Overrides.Where(o => o.Id != cancelId).Concat(added is null ? [] : [added]).ToList() };
        var spans = new[] { cancelled, added }.OfType<RotaOverride>().ToList();
        var range = new Interval(spans.Min(o => o.Start), spans.Max(o => o.End));
        var name = await RotaViews.NamesAsync(uow, rota.People, ct);
        var notices = RotaChanges.Notices(before, after, range, a.Actor.Name, name);
        if (cancelId is { } id && !await uow.Overrides.CancelAsync(id, a.Actor.Id, now, ct)) return "That cover has already been removed.";
        long? addedId = added is null ? null : await uow.Overrides.InsertAsync(added, a.Actor.Id, now, ct);
        foreach (var (staffId, text) in notices)
            await ChatRequest.TextAsync(uow, staffId, text, now, ct);
        await uow.Log.AppendAsync(new DecisionEntry(null, now, a.Actor.Id, a.Actor.Name, DecisionActions.RotaChanged,
            Detail: JsonSerializer.Serialize(new { added = addedId, cancelled = cancelId, notified = notices.Keys })), ct);
        log.LogInformation("{StaffId} {Verb}: override {AddedId} added, {CancelledId} removed; {Notified} people told",
            a.Actor.Id, a.Verb, addedId, cancelId, notices.Count);
        return added is null
            ? $"Cover removed. {Told(notices.Count)}"
            : $"Saved: {name(added.StaffId)} covers {RotaText.Name(added.Layer)} from {RotaText.Local(added.Start, rota.Zone)} to {RotaText.Local(added.End, rota.Zone)}. {Told(notices.Count)}";
    }

    private static string Told(int n) => n switch { 0 => "Nobody's shifts moved.", 1 => "1 person whose shifts moved has been told.", _ => $"{n} people whose shifts moved have been told." };
}
