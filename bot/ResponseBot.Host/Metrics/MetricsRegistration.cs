using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using ResponseBot.Application.Metrics;

namespace ResponseBot.Host.Metrics;

/// <summary>
/// /metrics in Prometheus's text format, through OpenTelemetry: the bot's own meter, ASP.NET Core, outbound HTTP, the .NET
/// runtime and Npgsql. Nothing is registered unless <c>Metrics:Port</c> or <c>Metrics:BearerToken</c> is set.
/// </summary>
public static class MetricsRegistration
{
    public const string Path = "/metrics";

    public static void AddMetricsExport(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(MetricsOptions.Section);
        builder.Services.AddOptions<MetricsOptions>().Bind(section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<MetricsOptions>, Validator>();
        var options = section.Get<MetricsOptions>() ?? new MetricsOptions();
        if (!options.IsEnabled) return;

        MetricsListener.Add(builder, options);
        builder.Services.AddHostedService<MetricsRefresher>();
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("ResponseBot"))
            .WithMetrics(m => m
                .AddMeter(ResponseBotMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddPrometheusExporter());
    }

    public static void MapMetrics(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (!options.IsEnabled) return;
        // The metrics port is for scrapers: the bot's endpoints (messages, webhooks) are not served there.
        if (options.Port is { } metricsPort)
            app.Use((http, next) => http.Connection.LocalPort == metricsPort && http.Request.Path != Path ? Results.NotFound().ExecuteAsync(http) : next());
        // With a metrics port, a request on any other port (the bot's own) is not a scrape: it goes on to a plain 404. The local
        // port is the connection's, not the Host header a caller chooses.
        app.UseOpenTelemetryPrometheusScrapingEndpoint(meterProvider: null,
            predicate: http => http.Request.Path == Path && (options.Port is not { } port || http.Connection.LocalPort == port),
            path: null, configureBranchedPipeline: scrape => scrape.Use(new MetricsToken(options.BearerToken).RequireAsync), optionsName: null);
    }

    private sealed class Validator : IValidateOptions<MetricsOptions>
    {
        public ValidateOptionsResult Validate(string? name, MetricsOptions options) =>
            options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
