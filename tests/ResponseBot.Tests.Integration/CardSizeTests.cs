using System.Text.Json.Nodes;
using ResponseBot.Cards;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>
/// Cards Teams refuses: a card over Teams' message size (413 MessageSizeTooBig) goes again compact, and one that can't be
/// shown at all, or a person nobody can reach, is never silent: the officer and the manager on duty are told in a short notice.
/// </summary>
public sealed class CardSizeTests(PostgresFixture pg) : IAsyncLifetime
{
    private Scenario _s = null!;
    private TeamsUser _adele = null!;

    public async ValueTask InitializeAsync()
    {
        _s = await Scenario.StartAsync(pg, s => s["Roles:Managers:0"] = "aad-adele");
        _adele = new TeamsUser("aad-adele", "Adele Vance", "29:adele", _s.Connector.ServiceUrl);
        (await _s.SendAsync(_adele.Install())).EnsureSuccessStatusCode();
        await _s.GoOnCallAsync(_s.Alex);
        // Welcomes are sent before any test lowers the connector's size limit.
        await Eventually.TrueAsync(() => _s.Connector.Calls.Any(c => c.ConversationId == _adele.ConversationId), "Adele welcomed");
    }

    public ValueTask DisposeAsync() => _s.DisposeAsync();

    // Welsh text: two bytes a character in UTF-8, and no escaping on the wire.
    private static readonly string LongPost = "Mae'r goleuadau stryd ar Ffordd yr Ŵyn wedi diffodd. " + string.Concat(Enumerable.Repeat("Ŵŷ âêî ", 300));

    [Fact]
    public async Task A_card_too_big_for_Teams_is_sent_again_compact_and_can_still_be_acted_on()
    {
        _s.Connector.MaxMessageBytes = 6_000;
        var before = _s.Connector.Calls.Count;
        var caseId = await _s.MentionAsync("big-1", LongPost);
        await _s.CardPostedToAsync(_s.Alex, caseId);

        var attempts = _s.Connector.Attempts.Where(a => a.ConversationId == _s.Alex.ConversationId && FakeConnector.IsCaseCard(a)).ToList();
        Assert.Equal(2, attempts.Count);
        Assert.True(attempts[0].Bytes > 6_000, $"the full card was {attempts[0].Bytes} bytes");
        var card = _s.LatestCard(_s.Alex, caseId)!;
        var text = JsonText.Of(card);
        Assert.Contains("Shortened to fit Teams", text);
        Assert.Contains(CardLimits.Bounded(LongPost, CardLimits.MaxCompactMentionText), text);
        Assert.DoesNotContain(LongPost[..600], text);
        Assert.Equal(LongPost, await _s.Db.ScalarAsync<string>("select text from cases where id = @caseId", new { caseId }));
        Assert.Contains(CardVerbs.Approve, card.ToJsonString());

        // Acting on it works, and the updated copy is compact too.
        await _s.ClickAsync(_s.Alex, CardVerbs.Approve, caseId);
        Assert.Equal("Scheduled", await _s.StateAsync(caseId));
        await Eventually.TrueAsync(() => _s.Connector.Calls.Any(c => c.Method == "PUT" && c.ConversationId == _s.Alex.ConversationId), "card updated");
        Assert.All(_s.Connector.Calls.Skip(before), c => Assert.True(c.Bytes <= 6_000));
    }

    [Fact]
    public async Task A_card_Teams_refuses_even_compact_is_not_silent_the_officer_and_the_manager_are_told()
    {
        _s.Connector.MaxMessageBytes = 1_500; // no case card fits; short text messages do
        var caseId = await _s.MentionAsync("big-2", "The streetlight on Elm Road has been out for a week");

        await Eventually.TrueAsync(() => _s.TextsTo(_adele).Any(t => t.StartsWith($"Case #{caseId}'s card could not be shown to Alex Wilber")),
            "the manager is told", diagnostics: () => _s.Bot.Logs.Summary());
        // Each person's chat is its own lane: the two notices go side by side, in no set order.
        await Eventually.TrueAsync(() => _s.TextsTo(_s.Alex).Any(t => t.StartsWith($"Case #{caseId} needs a response, but its card could not be shown here (connector answered 413 (MessageSizeTooBig))")),
            "the officer is told");
        Assert.DoesNotContain(_s.TextsTo(_s.Alex).Concat(_s.TextsTo(_adele)), t => t.Contains("Elm Road"));

        var log = await _s.Db.QueryAsync<string>("select detail::text from decision_log where action = 'undeliverable' and case_id = @caseId", new { caseId });
        Assert.Contains("MessageSizeTooBig", Assert.Single(log));
        Assert.Contains("\"told\": [\"aad-adele\"]", log[0]);
        Assert.Equal("New", await _s.StateAsync(caseId));
        Assert.Equal(1, await _s.Db.CountAsync("escalations", "case_id = @caseId and outcome is null", new { caseId }));
    }

    [Fact]
    public async Task With_nobody_reachable_the_managers_are_told()
    {
        _s.Connector.Fault = call => call.ConversationId == _s.Alex.ConversationId ? FakeConnector.Error(403, "BotNotInConversationRoster") : null;
        var caseId = await _s.MentionAsync("gone-1", "hello");

        await Eventually.TrueAsync(() => _s.TextsTo(_adele).Any(t => t.StartsWith($"Case #{caseId} could not reach Alex Wilber (connector answered 403 (BotNotInConversationRoster))")),
            "the manager is told", diagnostics: () => _s.Bot.Logs.Summary());
        Assert.Equal("New", await _s.StateAsync(caseId));
    }
}
