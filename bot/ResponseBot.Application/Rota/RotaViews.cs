using ResponseBot.Domain;
using System.Globalization;
using NodaTime;
using System.Text.Json.Nodes;
using ResponseBot.Application.Duty;
using ResponseBot.Application.Ports;
using ResponseBot.Application.Views;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Application.Rota;

/// <summary>Gathers the rota, takeovers and names for the rota cards inside a unit of work, so the card builders stay pure.</summary>
public sealed class RotaViews(RotaConfig rota, ICardRenderer renderer, TimeProvider clock)
{
    public const int Days = 7;

    public async Task<JsonObject> WhoIsOnCallAsync(IUnitOfWork uow, CancellationToken ct, string? notice = null)
    {
        var duty = await uow.DutyAsync(rota, clock.Now(), ct);
        var layers = Enum.GetValues<Layer>().Where(l => l == Layer.Primary || rota.Layers.Contains(l) || duty.Holder(l).StaffId is not null).ToList();
        var lines = layers.Select(l => (Now: duty.Holder(l), Next: duty.Next(l))).ToList();
        var name = await NamesAsync(uow, lines.SelectMany(x => new[] { x.Now.StaffId, x.Next?.Holder.StaffId }), ct);
        return renderer.WhoIsOnCall(new WhoIsOnCallModel(Local(duty.At), lines.Select(x => new DutyLine(
            Title(x.Now.Layer),
            x.Now.StaffId is { } now ? name(now) : null, x.Now.Until is { } until ? Local(until) : null,
            x.Next?.Holder.StaffId is { } next ? name(next) : null, x.Next is { } n ? Local(n.From) : null)).ToList(), notice));
    }

    public async Task<JsonObject> WeekAsync(IUnitOfWork uow, string viewerId, CancellationToken ct, string? notice = null)
    {
        var zone = rota.Zone;
        var today = clock.Now().InZone(zone).Date;
        var range = new Interval(zone.AtStartOfDay(today).ToInstant(), zone.AtStartOfDay(today.PlusDays(Days)).ToInstant());
        var plan = await uow.PlanAsync(rota, range, ct);
        var layers = Enum.GetValues<Layer>().Where(l => l == Layer.Primary || rota.Layers.Contains(l) || plan.Overrides.Any(o => o.Layer == l)).ToList();
        var shifts = layers.SelectMany(l => plan.Shifts(l, range)).OrderBy(s => s.Start).ThenBy(s => s.Layer).ToList();
        var overrides = plan.Overrides.Where(o => o.End > clock.Now()).ToList();
        var name = await NamesAsync(uow, shifts.Select(s => s.StaffId).Concat(overrides.Select(o => o.StaffId)).Concat(rota.People), ct);

        // A shift is listed under every day it covers (a weekend under Saturday and Sunday too), from that day's start.
        var days = Enumerable.Range(0, Days).Select(i => today.PlusDays(i)).Select(day =>
        {
            var (start, end) = (zone.AtStartOfDay(day).ToInstant(), zone.AtStartOfDay(day.PlusDays(1)).ToInstant());
            return new RotaDay(day.ToString("dddd d MMMM", CultureInfo.InvariantCulture),
                shifts.Where(s => s.Start < end && s.End > start).Select(s => new RotaEntry(Title(s.Layer),
                    Time(Instant.Max(s.Start, start), day), Time(s.End, day), s.StaffId is { } id ? name(id) : null, s.IsOverride)).ToList());
        }).ToList();
        return renderer.RotaWeek(new RotaWeekModel(
            $"Out-of-hours rota: {days[0].Day} to {days[^1].Day}", days, shifts.Count(s => s.StaffId is null), rota.IsCoordinator(viewerId),
            overrides.Select(o => new OverrideLine(o.Id, Title(o.Layer), o.Layer.ToString(), o.StaffId, name(o.StaffId), Local(o.Start), Local(o.End),
                Date(o.Start), Clock(o.Start), Date(o.End), Clock(o.End))).ToList(),
            rota.People.Select(p => new PersonChoice(p, name(p))).OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToList(),
            Enum.GetValues<Layer>().Select(l => (l.ToString(), Title(l))).ToList(),
            today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), today.PlusDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), notice));
    }

    public static async Task<Func<string, string>> NamesAsync(IUnitOfWork uow, IEnumerable<string?> ids, CancellationToken ct)
    {
        var names = await uow.Staff.NamesAsync(ids.OfType<string>(), ct);
        return id => names.GetValueOrDefault(id, id);
    }

    public static string Title(Layer layer) => layer switch { Layer.Primary => "Primary", Layer.Secondary => "Secondary", _ => "Manager" };

    private string Local(Instant i) => RotaText.Local(i, rota.Zone);

    // A time on the day it's listed under reads "17:00"; one on a later day names the day too.
    private string Time(Instant i, LocalDate day)
    {
        var local = i.InZone(rota.Zone);
        return local.Date == day ? local.ToString("HH:mm", CultureInfo.InvariantCulture) : local.ToString("ddd HH:mm", CultureInfo.InvariantCulture);
    }

    private string Date(Instant i) => i.InZone(rota.Zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private string Clock(Instant i) => i.InZone(rota.Zone).ToString("HH:mm", CultureInfo.InvariantCulture);
}
