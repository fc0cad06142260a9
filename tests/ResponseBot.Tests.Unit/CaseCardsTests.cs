using NodaTime;
using System.Text.Json.Nodes;
using ResponseBot.Cards;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Unit;

public sealed class CaseCardsTests
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    private static readonly Dictionary<string, JsonObject> Cards = CardCatalogue.All(London).ToDictionary(c => c.Name, c => c.Card.ToJson());

    private static IEnumerable<JsonObject> Nodes(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Nodes(p.Value))),
        JsonArray a => a.SelectMany(Nodes),
        _ => [],
    };

    private static IEnumerable<JsonObject> OfType(JsonObject card, string type) => Nodes(card).Where(n => n["type"]?.GetValue<string>() == type);

    [Theory]
    [InlineData("case-new-hostile-text")]
    [InlineData("case-sent-hostile-text")]
    [InlineData("case-hidden-abuse")]
    public void Public_text_only_ever_appears_in_TextRuns_which_are_never_parsed_as_markdown(string name)
    {
        var card = Cards[name];
        var runs = OfType(card, "TextRun").Select(r => r["text"]!.GetValue<string>()).ToList();
        Assert.Contains(CardCatalogue.HostileText, runs);
        Assert.Contains(CardCatalogue.HostileName, runs);

        foreach (var block in OfType(card, "TextBlock").Select(b => b["text"]!.GetValue<string>()))
        {
            Assert.DoesNotContain("evil", block);
            Assert.DoesNotContain("<at>", block);
            Assert.DoesNotContain("**", block);
        }
        // No card-level mention entities and no link anywhere but Action.OpenUrl.
        Assert.Null(card["msteams"]?["entities"]);
        Assert.DoesNotContain(Nodes(card), n => n["type"]?.GetValue<string>() == "Action.OpenUrl" && n["url"]!.GetValue<string>().Contains("evil"));
    }

    [Fact]
    public void Only_absolute_http_links_become_Open_buttons()
    {
        Assert.Single(OfType(Cards["case-new"], "Action.OpenUrl"), a => a["url"]!.GetValue<string>() == "https://x.com/resident_42/status/1861234567890");
        Assert.Empty(OfType(Cards["case-new-hostile-text"], "Action.OpenUrl"));
    }

    [Fact]
    public void The_open_card_names_the_posting_account_and_offers_approve_and_edit_with_the_case_id()
    {
        var card = Cards["case-new"];
        Assert.Contains("Reply will be posted as @ExampleCouncil on X", JsonText.Of(card));
        var executes = OfType(card, "Action.Execute").ToList();
        var refresh = card["refresh"]!["action"]!;
        // "I'm on it" and Snooze sit in the body (above the post), Hide under the post (X lets the account hide replies), the
        // decisions in the card's actions.
        Assert.Equal([CardVerbs.Acknowledge, CardVerbs.Snooze, CardVerbs.Hide, CardVerbs.Approve, CardVerbs.SendEdited, CardVerbs.Escalate, CardVerbs.Dismiss, CardVerbs.UseTemplate],
            executes.Where(e => e != refresh).Select(e => e["verb"]!.GetValue<string>()));
        Assert.Equal(["15", "30", "60"], OfType(card, "Input.ChoiceSet").Single(c => c["id"]!.GetValue<string>() == CardVerbs.SnoozeMinutesInputId)["choices"]!
            .AsArray().Select(c => c!["value"]!.GetValue<string>()));
        Assert.All(executes, e => Assert.Equal(1042, e["data"]!["caseId"]!.GetValue<long>()));
        Assert.Equal(["29:alex"], card["refresh"]!["userIds"]!.AsArray().Select(u => u!.GetValue<string>()));
        // Older clients fall back to Action.Submit carrying the verb in its data.
        Assert.All(executes.Where(e => e != refresh), e => Assert.Equal(e["verb"]!.GetValue<string>(), e["fallback"]!["data"]!["verb"]!.GetValue<string>()));
        var inputs = OfType(card, "Input.Text").ToList();
        Assert.Equal([CardVerbs.HideReasonInputId, CardVerbs.ReplyTextInputId, CardVerbs.EscalateReasonInputId, CardVerbs.DismissReasonInputId],
            inputs.Select(i => i["id"]!.GetValue<string>()));
        var input = inputs[1];
        Assert.Equal(280, input["maxLength"]!.GetValue<int>());
        Assert.Contains("/ 280 characters", JsonText.Of(card));
    }

    [Fact]
    public void Outcome_cards_say_who_sent_it_and_when_in_local_time_and_have_no_decision_buttons()
    {
        var sent = Cards["case-sent-after-approval"];
        // 23:56:31 UTC on 21 Nov is 23:56 in London (GMT in winter).
        Assert.Contains("Sent by Megan Bowen at 23:56 on Sat 21 Nov 2026", JsonText.Of(sent));
        Assert.Contains("Drafted by Alex Wilber, approved by Megan Bowen", JsonText.Of(sent));
        // Nothing more to decide about the reply; the post itself can still be hidden.
        Assert.Equal([CardVerbs.Hide], OfType(sent, "Action.Execute").Select(e => e["verb"]!.GetValue<string>()).Where(v => v != CardVerbs.Refresh));
        Assert.Contains(OfType(sent, "Action.OpenUrl"), a => a["url"]!.GetValue<string>() == "https://x.com/ExampleCouncil/status/1861234569999");
        Assert.Contains("Approved by Alex Wilber at 23:50 on Sat 21 Nov 2026 — posting now…", JsonText.Of(Cards["case-publishing"]));
    }

    [Fact]
    public void A_failed_case_says_why_and_can_be_approved_again()
    {
        var failed = Cards["case-publish-failed"];
        Assert.Contains("Posting failed: reply receiver answered 422. Retry, edit or escalate.", JsonText.Of(failed));
        Assert.Contains(OfType(failed, "Action.Execute"), e => e["verb"]!.GetValue<string>() == CardVerbs.Retry);
        Assert.Contains(OfType(failed, "Action.Execute"), e => e["verb"]!.GetValue<string>() == CardVerbs.Escalate);
    }

    [Fact]
    public void A_hidden_post_says_who_hid_it_and_why_and_offers_Unhide_not_Hide()
    {
        var card = Cards["case-hidden-abuse"];
        var text = JsonText.Of(card);
        Assert.Contains("Hidden on X by Alex Wilber at 23:50", text);
        Assert.Contains("Abusive language about a named member of staff", text);
        var verbs = OfType(card, "Action.Execute").Select(e => e["verb"]!.GetValue<string>()).ToList();
        Assert.Contains(CardVerbs.Unhide, verbs);
        Assert.DoesNotContain(CardVerbs.Hide, verbs);
        // The reason is someone's words about hostile text: it is plain text, never markdown.
        Assert.DoesNotContain(Nodes(card), n => n["type"]?.GetValue<string>() == "TextBlock" && n["text"]!.GetValue<string>().Contains("evil.example"));
    }

    [Fact]
    public void A_post_its_author_deleted_closes_without_a_dismisser_and_offers_nothing_to_hide()
    {
        var card = Cards["case-deleted-by-author"];
        Assert.Contains("Closed: the author deleted the post", JsonText.Of(card));
        Assert.Contains("The author deleted this post on X at 23:50", JsonText.Of(card));
        Assert.DoesNotContain(OfType(card, "Action.Execute"), e => e["verb"]!.GetValue<string>() != CardVerbs.Refresh);
    }

    [Fact]
    public void An_edited_post_says_the_text_is_the_new_one()
    {
        Assert.Contains("Edited by its author at 23:50 on Sat 21 Nov 2026: this is the new text", JsonText.Of(Cards["case-edited-by-author"]));
    }
}

public sealed class CardSizeTests
{
    [Fact]
    public void A_long_post_is_cut_on_the_card_without_splitting_an_emoji_and_says_so()
    {
        var text = string.Concat(Enumerable.Repeat("😀", ResponseBot.Cards.CardLimits.MaxMentionText + 50));
        var shown = ResponseBot.Cards.CardLimits.Bounded(text, ResponseBot.Cards.CardLimits.MaxMentionText);
        Assert.StartsWith(string.Concat(Enumerable.Repeat("😀", ResponseBot.Cards.CardLimits.MaxMentionText)) + " … (cut", shown);
        Assert.Equal("short", ResponseBot.Cards.CardLimits.Bounded("short", 10));
    }
}
