using Npgsql;
using ResponseBot.Store;

namespace ResponseBot.Host.Composition;

public static class HealthEndpoints
{
    public static void MapHealth(this WebApplication app)
    {
        // Liveness: the process answers. Says nothing about dependencies, so an orchestrator
        // doesn't restart us just because the database blinked.
        app.MapGet("/healthz", () => Results.Text("ok"));

        // The sources, for monitoring: 503 while any is failing or has gone quiet (the rota has been told), so an alert can fire
        // from outside too. About the sources, not this instance: /readyz stays about the instance. Unauthenticated like the
        // other probes, so it says only how each account id is doing: no handles, no error texts (the "sources" card has those).
        app.MapGet("/healthz/sources", async (Application.Sources.ShowSources sources, CancellationToken ct) =>
        {
            var lines = await sources.ReadAsync(ct);
            var body = lines.Select(l => new
            {
                account = l.AccountId, lastSuccessAt = l.LastSuccessAt?.ToString(), lastMentionAt = l.LastMentionAt?.ToString(),
                consecutiveFailures = l.ConsecutiveFailures, failing = l.Failing, silent = l.Silent, tokenExpiresAt = l.TokenExpiresAt?.ToString(),
            });
            return Results.Json(new { sources = body }, statusCode: lines.Any(l => l.Failing || l.Silent) ? 503 : 200);
        });

        // Readiness: the database answers and carries every migration this build expects.
        app.MapGet("/readyz", async (MigrationRunner migrations, ILogger<MigrationRunner> log, CancellationToken ct) =>
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(3));
                return await migrations.IsUpToDateAsync(timeout.Token)
                    ? Results.Text("ready")
                    : Results.Text("database is not migrated", statusCode: 503);
            }
            catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException)
            {
                log.LogWarning("Readiness check failed: {Error}", ex.GetType().Name);
                return Results.Text("database unreachable", statusCode: 503);
            }
        });
    }
}
