using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>A test class whose every test gets its own running <see cref="Scenario"/>.</summary>
public abstract class ScenarioTest(PostgresFixture pg, Action<Dictionary<string, string?>>? settings = null) : IAsyncLifetime
{
    protected Scenario _s = null!;

    public async ValueTask InitializeAsync() => _s = await Scenario.StartAsync(pg, settings);

    public ValueTask DisposeAsync() => _s.DisposeAsync();
}
