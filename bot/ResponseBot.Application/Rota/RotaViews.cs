using System.Text.Json.Nodes;
using NodaTime;
using ResponseBot.Application.Duty;
using ResponseBot.Application.Ports;
using ResponseBot.Application.Views;
using ResponseBot.Domain;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Application.Rota;

/// <summary>Gathers the rota, takeovers and names for the rota cards inside a unit of work; the card builders format them.</summary>
public sealed class RotaViews(RotaConfig rota, ICardRenderer renderer, TimeProvider clock)
{
    public const int Days = 7;

    public async Task<JsonObject> WhoIsOnCallAsync(IUnitOfWork uow, CancellationToken ct, string? notice = null)
    {
        var duty = await uow.DutyAsync(rota, clock.Now(), ct);
        var layers = Enum.GetValues<Layer>().Where(l => l == Layer.Primary || rota.Layers.Contains(l) || duty.Holder(l).StaffId is not null).ToList();
        var lines = layers.Select(l => (Now: duty.Holder(l), Next: duty.Next(l))).ToList();
        var name = await NamesAsync(uow, lines.SelectMany(x => new[] { x.Now.StaffId, x.Next?.Holder.StaffId }), ct);
        return renderer.WhoIsOnCall(new WhoIsOnCallModel(duty.At, rota.Zone, lines.Select(x => new DutyLine(x.Now.Layer,
            x.Now.StaffId is { } now ? name(now) : null, x.Now.Until,
            x.Next?.Holder.StaffId is { } next ? name(next) : null, x.Next?.From)).ToList(), notice));
    }

    public async Task<JsonObject> WeekAsync(IUnitOfWork uow, string viewerId, CancellationToken ct, string? notice = null)
    {
        var zone = rota.Zone;
        var now = clock.Now();
        var today = now.InZone(zone).Date;
        var range = new Interval(zone.AtStartOfDay(today).ToInstant(), zone.AtStartOfDay(today.PlusDays(Days)).ToInstant());
        var plan = await uow.PlanAsync(rota, range, ct);
        var layers = Enum.GetValues<Layer>().Where(l => l == Layer.Primary || rota.Layers.Contains(l) || plan.Overrides.Any(o => o.Layer == l)).ToList();
        var shifts = layers.SelectMany(l => plan.Shifts(l, range)).OrderBy(s => s.Start).ThenBy(s => s.Layer).ToList();
        var overrides = plan.Overrides.Where(o => o.End > now).ToList();
        var name = await NamesAsync(uow, shifts.Select(s => s.StaffId).Concat(overrides.Select(o => o.StaffId)).Concat(rota.People), ct);

        // A shift is listed under every day it covers (a weekend under Saturday and Sunday too), from that day's start.
        var days = Enumerable.Range(0, Days).Select(i => today.PlusDays(i)).Select(day =>
        {
            var (start, end) = (zone.AtStartOfDay(day).ToInstant(), zone.AtStartOfDay(day.PlusDays(1)).ToInstant());
            return new RotaDay(day, shifts.Where(s => s.Start < end && s.End > start)
                .Select(s => new RotaEntry(s.Layer, Instant.Max(s.Start, start), s.End, s.StaffId is { } id ? name(id) : null, s.IsOverride)).ToList());
        }).ToList();
        return renderer.RotaWeek(new RotaWeekModel(zone, days, shifts.Count(s => s.StaffId is null), rota.IsCoordinator(viewerId),
            overrides.Select(o => new OverrideLine(o, name(o.StaffId))).ToList(),
            rota.People.Select(p => new PersonChoice(p, name(p))).OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToList(), notice));
    }

    public static async Task<Func<string, string>> NamesAsync(IUnitOfWork uow, IEnumerable<string?> ids, CancellationToken ct)
    {
        var names = await uow.Staff.NamesAsync(ids.OfType<string>(), ct);
        return id => names.GetValueOrDefault(id, id);
    }
}
