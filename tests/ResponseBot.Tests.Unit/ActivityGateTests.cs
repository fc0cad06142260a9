using Microsoft.Extensions.Options;
using ResponseBot.Application.Chat;
using ResponseBot.Teams;
using ResponseBot.Teams.Inbound;

namespace ResponseBot.Tests.Unit;

public sealed class ActivityGateTests
{
    private static ActivityGate Gate(int concurrent, int queued) => new(Options.Create(new BotOptions
    {
        AppId = "app", TenantId = "t", ClientSecret = "s", AllowedTenants = ["t"], MaxConcurrentActivities = concurrent, MaxQueuedActivities = queued,
    }));

    [Fact]
    public async Task A_stopping_gate_turns_away_what_waits_and_what_arrives_and_still_reports_its_load()
    {
        var gate = Gate(1, 5);
        using var first = await gate.WaitTurnAsync(CancellationToken.None);
        Assert.True(first.IsAcquired);
        var waiting = gate.WaitTurnAsync(CancellationToken.None).AsTask();
        Assert.Equal((1, 1L), gate.Load);

        gate.Dispose();
        Assert.False((await waiting).IsAcquired);
        Assert.False((await gate.WaitTurnAsync(CancellationToken.None)).IsAcquired);
        Assert.Equal((0, 0L), gate.Load);
    }

    [Fact]
    public async Task A_place_given_up_goes_to_the_next_activity_and_is_released_only_once()
    {
        using var gate = Gate(1, 5);
        var held = ActivityTurn.Hold(await gate.WaitTurnAsync(CancellationToken.None));
        var next = gate.WaitTurnAsync(CancellationToken.None).AsTask();
        Assert.False(next.IsCompleted);

        ActivityTurn.GiveUp();
        using var second = await next.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(second.IsAcquired);
        // The first activity ending releases nothing more: the second still holds the only place.
        held.Dispose();
        ActivityTurn.GiveUp();
        Assert.Equal((1, 0L), gate.Load);
        var third = gate.WaitTurnAsync(CancellationToken.None).AsTask();
        await Task.Delay(100);
        Assert.False(third.IsCompleted);
    }
}
