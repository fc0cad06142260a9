using Microsoft.Extensions.Options;
using ResponseBot.Application;
using ResponseBot.Application.Downloads;
using ResponseBot.Host.Calendar;

namespace ResponseBot.Host.Downloads;

/// <summary>
/// GET /downloads/{token}: a file made for someone (a report's CSV), for as long as its link works. The token is the only
/// credential (a browser opening a link from Teams can't sign in as the bot's user), so it is never logged, and an unknown,
/// malformed or expired one gets the same bare 404.
/// </summary>
public static class DownloadEndpoint
{
    public static IServiceCollection AddDownloads(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<DownloadOptions>().Bind(config.GetSection(DownloadOptions.Section)).ValidateDataAnnotations()
            .Validate<IOptions<CalendarOptions>>((o, calendar) => o.IsValid(calendar.Value.PublicBaseUrl),
                "Downloads:PublicBaseUrl must be an absolute http(s) URL without a query.")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<DownloadOptions>>().Value;
            return new DownloadSettings(o.BaseUrl(sp.GetRequiredService<IOptions<CalendarOptions>>().Value.PublicBaseUrl), NodaTime.Duration.FromTimeSpan(o.Expiry));
        });
        return services;
    }

    public static IEndpointConventionBuilder MapDownloads(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/downloads/{token}", async (string token, HttpContext http, IssueDownload downloads) =>
        {
            // Nothing about this answer may be kept by a browser or a proxy: the file is someone's, and the link is short-lived.
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers["X-Content-Type-Options"] = "nosniff";
            if (await downloads.ReadAsync(token, http.RequestAborted) is not { } file) return Results.NotFound();
            return Results.File(file.Body, file.ContentType, file.FileName);
        });
}
