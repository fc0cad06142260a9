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
    public void Terms_are_whole_words_not_regular_expressions_and_short_or_masked_names_are_not_terms()
    {
        var odd = Jo with { AuthorName = "a.b*(c", AuthorHandle = "x" };
        Assert.Equal("say [redacted] not axbbbc", Redaction.MaskTerms("say a.b*(c not axbbbc", Redaction.Terms(odd)));
        Assert.Equal(["a.b*(c"], Redaction.Terms(odd));   // "x" and "@x" are too short to be told from ordinary words
        var al = Jo with { AuthorName = "Alf", AuthorHandle = "@alf" };
        Assert.Equal("Hi [redacted], the Alfreton office is open ([redacted]).", Redaction.MaskTerms("Hi Alf, the Alfreton office is open (@alf).", Redaction.Terms(al)));
        Assert.Empty(Redaction.Terms(Jo with { AuthorName = Redaction.Mask, AuthorHandle = Redaction.Mask }));
    }
}
