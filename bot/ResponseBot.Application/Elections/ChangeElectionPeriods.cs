using System.Text.Json;
using Microsoft.Extensions.Logging;
using ResponseBot.Application.Chat;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Chat;
using ResponseBot.Domain.Elections;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Application.Elections;

public enum ElectionChangeKind { Add, Change, End, Remove }

/// <summary>What a manager asked on the periods card: add one from the form, or change, end or remove stored period <see cref="Id"/>.</summary>
public sealed record ElectionChange(ChatInteraction.CardAction Interaction, ElectionChangeKind Kind, long? Id, ElectionForm Form);

/// <summary>
/// Managers add, change, end and remove pre-election periods from Teams. One unit of work: the period written, the change logged
/// (who, what, when), the other managers and the rota coordinators told; the card answered with the outcome. Configured periods
/// are not in the database, so they can't be touched here.
/// </summary>
public sealed class ChangeElectionPeriods(IUnitOfWorkFactory db, RotaConfig rota, IAccountDirectory accounts, ElectionViews views, TimeProvider clock,
    ILogger<ChangeElectionPeriods> log)
{
    public const string NotAManager = "Only managers (Roles:Managers or the rota's manager layer) can change pre-election periods.";

    public async Task<InteractionReply> RunAsync(ElectionChange change, CancellationToken ct)
    {
        var a = change.Interaction;
        var now = clock.Now();
        await using var uow = await db.BeginAsync(ct);
        // Managers are decided from the authenticated user and the rota, never from the card.
        var reply = await GuardedChange.RunAsync(uow, a, rota.IsManager(a.Actor.Id), NotAManager, ElectionViews.Summary,
            notice => views.CardAsync(uow, a.Actor.Id, ct, notice), () => ChangeAsync(uow, change, ct), now, log, ct);
        await uow.CommitAsync(ct);
        return reply;
    }

    private async Task<string> ChangeAsync(IUnitOfWork uow, ElectionChange change, CancellationToken ct)
    {
        var a = change.Interaction;
        var now = clock.Now();
        var today = now.InZone(rota.Zone).Date;
        ElectionPeriod? before = null;
        if (change.Kind != ElectionChangeKind.Add
            && (change.Id is not { } id || (before = await uow.Elections.GetForUpdateAsync(id, ct)) is null || before.IsOver(today)))
            return "That period has already ended or been removed.";

        ElectionPeriod? after;
        switch (change.Kind)
        {
            case ElectionChangeKind.Add or ElectionChangeKind.Change:
                var (parsed, error) = ElectionPeriods.Parse(change.Form, before?.Id, accounts.Ids, today);
                if (error is not null) return error;
                after = parsed!;
                break;
            case ElectionChangeKind.End:
                after = ElectionPeriods.EndNow(before!, today);
                break;
            default:
                after = null;
                break;
        }

        if (before is null) after = after! with { Id = await uow.Elections.InsertAsync(after!, a.Actor.Id, now, ct) };
        else if (after is null) await uow.Elections.RemoveAsync(before.Id!.Value, a.Actor.Id, now, ct);
        else await uow.Elections.UpdateAsync(after, a.Actor.Id, now, ct);

        var what = ElectionText.Describe(before, after, today);
        var told = rota.Managers.Concat(rota.Coordinators).Where(s => !string.Equals(s, a.Actor.Id, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var staffId in told)
            await ChatRequest.TextAsync(uow, staffId, $"{a.Actor.Name} {what}", now, ct);
        await uow.Log.AppendAsync(new DecisionEntry(null, now, a.Actor.Id, a.Actor.Name, DecisionActions.ElectionPeriodChanged,
            Detail: JsonSerializer.Serialize(new { change = change.Kind.ToString().ToLowerInvariant(), before = Row(before), after = Row(after), notified = told })), ct);
        log.LogInformation("{StaffId} {Verb}: pre-election period {PeriodId} {Change}; {Notified} people told",
            a.Actor.Id, a.Verb, (after ?? before)?.Id, change.Kind, told.Count);
        return $"Saved: you {what}";
    }

    private static object? Row(ElectionPeriod? p) =>
        p is null ? null : new { id = p.Id, name = p.Name, from = p.From.ToString("yyyy-MM-dd", null), to = p.To.ToString("yyyy-MM-dd", null), accounts = p.Accounts };
}
