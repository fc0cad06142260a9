using NodaTime;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Application.Ports;

/// <summary>"On call" takeovers (on_call) and who the bot last announced for each layer (duty_state).</summary>
public interface IDutyRepository
{
    /// <summary>Takeovers still in force at <paramref name="now"/>.</summary>
    Task<IReadOnlyList<Takeover>> TakeoversAsync(Instant now, CancellationToken ct);

    /// <summary>Ends any takeover of <paramref name="layer"/> and starts <paramref name="staffId"/>'s.</summary>
    Task StartTakeoverAsync(Layer layer, string staffId, string staffName, Instant now, Instant? until, CancellationToken ct);

    /// <summary>Ends <paramref name="staffId"/>'s live takeovers; returns the layers they held.</summary>
    Task<IReadOnlyList<Layer>> EndTakeoversAsync(string staffId, Instant now, CancellationToken ct);

    Task<string?> AnnouncedAsync(Layer layer, CancellationToken ct);

    /// <summary>Records who now holds the layer as far as the bot has told people (null: nobody).</summary>
    Task AnnounceAsync(Layer layer, string? staffId, Instant now, CancellationToken ct);

    /// <summary>Forgets <paramref name="staffId"/> as the announced holder of these layers (the shift-change job re-announces).</summary>
    Task ClearAnnouncedAsync(string staffId, IReadOnlyList<Layer> layers, Instant now, CancellationToken ct);
}
