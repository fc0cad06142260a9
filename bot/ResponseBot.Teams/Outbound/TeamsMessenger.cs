using System.Text.Json.Nodes;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Chat;
using ResponseBot.Teams.Activities;

namespace ResponseBot.Teams.Outbound;

/// <summary>Teams implementation of proactive messaging: 1:1 chats, cards as attachments, updates by PUT.</summary>
public sealed class TeamsMessenger(ConnectorClient connector) : IChatMessenger
{
    public Task<SentMessage> SendCardAsync(ChatAddress to, JsonObject card, string summary, CancellationToken ct) =>
        SendAsync(to, CardActivity(to.BotId, card, summary), ct);

    public Task UpdateCardAsync(PostedCard posted, JsonObject card, string summary, CancellationToken ct)
    {
        var activity = CardActivity(null, card, summary);
        activity.Id = posted.MessageId;
        activity.Conversation = new ConversationAccount { Id = posted.ConversationId };
        return connector.UpdateActivityAsync(posted.ServiceUrl, posted.ConversationId, posted.MessageId, activity, ct);
    }

    public Task<SentMessage> SendTextAsync(ChatAddress to, string text, CancellationToken ct) =>
        SendAsync(to, new Activity { Type = ActivityTypes.Message, From = new ChannelAccount { Id = to.BotId }, Text = text, TextFormat = "plain" }, ct);

    private async Task<SentMessage> SendAsync(ChatAddress to, Activity activity, CancellationToken ct)
    {
        // We keep the 1:1 conversation id from the install event; only without it do we create the chat.
        var conversationId = to.ConversationId
            ?? await connector.CreateConversationAsync(to.ServiceUrl, to.BotId, to.ChannelUserId, to.TenantId, ct);
        activity.Conversation = new ConversationAccount { Id = conversationId };
        var id = await connector.PostActivityAsync(to.ServiceUrl, conversationId, activity, ct);
        return new SentMessage(conversationId, id);
    }

    private static Activity CardActivity(string? botId, JsonObject card, string summary) => new()
    {
        Type = ActivityTypes.Message,
        From = botId is null ? null : new ChannelAccount { Id = botId },
        Summary = summary,
        Attachments = [new Attachment { ContentType = ActivityTypes.AdaptiveCardContentType, Content = card }],
    };
}
