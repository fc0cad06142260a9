using Microsoft.Extensions.Options;
using NodaTime;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Host.Composition;

/// <summary>The configured rota with the stored overrides on top.</summary>
public sealed class RotaSource(IOptions<RotaOptions> options, IOptions<RolesOptions> roles, IRotaStore store) : IRotaSource
{
    public DateTimeZone Zone => options.Value.Zone;

    public IReadOnlyList<string> Coordinators => options.Value.Coordinators;

    public IReadOnlyList<string> Managers =>
        roles.Value.Managers.Concat(options.Value.Layers.GetValueOrDefault(Layer.Manager)?.Participants ?? []).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    public IReadOnlyList<string> People =>
        options.Value.Layers.Values.SelectMany(l => l.Participants).Concat(Managers).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    public IReadOnlyList<Layer> Layers => options.Value.Layers.Where(l => l.Value.Participants.Length > 0).Select(l => l.Key).Order().ToList();

    public async Task<RotaPlan> PlanAsync(Interval range, CancellationToken ct) =>
        options.Value.Plan(await store.OverridesAsync(range, ct));
}
