using ResponseBot.Host.Demo;
using ResponseBot.Jobs;
using ResponseBot.Platforms;
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
        var config = builder.Configuration;
        var connectionString = config.GetConnectionString("ResponseBot")
            ?? throw new InvalidOperationException("ConnectionStrings:ResponseBot is not set (./run.sh sets up a local database).");

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.Services.AddResponseBotStore(connectionString);
        builder.Services.AddTeamsBot(config, builder.Environment);
        builder.Services.AddPlatforms(config);
        builder.AddBackgroundJobs(connectionString);
        builder.Services.AddBotInteractions(config);
        overrides?.Invoke(builder.Services);
        builder.Services.AddCalendarFeed(config);

        var app = builder.Build();
        app.UseExceptionHandler(); // ProblemDetails without exception text: no stack trace ever reaches a caller
        app.MapHealth();
        app.MapBotMessages();
        app.MapGenericWebhook();
        app.MapCalendarFeed();
        if (app.Environment.IsDevelopment() && config.GetValue<bool>("Demo:ReplyReceiver"))
            app.MapDemoReplyReceiver();
        return app;
    }

    public static Task MigrateDatabaseAsync(this WebApplication app, CancellationToken ct = default) =>
        app.Services.GetRequiredService<MigrationRunner>().MigrateAsync(ct);
}
