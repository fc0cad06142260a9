using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using ResponseBot.Domain;
using ResponseBot.Store;
using ResponseBot.Teams;
using ResponseBot.Teams.Activities;
using ResponseBot.Teams.Outbound;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>The connector client's REST calls against the fake Bot Connector.</summary>
public sealed class ConnectorClientTests(PostgresFixture pg) : IAsyncLifetime
{
    // A channel thread id: ':' '@' ';' '=' all have to survive the path.
    private const string ThreadId = "19:abc@thread.tacv2;messageid=1700000000000";
    private FakeConnector _connector = null!;
    private ConnectorClient _client = null!;
    private ConnectorPacer _pacer = null!;
    private NpgsqlDataSource _db = null!;
    private readonly RenewableToken _tokens = new();

    /// <summary>Hands out token-1; each renewal issues the next (as the token endpoint would after a revocation).</summary>
    private sealed class RenewableToken : IConnectorTokenProvider
    {
        private int _issued = 1;
        public int Renewals;
        public Task<string?> GetTokenAsync(CancellationToken ct) => Task.FromResult<string?>($"token-{_issued}");

        public Task<string?> RenewAsync(string? rejected, CancellationToken ct)
        {
            Renewals++;
            return Task.FromResult<string?>($"token-{++_issued}");
        }
    }

    public async ValueTask InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _db = NpgsqlDataSource.Create(await pg.NewDatabaseAsync());
        var options = Options.Create(new BotOptions { ConnectorRetryDelay = TimeSpan.FromMilliseconds(50) });
        _pacer = new ConnectorPacer(new SendBudget(_db), options);
        _client = new ConnectorClient(new HttpClient(), _tokens, new ServiceUrlPolicy(["smba.trafficmanager.net"], allowLoopback: true), _pacer,
            Retry(options), NullLogger<ConnectorClient>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        await _connector.DisposeAsync();
        await _db.DisposeAsync();
    }

    private string Url => _connector.ServiceUrl.ToString();

    private static ConnectorRetry Retry(IOptions<BotOptions> options) =>
        new(options, TestMetrics.Create(), TimeProvider.System, NullLogger<ConnectorClient>.Instance);

