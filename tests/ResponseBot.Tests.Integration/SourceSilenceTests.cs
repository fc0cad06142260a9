using Microsoft.Extensions.DependencyInjection;
using ResponseBot.Application.Sources;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>
/// A source that stops delivering without an error shows only as silence: an account quiet for longer than its SilentAfter is
/// raised with the coordinator once, shown as QUIET in "sources" and /healthz/sources, and cleared once when a mention arrives.
/// </summary>
public sealed class SourceSilenceTests(PostgresFixture pg)
{
    [Fact]
    public async Task A_webhook_account_quiet_past_its_threshold_is_raised_once_and_cleared_by_the_next_mention()
    {
        var clock = new ManualTime(new DateTimeOffset(2026, 11, 21, 22, 0, 0, TimeSpan.Zero), flows: true);
        await using var s = await Scenario.StartAsync(pg, clock: clock, settings: c =>
        {
            c[$"Accounts:{BotHost.AccountId}:SilentAfter"] = "06:00:00";
            c["Rota:Coordinators:0"] = "aad-megan";
        });
        (await s.SendAsync(s.Megan.Install())).EnsureSuccessStatusCode();
        async Task CheckAsync()
        {
            await using var scope = s.Bot.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<CheckSourceSilence>().RunAsync(CancellationToken.None);
        }
        string[] Told() => s.Connector.Texts().Where(t => t.Contains("@ExampleCouncil on Community Forum")).ToArray();

        await CheckAsync();                                                            // starts watching
        await s.MentionAsync("m-1", "Is the tip open on Sunday?");
        clock.Advance(TimeSpan.FromHours(5));
        await CheckAsync();
        Assert.Empty(Told());

        clock.Advance(TimeSpan.FromHours(1.5));
        await CheckAsync();
        await CheckAsync();
        await Eventually.TrueAsync(() => Told().Length > 0, "coordinator told", diagnostics: () => s.Bot.Logs.Summary());
        Assert.StartsWith("No mentions of @ExampleCouncil on Community Forum for 6 hours.", Assert.Single(Told()));
        var health = await s.Bot.Http.GetAsync("healthz/sources");
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Contains("\"silent\":true", await health.Content.ReadAsStringAsync());

        await s.MentionAsync("m-2", "Hello? Anyone there?");
        await CheckAsync();
        await Eventually.TrueAsync(() => Told().Length == 2, "all-clear", diagnostics: () => s.Bot.Logs.Summary());
        Assert.Equal("Mentions of @ExampleCouncil on Community Forum are arriving again.", Told()[1]);
        await CheckAsync();
        await Task.Delay(300);
        Assert.Equal(2, Told().Length);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await s.Bot.Http.GetAsync("healthz/sources")).StatusCode);
    }
}
