using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>Only Microsoft Teams, and only a Teams user with an Entra identity, talks to the bot.</summary>
public sealed class OnlyTeamsTests(PostgresFixture pg) : ScenarioTest(pg)
{
    [Theory]
    [InlineData("directline")]
    [InlineData("webchat")]
    public async Task Activities_from_other_channels_are_refused_and_nothing_is_stored(string channel)
    {
        var onCall = _s.Megan.Message("on call");
        onCall["channelId"] = channel;
        var response = await _s.SendAsync(onCall);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("only Microsoft Teams", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await _s.Db.CountAsync("staff"));
        Assert.Equal(0, await _s.Db.CountAsync("on_call"));
    }

    [Fact]
    public async Task A_person_without_an_Entra_object_id_is_nobody()
    {
        var message = _s.Megan.Message("on call");
        message["from"]!.AsObject().Remove("aadObjectId");
        var response = await _s.SendAsync(message);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("aadObjectId", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await _s.Db.CountAsync("on_call"));
    }

    [Fact]
    public async Task Tenants_that_disagree_are_refused()
    {
        var message = _s.Megan.Message("on call");
        message["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "another-tenant" } };
        Assert.Equal(HttpStatusCode.BadRequest, (await _s.SendAsync(message)).StatusCode);
        Assert.Equal(0, await _s.Db.CountAsync("on_call"));
    }

    [Fact]
    public async Task Without_a_conversation_type_the_chat_is_not_taken_as_personal()
    {
        var message = _s.Megan.Message("help");
        message["conversation"]!.AsObject().Remove("conversationType");
        (await _s.SendAsync(message)).EnsureSuccessStatusCode();
        // The activity's conversation is not kept as Megan's chat: the answer went to a 1:1 chat the bot created with her.
        await Eventually.TrueAsync(() => _s.Connector.Calls.Any(c => c.Method == "CREATE"), "a 1:1 chat created for the answer");
        await Eventually.TrueAsync(async () => await _s.Db.ScalarAsync<string?>("select conversation_id from staff where staff_id = 'aad-megan'") is not null,
            "the created chat recorded");
        Assert.Equal("a:1on1-29:megan", await _s.Db.ScalarAsync<string?>("select conversation_id from staff where staff_id = 'aad-megan'"));
        Assert.DoesNotContain(_s.Connector.Calls, c => c.ConversationId == _s.Megan.ConversationId);
    }
}

/// <summary>The channel every new mention goes to is chosen by configuration, not by whoever adds the app.</summary>
public sealed class AutoChannelTests(PostgresFixture pg)
{
    private static readonly Uri Receiver = new("https://replies.example.gov.uk/");

    [Fact]
    public async Task The_auto_team_channel_is_refused_outside_development()
    {
        var settings = BotHost.ProductionSettings(await pg.NewDatabaseAsync(), Receiver);
        settings["Routing:TeamChannel"] = "auto";
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => BotHost.StartAsync(settings, environment: "Production"));
        Assert.Contains("Routing:TeamChannel=auto is for development only", ex.Message);
    }
}

/// <summary>Text an activity carries that can't be stored never breaks the bot.</summary>
public sealed class HostileActivityTextTests(PostgresFixture pg) : ScenarioTest(pg)
{
    [Fact]
    public async Task An_unpaired_surrogate_anywhere_in_an_activity_is_400_naming_where()
    {
        var json = _s.Megan.Message("on call").ToJsonString().Replace("\"Megan Bowen\"", "\"Megan \\ud83d\"");
        var response = await _s.Bot.Http.PostAsync("api/messages", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("$.from.name is not valid Unicode text", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await _s.Db.CountAsync("staff"));
    }

    [Fact]
    public async Task A_NUL_in_an_edited_reply_is_dropped_not_a_500()
    {
        await _s.GoOnCallAsync(_s.Alex);
        var caseId = await _s.MentionAsync("nul-1", "Is the tip open?");
        await _s.CardPostedToAsync(_s.Alex, caseId);
        await _s.ClickAsync(_s.Alex, ResponseBot.Cards.CardVerbs.SendEdited, caseId, replyText: "Yes,\u0000 until 4pm.");
        Assert.Equal("Yes, until 4pm.", await _s.Db.ScalarAsync<string>("select reply_text from cases where id = @caseId", new { caseId }));
    }
}
