using System.Net;
using System.Text.Json.Nodes;
using System.Net.Http.Json;
using System.Text;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>/api/messages answers bad input with 400/413, unknown things with 200/501, and never a 500.</summary>
public sealed class MessagesEndpointTests(PostgresFixture pg) : ScenarioTest(pg)
{
    private Task<HttpResponseMessage> PostRawAsync(string body) =>
        _s.Bot.Http.PostAsync("api/messages", new StringContent(body, Encoding.UTF8, "application/json"));

    [Theory]
    [InlineData("{not json", "not a valid activity JSON")]
    [InlineData("null", "body is not an activity")]
    [InlineData("[]", "not a valid activity JSON")]
    [InlineData("{\"type\":\"message\"}", "channelId is missing")]
    public async Task Malformed_activities_are_400_with_a_reason(string body, string reason)
    {
        var response = await PostRawAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("serviceUrl", "serviceUrl is missing")]
    [InlineData("conversation", "conversation.id is missing")]
    [InlineData("from", "from.id is missing")]
    public async Task Activities_missing_routing_fields_are_400(string field, string reason)
    {
        var activity = _s.Alex.Message("on call");
        activity.Remove(field);
        var response = await _s.SendAsync(activity);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await _s.Db.CountAsync("staff"));
    }

    [Fact]
    public async Task An_oversized_activity_is_413()
    {
        var response = await _s.SendAsync(_s.Alex.Message(new string('x', 300 * 1024)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_activity_types_are_200_and_unknown_invokes_501()
    {
        var unknown = _s.Alex.Message("hi");
        unknown["type"] = "somethingNew";
        Assert.Equal(HttpStatusCode.OK, (await _s.SendAsync(unknown)).StatusCode);

        var invoke = _s.Alex.Execute("x", new JsonObject());
        invoke["name"] = "composeExtension/query";
        var response = await _s.SendAsync(invoke);
        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [Fact]
    public async Task Card_actions_with_bad_data_get_an_error_card_response_not_a_500()
    {
        await _s.GoOnCallAsync(_s.Alex);
        foreach (var data in new[] { new JsonObject(), new JsonObject { ["caseId"] = "abc" }, new JsonObject { ["caseId"] = -4 }, new JsonObject { ["caseId"] = 999999 } })
        {
            var response = await _s.SendAsync(_s.Alex.Execute("case.approve", data));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal("application/vnd.microsoft.error", body["type"]!.GetValue<string>());
            Assert.DoesNotContain("Exception", body.ToJsonString());
        }
        var unknownVerb = await _s.SendAsync(_s.Alex.Execute("case.delete_everything", new JsonObject { ["caseId"] = 1 }));
        Assert.Contains("isn't recognised", await unknownVerb.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Install_captures_the_conversation_reference_once_and_welcomes_once()
    {
        for (var i = 0; i < 3; i++) (await _s.SendAsync(_s.Alex.Install())).EnsureSuccessStatusCode();

        var row = (await _s.Db.QueryAsync<(string ChannelUserId, string ConversationId, string ServiceUrl, string TenantId, string BotId)>(
            "select channel_user_id, conversation_id, service_url, tenant_id, bot_id from staff where staff_id = 'aad-alex'")).Single();
        Assert.Equal(("29:alex", _s.Alex.ConversationId, _s.Connector.ServiceUrl.ToString(), "tenant-1", TeamsUser.BotId), row);
        static bool Welcome(JsonObject card) => JsonText.Of(card).Contains("Welcome to ResponseBot\nHi Alex Wilber.");
        await Eventually.TrueAsync(() => _s.Connector.Cards().Any(c => Welcome(c.Card)), "welcome sent");
        await Task.Delay(300);
        Assert.Single(_s.Connector.Cards(), c => Welcome(c.Card));
    }

    [Fact]
    public async Task An_uninstalled_user_gets_no_more_proactive_messages()
    {
        await _s.GoOnCallAsync(_s.Alex);
        var uninstall = _s.Alex.Install();
        uninstall["action"] = "remove";
        (await _s.SendAsync(uninstall)).EnsureSuccessStatusCode();

        var caseId = await _s.MentionAsync("m-gone", "hello");
        await Eventually.TrueAsync(async () => await _s.Db.CountAsync("outbox", "case_id = @caseId and failed_at is not null", new { caseId }) == 1,
            "card delivery abandoned");
        Assert.Empty(_s.Connector.CaseCards());
        Assert.Equal("New", await _s.Db.ScalarAsync<string>("select state from cases where id = @caseId", new { caseId }));
    }
}

public sealed class StaffNameTests(PostgresFixture pg) : ScenarioTest(pg)
{
    [Fact]
    public async Task An_install_event_without_a_name_never_overwrites_the_name_we_know()
    {
        (await _s.SendAsync(_s.Alex.Message("help"))).EnsureSuccessStatusCode();
        var install = _s.Alex.Install();
        install["from"]!.AsObject().Remove("name");
        (await _s.SendAsync(install)).EnsureSuccessStatusCode();
        Assert.Equal("Alex Wilber", await _s.Db.ScalarAsync<string>("select staff_name from staff where staff_id = 'aad-alex'"));
    }
}

public sealed class ConversationReferenceTests(PostgresFixture pg) : ScenarioTest(pg)
{
    [Fact]
    public async Task The_service_url_is_refreshed_from_each_new_activity_and_used_for_the_next_send()
    {
        await _s.GoOnCallAsync(_s.Alex);
        await using var moved = await FakeConnector.StartAsync();
        var alexElsewhere = new TeamsUser("aad-alex", "Alex Wilber", "29:alex", moved.ServiceUrl);
        (await _s.SendAsync(alexElsewhere.Message("help"))).EnsureSuccessStatusCode();
        Assert.Equal(moved.ServiceUrl.ToString(), await _s.Db.ScalarAsync<string>("select service_url from staff where staff_id = 'aad-alex'"));

        var caseId = await _s.MentionAsync("moved-1", "hello");
        await _s.CardPostedToAsync(_s.Alex, caseId);
        Assert.Single(moved.CaseCards());
    }
}
