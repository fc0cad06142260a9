using ResponseBot.Domain;
using Microsoft.Extensions.Logging;
using NodaTime;
using ResponseBot.Application.Duty;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Application.Calendar;

/// <summary>One person's shifts as iCalendar, for the secret link they were sent: a week back (the shift running now) to
/// <see cref="CalendarSettings.Days"/> ahead. Null when the token opens nothing.</summary>
public sealed class ReadCalendarFeed(IUnitOfWorkFactory db, RotaConfig rota, CalendarSettings settings, TimeProvider clock,
    ILogger<ReadCalendarFeed> log)
{
    private static readonly Duration Past = Duration.FromDays(7);

    public async Task<string?> RunAsync(string token, CancellationToken ct)
    {
        // Anything that can't be one of our tokens is turned away without touching the database.
        if (!SecretTokens.IsWellFormed(token)) return Unknown();
        await using var uow = await db.BeginAsync(ct);
        if (await uow.CalendarFeeds.FindStaffAsync(SecretTokens.Hash(token), ct) is not { } staffId) return Unknown();
        var now = clock.Now();
        var range = new Interval(now - Past, now + Duration.FromDays(settings.Days));
        var shifts = ShiftCalendar.For(await uow.PlanAsync(rota, ShiftCalendar.Lookup(range), ct), staffId, range);
        log.LogInformation("Calendar feed for {StaffId}: {Shifts} shifts", staffId, shifts.Count);
        return ShiftCalendar.Build(shifts, now);
    }

    private string? Unknown()
    {
        log.LogInformation("Calendar feed asked for with an unknown token");
        return null;
    }
}
