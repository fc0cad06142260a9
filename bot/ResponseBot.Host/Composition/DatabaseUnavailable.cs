using Microsoft.AspNetCore.Diagnostics;
using Npgsql;
using ResponseBot.Application;

namespace ResponseBot.Host.Composition;

/// <summary>
/// The one answer every endpoint gives when PostgreSQL can't be reached (refused, timed out, shutting down, out of
/// connections): 503 with Retry-After, never a 500. Nothing was committed, so nothing was acknowledged: the sender (a
/// webhook, Teams) sends it again and loses nothing. Any other unexpected error stays a bare 500.
/// </summary>
public static class DatabaseUnavailable
{
    public const int RetryAfterSeconds = 5;

    public static bool Is(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
            if (e is NpgsqlException { IsTransient: true }) return true;
        return false;
    }

    public static void UseErrorAnswers(this WebApplication app) =>
        app.UseExceptionHandler(errors => errors.Run(http =>
        {
            var error = http.Features.Get<IExceptionHandlerFeature>()?.Error;
            // Work turned away before anything of it was kept (a mention or a click's note: the queue full, the bot stopping)
            // is the same answer.
            var reason = Is(error) ? "the database is unavailable: try again shortly" : (error as TurnedAwayException)?.Message;
            if (reason is null) return http.Response.WriteAsJsonAsync(new { error = "internal error" });
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return http.Response.WriteAsJsonAsync(new { error = reason });
        }));
}
