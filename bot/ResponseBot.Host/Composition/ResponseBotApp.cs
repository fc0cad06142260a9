using ResponseBot.Application;
using ResponseBot.Application.Ports;
using ResponseBot.Host.Calendar;
using ResponseBot.Host.Cases;
using ResponseBot.Host.Demo;
using ResponseBot.Host.Metrics;
using ResponseBot.Host.Downloads;
using ResponseBot.Host.Organisation;
using ResponseBot.Host.Records;
using ResponseBot.Host.Teams;
using ResponseBot.Jobs;
using ResponseBot.Paging;
using ResponseBot.Platforms;
using ResponseBot.Platforms.Facebook;
using ResponseBot.Platforms.Generic;
using ResponseBot.Store;
using ResponseBot.Teams;
using ResponseBot.Teams.Inbound;

namespace ResponseBot.Host.Composition;

/// <summary>The composition root, shared by Program and the tests so both run the same wiring.</summary>
public static class ResponseBotApp
{
    /// <param name="configure">Runs first: configuration sources, logging.</param>
    /// <param name="overrides">Runs after every registration: replacements such as a clock tests move by hand.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null, Action<IServiceCollection>? overrides = null)
    {
        // Content root is the app's own folder so appsettings.json is found whatever the working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);
        builder.Configuration.AddTriageRulesFile();
        var config = builder.Configuration;
        var connectionString = config.GetConnectionString("ResponseBot")
            ?? throw new InvalidOperationException("ConnectionStrings:ResponseBot is not set (./run.sh sets up a local database).");
        // Read here for the scheduler's cron triggers; a bad zone is reported by the organisation's validation at start.
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(config["Organisation:TimeZone"] ?? "Europe/London", out var z) ? z : TimeZoneInfo.Utc;

        builder.Services.AddSingleton(TimeProvider.System);
        // A stop (SIGTERM) finishes within 8 s even when the database is down and every background service is stuck in a
        // connection attempt: whatever was leased and not sent is sent again by whichever instance runs next.
        builder.Services.Configure<HostOptions>(o =>
        {
            o.ShutdownTimeout = TimeSpan.FromSeconds(8);
            // The outbox, the scheduler and the web server wind down side by side, not one after another's full wait.
            o.ServicesStopConcurrently = true;
        });
        builder.Services.AddResponseBotStore(connectionString, config.GetConnectionString("Owner"));
        builder.Services.AddRecords(config);
        builder.Services.AddOrganisation(config);
        builder.Services.AddCasePolicy(config, builder.Environment);
        builder.Services.AddTriage(config);
        builder.Services.AddCalendarFeed(config);
        builder.Services.AddDownloads(config);
        builder.Services.AddUseCases();
        builder.Services.AddTeamsBot(config, builder.Environment);
        builder.Services.AddScoped(typeof(Deferred<>));
        builder.Services.AddScoped<IChatInteractionHandler, InteractionRouter>();
        builder.Services.AddDemo(config, builder.Environment);
        builder.Services.AddPlatforms(config, builder.Environment.IsDevelopment());
        builder.Services.AddPaging(config, builder.Environment.IsDevelopment());
        builder.AddBackgroundJobs(connectionString, zone);
        builder.AddMetricsExport();
        overrides?.Invoke(builder.Services);

        var app = builder.Build();
        // Every error answers {"error": "..."}; an unexpected one says no more than that, never a stack trace; a database that
        // can't be reached is a 503 with Retry-After.
        app.UseErrorAnswers();
        app.MapMetrics();
        app.MapHealth();
        app.MapBotMessages();
        app.MapGenericWebhook();
        app.MapFacebookWebhook();
        app.MapCalendarFeed();
        app.MapDownloads();
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DemoOptions>>().Value.ReplyReceiver)
            app.MapDemoReplyReceiver();
        return app;
    }

    public static async Task MigrateDatabaseAsync(this WebApplication app, CancellationToken ct = default)
    {
        var migrations = app.Services.GetRequiredService<MigrationRunner>();
        await migrations.MigrateAsync(ct);
        if (await migrations.AppOwnsDecisionLogAsync(ct))
            app.Logger.LogWarning("The app's database role owns decision_log and could change or remove its rows and triggers. Give migrations " +
                "their own owner role with ConnectionStrings:Owner (see the operator's guide, \"Database roles\").");
    }
}
