using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ResponseBot.Domain;
using ResponseBot.Teams;
using ResponseBot.Teams.Activities;
using ResponseBot.Teams.Outbound;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>The connector client's REST calls against the fake Bot Connector.</summary>
public sealed class ConnectorClientTests : IAsyncLifetime
{
    // A channel thread id: ':' '@' ';' '=' all have to survive the path.
    private const string ThreadId = "19:abc@thread.tacv2;messageid=1700000000000";
    private FakeConnector _connector = null!;
    private ConnectorClient _client = null!;
    private readonly ConnectorPacer _pacer = new();

    private sealed class FixedToken : IConnectorTokenProvider
    {
        public Task<string?> GetTokenAsync(CancellationToken ct) => Task.FromResult<string?>("test-token");
    }

    public async ValueTask InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _client = new ConnectorClient(new HttpClient(), new FixedToken(), new ServiceUrlPolicy(["smba.trafficmanager.net"], allowLoopback: true), _pacer,
            Options.Create(new BotOptions { ConnectorRetryDelay = TimeSpan.FromMilliseconds(50) }), TestMetrics.Create(), TimeProvider.System, NullLogger<ConnectorClient>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        await _connector.DisposeAsync();
        _pacer.Dispose();
    }

    private string Url => _connector.ServiceUrl.ToString();

    [Fact]
    public async Task Send_and_update_reach_the_right_escaped_paths_with_the_token()
    {
        var id = await _client.PostActivityAsync(Url, ThreadId, new Activity { Type = "message", Text = "one" }, CancellationToken.None);
        await _client.UpdateActivityAsync(Url, ThreadId, id, new Activity { Type = "message", Text = "one, edited" }, CancellationToken.None);

        var calls = _connector.Calls.ToList();
        Assert.Equal(["POST", "PUT"], calls.Select(c => c.Method));
        Assert.All(calls, c => Assert.Equal(ThreadId, c.ConversationId));
        Assert.All(calls, c => Assert.Equal("Bearer test-token", c.Authorization));
        Assert.Equal((id, "one, edited"), (calls[1].ActivityId, calls[1].Body["text"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_token_is_never_sent_to_an_untrusted_service_url()
    {
        var strict = new ConnectorClient(new HttpClient(), new FixedToken(), new ServiceUrlPolicy(["smba.trafficmanager.net"], allowLoopback: false), _pacer,
            Options.Create(new BotOptions()), TestMetrics.Create(), TimeProvider.System, NullLogger<ConnectorClient>.Instance);
        var ex = await Assert.ThrowsAsync<DeliveryException>(() => strict.PostActivityAsync(Url, "a:1", new Activity { Type = "message" }, CancellationToken.None));
        Assert.Equal(DeliveryFailure.Permanent, ex.Failure);
        Assert.Empty(_connector.Attempts);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_in_process_limit_goes_back_to_the_outbox_with_its_delay()
    {
        _connector.Fault = _ => FakeConnector.Throttled(120);
        var ex = await Assert.ThrowsAsync<DeliveryException>(() => _client.PostActivityAsync(Url, "a:1", new Activity { Type = "message" }, CancellationToken.None));
        Assert.Equal((DeliveryFailure.Transient, TimeSpan.FromSeconds(120)), (ex.Failure, ex.RetryAfter));
        Assert.Single(_connector.Attempts);
    }

    [Fact]
    public async Task Retries_are_bounded()
    {
        _connector.Fault = _ => FakeConnector.Error(503, "ServiceUnavailable");
        var ex = await Assert.ThrowsAsync<DeliveryException>(() => _client.PostActivityAsync(Url, "a:1", new Activity { Type = "message" }, CancellationToken.None));
        Assert.Equal(DeliveryFailure.Transient, ex.Failure);
        Assert.Equal(4, _connector.Attempts.Count); // the call and 3 retries, then the outbox takes over
    }
}
