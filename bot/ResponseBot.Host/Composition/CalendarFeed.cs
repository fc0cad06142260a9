using Microsoft.Extensions.Options;
using NodaTime;
using ResponseBot.Domain.Outbox;
using ResponseBot.Domain.Rota;
using ResponseBot.Host.Bot;

namespace ResponseBot.Host.Composition;

/// <summary>
/// GET /calendar/{token}.ics: one person's shifts as iCalendar. The token is the only credential (calendar apps
/// can't sign in), so it is never logged and a wrong one gets a bare 404 that says nothing.
/// </summary>
public static class CalendarFeed
{
    // A shift that started in the last week (the one running now) still shows.
    private static readonly Duration Past = Duration.FromDays(7);

    public static IServiceCollection AddCalendarFeed(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<CalendarOptions>().Bind(config.GetSection(CalendarOptions.Section)).ValidateDataAnnotations()
            .Validate(o => o.IsValid(), "Calendar:PublicBaseUrl must be an absolute http(s) URL without a query.").ValidateOnStart();
        services.AddTransient<CalendarLinkCommand>();
        services.AddTransient<IOutboxHandler>(sp => sp.GetRequiredService<CalendarLinkCommand>());
        return services;
    }

    public static IEndpointConventionBuilder MapCalendarFeed(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/calendar/{token}.ics", HandleAsync);

    private static async Task<IResult> HandleAsync(
        string token, HttpContext http, ICalendarFeedStore feeds, IRotaSource rota, IOptions<CalendarOptions> options, TimeProvider clock, ILoggerFactory loggers)
    {
        var log = loggers.CreateLogger("ResponseBot.Host.CalendarFeed");
        var ct = http.RequestAborted;
        if (await feeds.FindStaffAsync(token, ct) is not { } staffId)
        {
            log.LogInformation("Calendar feed asked for with an unknown token");
            return Results.NotFound();
        }

        var now = clock.Now();
        var range = new Interval(now - Past, now + Duration.FromDays(options.Value.Days));
        var shifts = ShiftCalendar.For(await rota.PlanAsync(ShiftCalendar.Lookup(range), ct), staffId, range);
        log.LogInformation("Calendar feed for {StaffId}: {Shifts} shifts", staffId, shifts.Count);
        // Private: the feed is one person's; short-lived so a changed rota reaches the calendar within minutes.
        http.Response.Headers.CacheControl = "private, max-age=300";
        return Results.Text(ShiftCalendar.Build(shifts, now), "text/calendar; charset=utf-8");
    }
}
