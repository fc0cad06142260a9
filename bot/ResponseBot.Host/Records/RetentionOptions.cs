using Microsoft.Extensions.Options;
using NodaTime;
using ResponseBot.Application.Records;

namespace ResponseBot.Host.Records;

/// <summary>
/// How long members of the public's personal data is kept (<c>Retention:Author</c>: names, handles, profile links;
/// <c>Retention:Content</c>: what they wrote, links to it, the thread), counted from when the mention was received, and how
/// much one run of the retention job redacts at most.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    public TimeSpan Author { get; set; } = TimeSpan.FromDays(365);
    public TimeSpan Content { get; set; } = TimeSpan.FromDays(365);
    public int BatchSize { get; set; } = 200;
    public int MaxBatchesPerRun { get; set; } = 50;

    public RetentionSettings Settings => new(Duration.FromTimeSpan(Author), Duration.FromTimeSpan(Content), BatchSize, MaxBatchesPerRun);
}

public static class RecordsRegistration
{
    public static IServiceCollection AddRecords(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<RetentionOptions>().Bind(config.GetSection(RetentionOptions.Section))
            .Validate(o => o.Author >= TimeSpan.FromDays(1) && o.Content >= TimeSpan.FromDays(1),
                "Retention:Author and Retention:Content must be at least one day (a case must be closable before its data goes).")
            .Validate(o => o.BatchSize is >= 1 and <= 5000 && o.MaxBatchesPerRun is >= 1 and <= 10000,
                "Retention:BatchSize must be 1–5000 and Retention:MaxBatchesPerRun 1–10000.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<RetentionOptions>>().Value.Settings);
        return services;
    }
}
