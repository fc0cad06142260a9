using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using ResponseBot.Cards;
using ResponseBot.Domain.Chat;
using ResponseBot.Domain.People;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Host.Bot;

/// <summary>
/// The rota cards' buttons. Viewing is for everyone; adding, changing and removing cover is for coordinators,
/// decided from the authenticated user. Everyone a change moves is told, in the same transaction as the change.
/// </summary>
public sealed class RotaInteractions(IRotaSource rota, IRotaStore store, RotaViews views, SwapInteractions swaps, TimeProvider clock, ILogger<RotaInteractions> log)
{
    public static bool Handles(string verb) => verb.StartsWith("rota.", StringComparison.Ordinal);

    public async Task<InteractionReply> ActAsync(ChatInteraction.CardAction a, CancellationToken ct)
    {
        // Teams re-sent an invoke we already handled: show the current card, change nothing (no second override).
        if (a.Repeat)
            return a.Verb switch
            {
                CardVerbs.WhoIsOnCall => Card(await views.WhoIsOnCallAsync(ct)),
                CardVerbs.TakeSwap or CardVerbs.ViewSwap or CardVerbs.ApproveSwap or CardVerbs.DeclineSwap => await swaps.ViewAsync(a, ct),
                _ => Card(await views.WeekAsync(a.Actor.Id, ct)),
            };
        switch (a.Verb)
        {
            case CardVerbs.TakeSwap or CardVerbs.ViewSwap or CardVerbs.ApproveSwap or CardVerbs.DeclineSwap:
                return await swaps.ActAsync(a, ct);
            case CardVerbs.WhoIsOnCall:
                return Card(await views.WhoIsOnCallAsync(ct));
            case CardVerbs.RotaWeek:
                return Card(await views.WeekAsync(a.Actor.Id, ct));
            case CardVerbs.AddOverride or CardVerbs.ChangeOverride or CardVerbs.RemoveOverride when !views.IsCoordinator(a.Actor.Id):
                log.LogWarning("{StaffId} tried {Verb} but is not a rota coordinator", a.Actor.Id, a.Verb);
                return new InteractionReply.Info("Only rota coordinators (Rota:Coordinators) can change cover.");
            case CardVerbs.AddOverride or CardVerbs.ChangeOverride or CardVerbs.RemoveOverride:
                return Card(await views.WeekAsync(a.Actor.Id, ct, await ChangeAsync(a, ct)));
            default:
                return new InteractionReply.Error(400, "BadRequest", "This button isn't recognised. The card may be out of date.");
        }
    }

    private async Task<string> ChangeAsync(ChatInteraction.CardAction a, CancellationToken ct)
    {
        var now = clock.Now();
        var cancelId = a.Verb == CardVerbs.AddOverride ? null : CardCommands.Number(a.Data[CardVerbs.OverrideIdKey]);
        if (a.Verb != CardVerbs.AddOverride && cancelId is null) return "This card doesn't name the cover to change.";

        var window = new Interval(now - Duration.FromDays(1), now + RotaChanges.LongestOverride + Duration.FromDays(31));
        var before = await rota.PlanAsync(window, ct);
        var cancelled = before.Overrides.FirstOrDefault(o => o.Id == cancelId);
        if (cancelId is not null && cancelled is null) return "That cover has already been removed or has ended.";

        RotaOverride? added = null;
        if (a.Verb != CardVerbs.RemoveOverride)
        {
            var (parsed, error) = RotaChanges.Parse(Form(a.Data, cancelId is null ? "" : $"-{cancelId}"), rota.Zone, rota.People, rota.Managers, now);
            if (error is not null) return error;
            added = parsed! with { Id = long.MaxValue };   // the newest override wins where they overlap
        }

        var after = before with { Overrides = before.Overrides.Where(o => o.Id != cancelId).Concat(added is null ? [] : [added]).ToList() };
        var spans = new[] { cancelled, added }.OfType<RotaOverride>().ToList();
        var range = new Interval(spans.Min(o => o.Start), spans.Max(o => o.End));
        var name = await views.NamesAsync(rota.People, ct);
        var notices = RotaChanges.Notices(before, after, range, a.Actor.Name, name);
        if (await store.ChangeAsync(added, cancelId, a.Actor, now, notices, ct) is null)
            return "That cover has already been removed.";
        log.LogInformation("{StaffId} {Verb} override {OverrideId}; {Notified} people told", a.Actor.Id, a.Verb, cancelId, notices.Count);
        return added is null
            ? $"Cover removed. {Told(notices.Count)}"
            : $"Saved: {name(added.StaffId)} covers {RotaText.Name(added.Layer)} from {RotaText.Local(added.Start, rota.Zone)} to {RotaText.Local(added.End, rota.Zone)}. {Told(notices.Count)}";
    }

    private static string Told(int n) => n switch { 0 => "Nobody's shifts moved.", 1 => "1 person whose shifts moved has been told.", _ => $"{n} people whose shifts moved have been told." };

    private static OverrideForm Form(JsonObject data, string suffix)
    {
        string? Text(string key) => data[key + suffix] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        return new OverrideForm(Text(CardVerbs.OverrideLayerInputId), Text(CardVerbs.OverrideStaffInputId), Text(CardVerbs.OverrideStartDateInputId),
            Text(CardVerbs.OverrideStartTimeInputId), Text(CardVerbs.OverrideEndDateInputId), Text(CardVerbs.OverrideEndTimeInputId));
    }

    private static InteractionReply Card(Cards.Schema.AdaptiveCard card) => new InteractionReply.Card(card.ToJson());
}
