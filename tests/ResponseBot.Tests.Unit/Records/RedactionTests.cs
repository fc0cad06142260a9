using NodaTime;
using ResponseBot.Domain.Records;

namespace ResponseBot.Tests.Unit.Records;

public sealed class RedactionTests
{
    private static readonly PersonalCase Jo = new(1, "council", "Jo Bloggs", "@jo.bloggs", "https://social.example/@jo.bloggs", "Bins missed on Elm Road, says Jo",
        "https://social.example/@jo.bloggs/1", "Council", "Bin day is Tuesday", "Hi Jo Bloggs, sorry", "Hi @JO.BLOGGS and Jo Bloggs, sorry", false, PersonalData.None);

    [Fact]
    public void Author_redaction_masks_who_they_are_wherever_they_were_quoted_and_keeps_what_they_wrote()
    {
        var r = Redaction.Case(Jo, PersonalData.Author);
        Assert.Equal((Redaction.Mask, Redaction.Mask, (string?)null, (string?)null, (string?)null), (r.AuthorName, r.AuthorHandle, r.AuthorUrl, r.Url, r.ParentAuthor));
        Assert.Equal("Hi [redacted] and [redacted], sorry", r.ReplyText);
        Assert.Equal("Hi [redacted], sorry", r.DraftText);
        Assert.Equal(Jo.Text, r.Text);
        Assert.Equal(PersonalData.Author, r.Redacted);
    }

    [Fact]
    public void Content_redaction_removes_their_words_and_keeps_a_reply_already_masked()
    {
        var r = Redaction.Case(Jo with { Redacted = PersonalData.Author, AuthorName = Redaction.Mask, AuthorHandle = Redaction.Mask }, PersonalData.Content);
        Assert.Equal((Redaction.Mask, (string?)null, (string?)null), (r.Text, r.Url, r.ParentText));
        Assert.Equal(Jo.ReplyText, r.ReplyText);   // the masking terms are gone with the author; nothing new to mask
        Assert.Equal(PersonalData.All, r.Redacted);
    }

    [Fact]
    public void Log_rows_with_their_own_words_are_emptied_and_replies_only_masked()
    {
        var edit = new LogTexts(10, 1, "mention_edited", "Bins missed", "Bins missed again, Jo Bloggs");
        var approval = new LogTexts(11, 1, "edited_and_approved", "Hi Jo Bloggs", "Hi Jo Bloggs, sorry");
        Assert.Equal(edit with { TextBefore = null, TextAfter = null }, Redaction.Log(edit, Jo, PersonalData.All));
        Assert.Equal(edit with { TextAfter = "Bins missed again, [redacted]" }, Redaction.Log(edit, Jo, PersonalData.Author));
        Assert.Equal(approval with { TextBefore = "Hi [redacted]", TextAfter = "Hi [redacted], sorry" }, Redaction.Log(approval, Jo, PersonalData.All));
        Assert.Null(Redaction.Log(new LogTexts(12, 1, "approved", null, "Thanks for getting in touch"), Jo, PersonalData.All));
    }

    [Fact]
    public void Terms_are_not_regular_expressions_and_tiny_or_masked_names_are_not_terms()
    {
        var odd = Jo with { AuthorName = "a.b*(c", AuthorHandle = "x" };
        Assert.Equal("say [redacted] not axbbbc", Redaction.MaskTerms("say a.b*(c not axbbbc", Redaction.Terms(odd)));
        Assert.Empty(Redaction.Terms(Jo with { AuthorName = Redaction.Mask, AuthorHandle = Redaction.Mask }));
    }
}
