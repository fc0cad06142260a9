using System.Text.Json;
using System.Text.Json.Nodes;
using ResponseBot.Domain.Chat;
using ResponseBot.Teams.Activities;
using ResponseBot.Teams.Inbound;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Unit;

public sealed class ActivityMapperTests
{
    private static readonly TeamsUser Alex = new("aad-alex", "Alex Wilber", "29:alex", new Uri("https://smba.trafficmanager.net/uk/"));

    private static Activity Read(JsonObject json) => JsonSerializer.Deserialize<Activity>(json.ToJsonString(), ActivityJson.Options)!;

    private static ChatInteraction Map(JsonObject json) =>
        Assert.IsType<MappedActivity.Interaction>(ActivityMapper.Map(Read(json))).Value;

    [Fact]
    public void The_actor_is_the_authenticated_from_account_and_the_address_is_the_personal_chat()
    {
        var message = Assert.IsType<ChatInteraction.Message>(Map(Alex.Message("<at>ResponseBot</at> on call")));
        Assert.Equal("on call", message.Text);
        Assert.Equal(("aad-alex", "Alex Wilber"), (message.Actor.Id, message.Actor.Name));
        Assert.Equal(new ChatAddress("aad-alex", "Alex Wilber", "29:alex", "tenant-1", "https://smba.trafficmanager.net/uk/", TeamsUser.BotId, Alex.ConversationId),
            message.Address);
    }

    [Fact]
    public void In_a_channel_the_conversation_is_not_mistaken_for_the_users_personal_chat()
    {
        var json = Alex.Message("on call");
        json["conversation"]!["conversationType"] = "channel";
        Assert.Null(Map(json).Address.ConversationId);
    }

    [Fact]
    public void Action_Execute_invokes_become_card_actions_with_inputs_merged_into_data()
    {
        var json = Alex.Execute("case.send_edited", new JsonObject { ["caseId"] = 5, ["replyText"] = "hello" });
        var action = Assert.IsType<ChatInteraction.CardAction>(Map(json));
        Assert.Equal("case.send_edited", action.Verb);
        Assert.Equal(5, action.Data["caseId"]!.GetValue<int>());
        Assert.Equal("hello", action.Data["replyText"]!.GetValue<string>());
        Assert.True(action.CanReplaceCard);
    }

    [Fact]
    public void Action_Submit_messages_become_card_actions_that_cannot_replace_the_card()
    {
        var json = Alex.Message("");
        json["value"] = new JsonObject { ["verb"] = "case.approve", ["caseId"] = 5 };
        var action = Assert.IsType<ChatInteraction.CardAction>(Map(json));
        Assert.Equal("case.approve", action.Verb);
        Assert.False(action.CanReplaceCard);
    }

    [Fact]
    public void Invokes_we_do_not_handle_are_501_and_non_Execute_card_actions_400()
    {
        var other = Alex.Execute("x", new JsonObject());
        other["name"] = "task/fetch";
        Assert.Equal(501, Assert.IsType<MappedActivity.NotSupported>(ActivityMapper.Map(Read(other))).Status);

        var submit = Alex.Execute("x", new JsonObject());
        submit["value"]!["action"]!["type"] = "Action.Submit";
        Assert.Equal(400, Assert.IsType<MappedActivity.NotSupported>(ActivityMapper.Map(Read(submit))).Status);

        var odd = Alex.Execute("x", new JsonObject());
        odd["value"]!["action"]!["type"] = 42;
        Assert.Equal(400, Assert.IsType<MappedActivity.NotSupported>(ActivityMapper.Map(Read(odd))).Status);
    }

    [Theory]
    [InlineData("add", typeof(ChatInteraction.Installed))]
    [InlineData("add-upgrade", typeof(ChatInteraction.Installed))]
    [InlineData("remove", typeof(ChatInteraction.Uninstalled))]
    public void Installation_updates_map_to_install_and_uninstall(string action, Type expected)
    {
        var json = Alex.Install();
        json["action"] = action;
        Assert.IsType(expected, Map(json));
    }

    [Fact]
    public void A_conversation_update_adding_the_bot_counts_as_an_install_and_other_updates_are_ignored()
    {
        var json = Alex.Install();
        json["type"] = "conversationUpdate";
        json.Remove("action");
        json["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "29:alex" }, new JsonObject { ["id"] = TeamsUser.BotId });
        Assert.IsType<ChatInteraction.Installed>(Map(json));

        json["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "29:someone" });
        Assert.IsType<MappedActivity.Ignored>(ActivityMapper.Map(Read(json)));
    }

    [Fact]
    public void The_tenant_comes_from_channel_data_or_else_the_conversation()
    {
        var json = Alex.Message("hi");
        json["channelData"] = new JsonObject();
        json["conversation"]!["tenantId"] = "from-conversation";
        Assert.Equal("from-conversation", Read(json).TenantId);
    }
}

public sealed class OnlyTeamsTests
{
    private static readonly TeamsUser Alex = new("aad-alex", "Alex Wilber", "29:alex", new Uri("https://smba.trafficmanager.net/uk/"));

    private static Activity Read(JsonObject json) => JsonSerializer.Deserialize<Activity>(json.ToJsonString(), ActivityJson.Options)!;

    [Fact]
    public void A_Teams_activity_from_a_Teams_user_is_accepted() => Assert.Null(ActivityMapper.Refuse(Read(Alex.Message("on call"))));

    [Theory]
    [InlineData("directline")]
    [InlineData("webchat")]
    [InlineData("emulator")]
    public void Other_channels_are_refused(string channel)
    {
        var json = Alex.Message("on call");
        json["channelId"] = channel;
        Assert.Contains("only Microsoft Teams", ActivityMapper.Refuse(Read(json)));
    }

    [Fact]
    public void Entra_object_ids_are_compared_one_way()
    {
        var json = Alex.Message("on call");
        json["from"]!["aadObjectId"] = "6F0A2C84-1B7E-4D2A-9C3B-0E5F7A8B9C1D";
        var message = Assert.IsType<MappedActivity.Interaction>(ActivityMapper.Map(Read(json))).Value;
        Assert.Equal("6f0a2c84-1b7e-4d2a-9c3b-0e5f7a8b9c1d", message.Actor.Id);
    }
}
