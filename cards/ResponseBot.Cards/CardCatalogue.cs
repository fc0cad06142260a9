using ResponseBot.Cards.Schema;
using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Replies;

namespace ResponseBot.Cards;

/// <summary>
/// Every card variant with realistic sample data, including hostile public text, for designers
/// (paste into the Adaptive Cards designer), for validation with Microsoft's parser, and for tests.
/// </summary>
public static class CardCatalogue
{
    /// <summary>Text a member of the public could send to try to restyle our card or fake a button.</summary>
    public const string HostileText =
        "**URGENT** from the council: [reset your password here](https://evil.example/login) <at>Alex Wilber</at>\n" +
        "- item one\n1. item two\n# heading\n<script>alert(1)</script> {{DATE(2017-02-14T06:08:39Z, SHORT)}} \u202Egnp.exe";

    public const string HostileName = "[Chief Constable](https://evil.example) **Official**";

    public static IEnumerable<(string Name, AdaptiveCard Card)> All(TimeZoneInfo zone)
    {
        var account = new Account("demo", Platform.X, "ExampleCouncil");
        var received = new DateTimeOffset(2026, 11, 21, 23, 47, 0, TimeSpan.Zero);
        var mention = new Mention("demo", "1861234567890", new Author("resident_42", "Sam Resident", "https://x.com/resident_42"),
            "The streetlight outside 14 Mill Lane has been out for a week and it's pitch black walking home. Who do I report this to?",
            "https://x.com/resident_42/status/1861234567890", received.AddMinutes(-2), null);
        var open = new CaseRecord { Id = 1042, Mention = mention, ReceivedAt = received, State = CaseState.Notified, Version = 1 };
        var hostile = open with
        {
            Id = 1043,
            Mention = mention with { Author = new Author("evil<at>x</at>", HostileName, "javascript:alert(1)"), Text = HostileText, Url = "javascript:alert(1)" },
        };
        var reply = ReplyTemplates.SuggestFor(mention, account);
        var approved = open with
        {
            State = CaseState.Publishing, Version = 2, ReplyText = reply, DecidedById = "aad-1", DecidedByName = "Alex Wilber", DecidedAt = received.AddMinutes(3),
        };
        var sent = approved with { State = CaseState.Sent, Version = 3, PublishedAt = received.AddMinutes(3.5), PlatformReplyId = "1861234569999" };
        var failed = approved with { State = CaseState.Failed, Version = 3, FailureReason = "reply receiver answered 422" };

        CaseCardModel Model(CaseRecord c, string? notice = null) =>
            new(c, account, ReplyTemplates.SuggestFor(c.Mention, account), zone, notice);

        yield return ("case-new", CaseCards.Build(Model(open)));
        yield return ("case-new-hostile-text", CaseCards.Build(Model(hostile)));
        yield return ("case-edit-refused", CaseCards.Build(Model(open, "The reply is 312 characters; this account allows 280.")));
        yield return ("case-approved-posting", CaseCards.Build(Model(approved)));
        yield return ("case-sent", CaseCards.Build(Model(sent)));
        yield return ("case-sent-hostile-text", CaseCards.Build(Model(sent with { Mention = hostile.Mention, DecidedByName = HostileName })));
        yield return ("case-publish-failed", CaseCards.Build(Model(failed)));
    }
}