    [Fact]
    public async Task Send_and_update_reach_the_right_escaped_paths_with_the_token()
    {
        var id = await _client.PostActivityAsync(Url, ThreadId, new Activity { Type = "message", Text = "one" }, CancellationToken.None);
        await _client.UpdateActivityAsync(Url, ThreadId, id, new Activity { Type = "message", Text = "one, edited" }, CancellationToken.None);

        var calls = _connector.Calls.ToList();
        Assert.Equal(["POST", "PUT"], calls.Select(c => c.Method));
        Assert.All(calls, c => Assert.Equal(ThreadId, c.ConversationId));
        Assert.All(calls, c => Assert.Equal("Bearer token-1", c.Authorization));
        Assert.Equal((id, "one, edited"), (calls[1].ActivityId, calls[1].Body["text"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_token_is_never_sent_to_an_untrusted_service_url()
    {
        var strict = new ConnectorClient(new HttpClient(), _tokens, new ServiceUrlPolicy(["smba.trafficmanager.net"], allowLoopback: false), _pacer,
            Retry(Options.Create(new BotOptions())), NullLogger<ConnectorClient>.Instance);
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

    [Fact]
    public async Task A_401_gets_one_retry_with_a_new_token_and_a_second_401_refuses_the_app_not_the_person()
    {
        _connector.Fault = call => call.Authorization == "Bearer token-1" ? FakeConnector.Error(401, "Unauthorized") : null;
        await _client.PostActivityAsync(Url, "a:1", new Activity { Type = "message", Text = "after a revoked token" }, CancellationToken.None);
        Assert.Equal(["Bearer token-1", "Bearer token-2"], _connector.Attempts.Select(a => a.Authorization));
        Assert.Equal(1, _tokens.Renewals);

        // Refused again with the new token: once only (no loop), and nobody is blamed for it.
        _connector.Fault = _ => FakeConnector.Error(401, "Unauthorized");
        var ex = await Assert.ThrowsAsync<DeliveryException>(() => _client.PostActivityAsync(Url, "a:1", new Activity { Type = "message" }, CancellationToken.None));
        Assert.Equal(DeliveryFailure.AppRefused, ex.Failure);
        Assert.Equal(2, _tokens.Renewals);
        Assert.Equal(4, _connector.Attempts.Count);
    }

    [Fact]
    public async Task A_send_that_would_wait_long_for_Teams_budget_is_not_made_but_handed_back_with_when_to_try()
    {
        var options = Options.Create(new BotOptions { MaxPacingWait = TimeSpan.FromMilliseconds(200) });
        var client = new ConnectorClient(new HttpClient(), _tokens, new ServiceUrlPolicy([], allowLoopback: true),
            new ConnectorPacer(new SendBudget(_db), options), Retry(options), NullLogger<ConnectorClient>.Instance);
        var sinceFirst = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 7; i++) await client.PostActivityAsync(Url, "a:busy", new Activity { Type = "message", Text = $"{i}" }, CancellationToken.None);

        var paced = await Assert.ThrowsAsync<DeliveryException>(() => client.PostActivityAsync(Url, "a:busy", new Activity { Type = "message" }, CancellationToken.None));
        var elapsed = sinceFirst.Elapsed;
        Assert.Equal(DeliveryFailure.Paced, paced.Failure);
        // Seven in any 2 s (Teams' second, with its second of slack): the eighth fits once the first is 2 s old, so the wait
        // handed back is 2 s less however long the seven took on this machine (50 ms allowed for clock reads).
        Assert.InRange(paced.RetryAfter!.Value, TimeSpan.FromMilliseconds(2000) - elapsed - TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(2000));
        Assert.Equal(7, _connector.Attempts.Count(a => a.ConversationId == "a:busy"));
        // Another conversation isn't held up by it.
        await client.PostActivityAsync(Url, "a:quiet", new Activity { Type = "message" }, CancellationToken.None);

        await Task.Delay(paced.RetryAfter.Value);
        await client.PostActivityAsync(Url, "a:busy", new Activity { Type = "message", Text = "8" }, CancellationToken.None);
        var busy = _connector.Attempts.Where(a => a.ConversationId == "a:busy").Select(a => a.At).ToList();
        Assert.True(busy[7] - busy[0] >= TimeSpan.FromSeconds(1), $"eighth after {busy[7] - busy[0]}");
    }

    [Fact]
    public async Task A_send_that_waited_for_another_reservation_is_counted_from_when_it_could_go_not_from_when_it_asked()
    {
        // Another instance's reservation holds the app's budget for a while (a busy server, a long transaction).
        await using var holder = await _db.OpenConnectionAsync();
        await using (var seed = _db.CreateCommand("insert into send_budget (key) values ('teams:app/1s') on conflict do nothing")) await seed.ExecuteNonQueryAsync();
        await using var tx = await holder.BeginTransactionAsync();
        await using (var lockIt = new NpgsqlCommand("select 1 from send_budget where key = 'teams:app/1s' for update", holder, tx)) await lockIt.ExecuteNonQueryAsync();
        var waiting = _pacer.WaitAsync("a:queued", CancellationToken.None).AsTask();
        await Task.Delay(600);
        Assert.False(waiting.IsCompleted);
        DateTime released;
        await using (var now = new NpgsqlCommand("select clock_timestamp()", holder, tx)) released = (DateTime)(await now.ExecuteScalarAsync())!;
        await tx.CommitAsync();
        await waiting;

        // The send is placed no earlier than the budget was free: placed when it asked, 600 ms before, the sends it is
        // counted against would be that much closer together on the wire than in the budget.
        await using var read = _db.CreateCommand("select sent[1] from send_budget where key = 'teams:a:queued/1s'");
        var placed = (DateTime)(await read.ExecuteScalarAsync())!;
        Assert.True(placed >= released, $"placed at {placed:HH:mm:ss.fff}, budget free at {released:HH:mm:ss.fff}");
    }
}
