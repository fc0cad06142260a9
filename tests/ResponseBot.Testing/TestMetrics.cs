using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using ResponseBot.Application.Metrics;

namespace ResponseBot.Testing;

public static class TestMetrics
{
    /// <summary>The bot's metrics on a meter factory of their own, for a class a test builds by hand.</summary>
    public static ResponseBotMetrics Create() =>
        new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>(), TimeProvider.System);
}
