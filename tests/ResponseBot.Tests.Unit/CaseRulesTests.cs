using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Tests.Unit;

public sealed class CaseRulesTests
{
    private static readonly Account Account = new("acc", Platform.X, "ExampleCouncil");

    private static CaseRecord Case(CaseState state = CaseState.Notified, string handle = "resident") => new()
    {
        Id = 7,
        Mention = new Mention("acc", "ext", new Author(handle, "Name", null), "text", null, DateTimeOffset.UnixEpoch, null),
        ReceivedAt = DateTimeOffset.UnixEpoch,
        State = state,
        Version = 1,
        DecidedByName = state is CaseState.Sent or CaseState.Publishing ? "Megan Bowen" : null,
    };

    [Theory]
    [InlineData(CaseState.New)]
    [InlineData(CaseState.Notified)]
    [InlineData(CaseState.Failed)]
    public void The_officer_on_call_can_approve_an_open_case_with_the_suggested_reply(CaseState state)
    {
        var decision = Assert.IsType<CaseDecision.Publish>(CaseRules.Decide(Case(state), Account, actorIsOnCall: true, new CaseCommand.Approve(7)));
        Assert.StartsWith("Hi @resident, thanks for getting in touch.", decision.ReplyText);
        Assert.Equal(DecisionActions.Approved, decision.Action);
        Assert.Null(decision.EditedFrom);
    }

    [Fact]
    public void Someone_not_on_call_is_refused()
    {
        var refusal = Assert.IsType<CaseDecision.Refuse>(CaseRules.Decide(Case(), Account, actorIsOnCall: false, new CaseCommand.Approve(7)));
        Assert.Equal(RefusalReason.NotOnCall, refusal.Reason);
    }

    [Theory]
    [InlineData(CaseState.Publishing)]
    [InlineData(CaseState.Sent)]
    public void A_handled_case_is_refused_naming_who_handled_it(CaseState state)
    {
        var refusal = Assert.IsType<CaseDecision.Refuse>(CaseRules.Decide(Case(state), Account, actorIsOnCall: true, new CaseCommand.Approve(7)));
        Assert.Equal(RefusalReason.AlreadyHandled, refusal.Reason);
        Assert.Equal("Already handled by Megan Bowen.", refusal.Message);
    }

    [Fact]
    public void An_edit_is_normalised_and_records_the_suggestion_it_replaced()
    {
        var decision = Assert.IsType<CaseDecision.Publish>(CaseRules.Decide(Case(), Account, true, new CaseCommand.SendEdited(7, "  Thanks!\r\nWe're on it.\u0007  ")));
        Assert.Equal("Thanks!\nWe're on it.", decision.ReplyText);
        Assert.Equal(DecisionActions.Edited, decision.Action);
        Assert.StartsWith("Hi @resident", decision.EditedFrom);
    }

    [Theory]
    [InlineData("", RefusalReason.EmptyReply)]
    [InlineData(" \n\t ", RefusalReason.EmptyReply)]
    public void An_empty_edit_is_refused(string text, RefusalReason reason) =>
        Assert.Equal(reason, Assert.IsType<CaseDecision.Refuse>(CaseRules.Decide(Case(), Account, true, new CaseCommand.SendEdited(7, text))).Reason);

    [Fact]
    public void An_edit_over_the_platform_limit_is_refused_counting_characters_as_people_see_them()
    {
        // 280 family emoji: 280 user-perceived characters but far more UTF-16 units.
        var atLimit = string.Concat(Enumerable.Repeat("\U0001F468\u200D\U0001F469\u200D\U0001F467", 280));
        Assert.IsType<CaseDecision.Publish>(CaseRules.Decide(Case(), Account, true, new CaseCommand.SendEdited(7, atLimit)));
        var refusal = Assert.IsType<CaseDecision.Refuse>(CaseRules.Decide(Case(), Account, true, new CaseCommand.SendEdited(7, atLimit + "!")));
        Assert.Equal("The reply is 281 characters; this account allows 280.", refusal.Message);
    }
}
