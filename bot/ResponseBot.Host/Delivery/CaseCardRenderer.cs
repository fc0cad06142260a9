using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ResponseBot.Cards;
using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Replies;
using ResponseBot.Host.Composition;

namespace ResponseBot.Host.Delivery;

/// <summary>Renders a case's current card. Everything that sends or returns a case card goes through here.</summary>
public sealed class CaseCardRenderer(IAccountDirectory accounts, IOptions<OrganisationOptions> organisation)
{
    public (JsonObject Card, string Summary) Render(CaseRecord @case, string? notice = null)
    {
        // An account removed from configuration still renders: the case exists and must be shown.
        var account = accounts.Find(@case.Mention.AccountId) ?? new Account(@case.Mention.AccountId, Platform.Generic, @case.Mention.AccountId);
        var model = new CaseCardModel(@case, account, ReplyTemplates.SuggestFor(@case.Mention, account), organisation.Value.Zone, notice);
        return (CaseCards.Build(model).ToJson(), CaseCards.Summary(model));
    }
}
