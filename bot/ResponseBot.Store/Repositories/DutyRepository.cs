using NodaTime;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Store.Repositories;

internal sealed class DutyRepository(Session s) : IDutyRepository
{
    internal sealed record TakeoverRow(string StaffId, string Role, Instant StartedAt, Instant? Until)
    {
        public Takeover ToTakeover() => new(LayerOf(Role), StaffId, StartedAt, Until);
    }

    /// <summary>Takeovers ("on call") in force at @now.</summary>
    internal const string TakeoversSql = """
        select staff_id as StaffId, role as Role, started_at as StartedAt, until as Until
          from on_call where ended_at is null and (until is null or until > @now)
        """;

    // on_call.role keeps the words the table has always held: the officer's takeover sits on the primary layer.
    private static string Role(Layer layer) => layer == Layer.Manager ? "manager" : "officer";

    private static Layer LayerOf(string role) => role == "manager" ? Layer.Manager : Layer.Primary;

    public async Task<IReadOnlyList<Takeover>> TakeoversAsync(Instant now, CancellationToken ct) =>
        (await s.QueryAsync<TakeoverRow>(TakeoversSql, new { now }, ct)).Select(r => r.ToTakeover()).ToList();

    public async Task StartTakeoverAsync(Layer layer, string staffId, string staffName, Instant now, Instant? until, CancellationToken ct)
    {
        await s.ExecuteAsync("update on_call set ended_at = @now where ended_at is null and role = @Role", new { now, Role = Role(layer) }, ct);
        await s.ExecuteAsync("insert into on_call (staff_id, staff_name, started_at, role, until) values (@staffId, @staffName, @now, @Role, @until)",
            new { staffId, staffName, now, Role = Role(layer), until }, ct);
    }

    public async Task<IReadOnlyList<Layer>> EndTakeoversAsync(string staffId, Instant now, CancellationToken ct) =>
        (await s.QueryAsync<string>("""
            update on_call set ended_at = @now where ended_at is null and staff_id = @staffId and (until is null or until > @now) returning role
            """, new { now, staffId }, ct)).Select(LayerOf).ToList();

    public Task<string?> AnnouncedAsync(Layer layer, CancellationToken ct) =>
        s.ScalarAsync<string?>("select staff_id from duty_state where layer = @Layer", new { Layer = layer.ToString() }, ct);

    public Task AnnounceAsync(Layer layer, string? staffId, Instant now, CancellationToken ct) =>
        s.ExecuteAsync("""
            insert into duty_state (layer, staff_id, since) values (@Layer, @staffId, @now)
            on conflict (layer) do update set staff_id = excluded.staff_id, since = excluded.since
            """, new { Layer = layer.ToString(), staffId, now }, ct);

    public Task ClearAnnouncedAsync(string staffId, IReadOnlyList<Layer> layers, Instant now, CancellationToken ct) =>
        s.ExecuteAsync("update duty_state set staff_id = null, since = @now where staff_id = @staffId and layer = any(@Layers)",
            new { now, staffId, Layers = layers.Select(l => l.ToString()).ToArray() }, ct);
}
