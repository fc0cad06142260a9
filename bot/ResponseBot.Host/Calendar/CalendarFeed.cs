using Microsoft.Extensions.Options;
using ResponseBot.Application.Calendar;

namespace ResponseBot.Host.Calendar;

/// <summary>
/// GET /calendar/{token}.ics: one person's shifts as iCalendar. The token is the only credential (calendar apps can't
/// sign in), so it is never logged and a wrong one gets a bare 404 that says nothing.
/// </summary>
public static class CalendarFeed
{
    public static IServiceCollection AddCalendarFeed(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<CalendarOptions>().Bind(config.GetSection(CalendarOptions.Section)).ValidateDataAnnotations()
            .Validate(o => o.IsValid(), "Calendar:PublicBaseUrl must be an absolute http(s) URL without a query.").ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<CalendarOptions>>().Value.Settings);
        return services;
    }

    public static IEndpointConventionBuilder MapCalendarFeed(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/calendar/{token}.ics", async (string token, HttpContext http, ReadCalendarFeed feed) =>
        {
            if (await feed.RunAsync(token, http.RequestAborted) is not { } calendar) return Results.NotFound();
            // Private: the feed is one person's; short-lived so a changed rota reaches the calendar within minutes.
            http.Response.Headers.CacheControl = "private, max-age=300";
            return Results.Text(calendar, "text/calendar; charset=utf-8");
        });
}
