using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ResponseBot.Application.Sources;
using ResponseBot.Cards;
using ResponseBot.Domain.Outbox;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>
/// OpenTelemetry listens to meters by name, so a host's /metrics would also count what other hosts in this process record
/// (other tests running alongside): these tests run alone.
/// </summary>
[CollectionDefinition(nameof(MetricsTests), DisableParallelization = true)]
public sealed class MetricsCollection;

/// <summary>/metrics scraped over HTTP from the real host while cases flow through it, and who may scrape it.</summary>
[Collection(nameof(MetricsTests))]
public sealed partial class MetricsTests(PostgresFixture pg)
{
    private const string Token = "metrics-token-0123456789abcdef-0123456789";

    [Fact]
    public async Task A_case_flowing_through_moves_the_counters_and_the_gauges_read_the_database()
    {
        var (s, scraper) = await StartScrapedAsync(c => c["Roles:Managers:0"] = "aad-megan");
        await using var _ = s;
        using var __ = scraper;
        var before = await ScrapeAsync(scraper);
        Assert.Equal(0, before.Sum("responsebot_mentions_received_total", ("account", BotHost.AccountId)));

        await s.GoOnCallAsync(s.Alex);
        // The card's first post is throttled (retried in-process), and so is the reply's first publish (retried by the outbox).
        var throttledOnce = 0;
        s.Connector.Fault = call => FakeConnector.IsCaseCard(call) && call.Method == "POST" && Interlocked.Exchange(ref throttledOnce, 1) == 0
            ? FakeConnector.Throttled(0) : null;
        s.Receiver.FailNext(429);
        var caseId = await s.MentionAsync("metrics-1", "The bins on Elm Road weren't collected");
        var cardId = await s.CardPostedToAsync(s.Alex, caseId);
        // Scrapes are cached for a moment (the exporter's 300 ms), hence waiting for the new figure rather than reading once.
        await EventuallyScrapeAsync(scraper, m => m.Sum("responsebot_mentions_received_total", ("account", BotHost.AccountId)) == 1, "one mention counted");
        await s.ClickAsync(s.Alex, CardVerbs.Approve, caseId, replyToId: cardId);
        await Eventually.TrueAsync(() => s.Receiver.Received.Count == 1, "reply published");
        var escalated = await s.MentionAsync("metrics-2", "I want to speak to someone senior");
        await s.CardPostedToAsync(s.Alex, escalated);
        var answer = await s.ClickAsync(s.Alex, CardVerbs.Escalate, escalated, inputs: new JsonObject { [CardVerbs.EscalateReasonInputId] = "Asks for a manager" });
        Assert.Contains("Escalated to the managers", answer["value"].Text());

        // The histogram is recorded just after the commit the gauge reads: waited for too.
        var after = await EventuallyScrapeAsync(scraper, m => m.Value("responsebot_cases", ("state", "Sent")) == 1
            && m.Value("responsebot_cases", ("state", "Escalated")) == 1 && m.Value("responsebot_first_response_duration_seconds_count") == 1,
            "the gauge shows the sent and the escalated case");
        Assert.Equal(2, after.Sum("responsebot_mentions_received_total", ("account", BotHost.AccountId)));
        Assert.Equal(0, after.Value("responsebot_cases", ("state", "New")));
        Assert.InRange(after.Value("responsebot_first_response_duration_seconds_sum")!.Value, 0.1, 60);
        Assert.Equal(1, after.Value("responsebot_first_response_duration_seconds_bucket", ("le", "60")));
        Assert.Equal(1, after.Sum("responsebot_escalations_total", ("kind", "manager")));
        Assert.Equal(0, after.Sum("responsebot_escalations_total", ("kind", "timer")));
        Assert.True(after.Sum("responsebot_connector_retries_total", ("connector", "teams")) >= 1, "the throttled card post was retried");
        Assert.True(after.Sum("responsebot_http_throttled_total", ("connector", "teams")) >= 1, "Teams' 429 counted");
        Assert.Equal(1, after.Sum("responsebot_http_throttled_total", ("connector", "generic")));
        Assert.Equal(1, after.Sum("responsebot_outbox_retries_total", ("kind", OutboxKinds.PublishReply)));
        Assert.NotNull(after.Value("responsebot_outbox_depth"));
        Assert.NotNull(after.Value("responsebot_outbox_oldest_due_age_seconds"));
        Assert.InRange(after.Value("responsebot_metrics_snapshot_age_seconds")!.Value, 0, 5);
        // Npgsql's own meter, and the instrumentation's.
        Assert.Contains(after.Samples, m => m.Labels.GetValueOrDefault("otel_scope_name") == "Npgsql");
        Assert.Contains(after.Samples, m => m.Name.StartsWith("http_server_request_duration_seconds", StringComparison.Ordinal));
        Assert.Contains(after.Samples, m => m.Name.StartsWith("dotnet_gc_", StringComparison.Ordinal));
        // Account ids only: no handle and no mention text in any label.
        Assert.DoesNotContain(after.Text.Split('\n'), l => !l.StartsWith('#') && (l.Contains("ExampleCouncil") || l.Contains("Elm Road") || l.Contains("resident42")));
    }

