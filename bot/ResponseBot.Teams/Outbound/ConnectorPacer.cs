using ResponseBot.Application.Ports;
using ResponseBot.Domain;

namespace ResponseBot.Teams.Outbound;

/// <summary>
/// Paces our calls to Teams' documented limits for the whole deployment, whichever instance sends: per conversation
/// 7 in a second, 8 in two, 60 in thirty and 1,800 in an hour, and 50 a second for the app in its tenant. Each call
/// reserves its moment in budgets kept in PostgreSQL and waits for it; a call that would wait longer than
/// <see cref="BotOptions.MaxPacingWait"/> isn't made: it goes back to the outbox, due when the budget allows, so no worker
/// sits waiting. Windows are counted longer than Teams' (30%, and at least a second: <see cref="BotOptions.PacingMargin"/>,
/// <see cref="BotOptions.PacingSlack"/>): Teams counts calls as they arrive, and a call held up between its reservation and
/// Teams' count must not land in a later window's.
/// </summary>
public sealed class ConnectorPacer(ISendBudget budget, Microsoft.Extensions.Options.IOptions<BotOptions> options)
{
    private static readonly (int Limit, TimeSpan Window, string Name)[] PerConversation =
    [
        (7, TimeSpan.FromSeconds(1), "1s"), (8, TimeSpan.FromSeconds(2), "2s"), (60, TimeSpan.FromSeconds(30), "30s"), (1800, TimeSpan.FromHours(1), "1h"),
    ];
    private const int PerAppPerSecond = 50;

    /// <summary>Waits until a call to <paramref name="conversationId"/> (or a create, with null) may go out.</summary>
    /// <exception cref="DeliveryException">With <see cref="DeliveryFailure.Paced"/>: not now; try after its RetryAfter.</exception>
    public async ValueTask WaitAsync(string? conversationId, CancellationToken ct)
    {
        var o = options.Value;
        var conversation = "teams:" + (conversationId ?? "(create)");
        var limits = PerConversation.Select(l => new SendLimit($"{conversation}/{l.Name}", l.Limit, Counted(l.Window, o)))
            .Append(new SendLimit("teams:app/1s", PerAppPerSecond, Counted(TimeSpan.FromSeconds(1), o)))
            .ToList();
        var (wait, retryAfter) = await budget.ReserveAsync(limits, o.MaxPacingWait, ct);
        if (wait is not { } w)
            throw new DeliveryException(DeliveryFailure.Paced, $"Teams' budget for this conversation is spent for {retryAfter.TotalSeconds:0.#} s", retryAfter);
        // Real time, not the app's clock: the budget is counted by the database's clock, as Teams counts by its own.
        if (w > TimeSpan.Zero) await Task.Delay(w, ct);
    }

    /// <summary>How long a window of Teams' is counted here: 30% longer, and at least a second longer (as configured).</summary>
    public static TimeSpan Counted(TimeSpan window, BotOptions o) => window + TimeSpan.FromTicks(Math.Max(o.PacingSlack.Ticks, (long)(window.Ticks * o.PacingMargin)));
}