    [Fact]
    public async Task A_source_is_healthy_while_it_delivers_and_not_once_its_deliveries_keep_failing()
    {
        var (s, scraper) = await StartScrapedAsync();
        await using var _ = s;
        using var __ = scraper;
        await using (var scope = s.Bot.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<RecordSourceDelivery>().DeliveredAsync(BotHost.AccountId, 1, CancellationToken.None);
        var healthy = await EventuallyScrapeAsync(scraper, m => m.Value("responsebot_source_healthy", ("account", BotHost.AccountId)) == 1, "the source healthy");
        Assert.InRange(healthy.Value("responsebot_source_last_success_age_seconds", ("account", BotHost.AccountId))!.Value, 0, 30);
        Assert.NotNull(healthy.Value("responsebot_source_last_mention_age_seconds", ("account", BotHost.AccountId)));

        await using (var scope = s.Bot.Services.CreateAsyncScope())
            for (var i = 0; i < 3; i++)
                await scope.ServiceProvider.GetRequiredService<RecordSourceDelivery>().RefusedAsync(BotHost.AccountId, "signature mismatch", CancellationToken.None);
        await EventuallyScrapeAsync(scraper, m => m.Value("responsebot_source_healthy", ("account", BotHost.AccountId)) == 0, "the source failing");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await s.Bot.Http.GetAsync("healthz/sources")).StatusCode);
    }

    [Fact]
    public async Task With_a_metrics_port_metrics_are_served_there_only_and_nothing_else_is()
    {
        var port = Ports.Free();
        await using var s = await Scenario.StartAsync(pg, c => c["Metrics:Port"] = port.ToString(CultureInfo.InvariantCulture));
        using var scraper = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        var scrape = await scraper.GetAsync("metrics");
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Contains("# TYPE ", await scrape.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await s.Bot.Http.GetAsync("metrics")).StatusCode);
        // Not even with the metrics port named in the Host header: it is the connection's port that counts.
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, "metrics") { Headers = { Host = $"127.0.0.1:{port}" } };
        Assert.Equal(HttpStatusCode.NotFound, (await s.Bot.Http.SendAsync(spoofed)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await scraper.GetAsync("healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s.Bot.Http.GetAsync("healthz")).StatusCode);
    }

    [Fact]
    public async Task With_Kestrel_endpoints_configured_the_metrics_port_joins_them_instead_of_replacing_them()
    {
        var port = Ports.Free();
        await using var s = await Scenario.StartAsync(pg, c =>
        {
            c["Kestrel:Endpoints:Bot:Url"] = "http://127.0.0.1:0";
            c["Metrics:Port"] = port.ToString(CultureInfo.InvariantCulture);
        });
        using var scraper = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        Assert.NotEqual(port, s.Bot.BaseUrl.Port);
        Assert.Equal(HttpStatusCode.OK, (await s.Bot.Http.GetAsync("healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await scraper.GetAsync("metrics")).StatusCode);
    }

    [Fact]
    public async Task With_a_token_metrics_on_the_bot_port_need_it()
    {
        await using var s = await Scenario.StartAsync(pg, c => c["Metrics:BearerToken"] = Token);

        var none = await s.Bot.Http.GetAsync("metrics");
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Contains("Authorization: Bearer", (await none.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.GetValue<string>());
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);

        var wrong = await GetAsync(s.Bot.Http, Token[..^1] + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("the bearer token is not the metrics token", (await wrong.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.GetValue<string>());
        Assert.DoesNotContain("responsebot_", await wrong.Content.ReadAsStringAsync());

        var right = await GetAsync(s.Bot.Http, Token);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("# TYPE ", await right.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_are_off_unless_configured()
    {
        await using var s = await Scenario.StartAsync(pg);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Bot.Http.GetAsync("metrics")).StatusCode);
    }

    [Fact]
    public async Task Bad_metrics_settings_fail_at_start_with_the_setting_named()
    {
        var settings = BotHost.DefaultSettings(await pg.NewDatabaseAsync(), new Uri("http://127.0.0.1:9/replies"));
        settings["Metrics:Port"] = "70000";
        settings["Metrics:Host"] = "metrics.example";
        settings["Metrics:BearerToken"] = "short";
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => BotHost.StartAsync(settings));
        Assert.Contains("Metrics:Port must be between 1 and 65535 (it is 70000).", ex.Message);
        Assert.Contains("Metrics:Host must be an IP address, localhost or *", ex.Message);
        Assert.Contains("Metrics:BearerToken must be at least 32 characters", ex.Message);
    }

    /// <summary>A running bot with its metrics on a port of their own, re-read every 200 ms; and a client for that port.</summary>
    private async Task<(Scenario Scenario, HttpClient Scraper)> StartScrapedAsync(Action<Dictionary<string, string?>>? settings = null)
    {
        var port = Ports.Free();
        var s = await Scenario.StartAsync(pg, c =>
        {
            c["Metrics:Port"] = port.ToString(CultureInfo.InvariantCulture);
            c["Metrics:RefreshInterval"] = "00:00:00.200";
            settings?.Invoke(c);
        });
        return (s, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") });
    }

    private static Task<HttpResponseMessage> GetAsync(HttpClient http, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "metrics") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
        return http.SendAsync(request);
    }

    // ---- Reading Prometheus's text format --------------------------------------------------------------------------------

    private sealed record Sample(string Name, Dictionary<string, string> Labels, double Value);

    private sealed record Scrape(string Text, IReadOnlyList<Sample> Samples)
    {
        private IEnumerable<Sample> Matching(string name, (string Key, string Value)[] labels) =>
            Samples.Where(m => m.Name == name && labels.All(l => m.Labels.GetValueOrDefault(l.Key) == l.Value));

        /// <summary>The one sample of <paramref name="name"/> with these labels; null when there is none.</summary>
        public double? Value(string name, params (string Key, string Value)[] labels) => Matching(name, labels).SingleOrDefault()?.Value;

        /// <summary>Every matching sample added up (0 when there is none, as a counter that has not moved is absent).</summary>
        public double Sum(string name, params (string Key, string Value)[] labels) => Matching(name, labels).Sum(m => m.Value);
    }

    private static async Task<Scrape> ScrapeAsync(HttpClient scraper)
    {
        var response = await scraper.GetAsync("metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var samples = text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => SampleLine().Match(l)).Where(m => m.Success)
            .Select(m => new Sample(m.Groups["name"].Value,
                LabelPair().Matches(m.Groups["labels"].Value).ToDictionary(p => p.Groups["key"].Value, p => Regex.Unescape(p.Groups["value"].Value)),
                double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture)))
            .ToList();
        return new Scrape(text, samples);
    }

    private static async Task<Scrape> EventuallyScrapeAsync(HttpClient scraper, Func<Scrape, bool> condition, string what)
    {
        Scrape? last = null;
        await Eventually.TrueAsync(async () => condition(last = await ScrapeAsync(scraper)), what, diagnostics: () => last?.Text ?? "");
        return last!;
    }

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)""")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();
}
