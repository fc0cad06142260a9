using NodaTime;
using ResponseBot.Application.Staff;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Paging;

namespace ResponseBot.Tests.Unit;

/// <summary>What staff may register to be paged on, the "contact" command, and what a page may say.</summary>
public sealed class ContactDetailsTests
{
    [Theory]
    [InlineData("sam@council.gov.uk", "sam@council.gov.uk")]
    [InlineData("  Sam.Jones+oncall@Council.GOV.UK ", "Sam.Jones+oncall@council.gov.uk")]
    [InlineData("o'brien@example.org", "o'brien@example.org")]
    public void An_email_address_is_kept_with_its_domain_in_lower_case(string typed, string kept) =>
        Assert.Equal(kept, ContactDetails.Email(typed));

    [Theory]
    [InlineData("sam")]
    [InlineData("sam@council")]
    [InlineData("@council.gov.uk")]
    [InlineData("sam@@council.gov.uk")]
    [InlineData("sam..jones@council.gov.uk")]
    [InlineData(".sam@council.gov.uk")]
    [InlineData("Sam <sam@council.gov.uk>")]
    [InlineData("sam@council.gov.uk\r\nBcc: all@council.gov.uk")]
    [InlineData("\"sam jones\"@council.gov.uk")]
    [InlineData("sam@-council.gov.uk")]
    [InlineData("sam@council.gov.1")]
    public void Anything_else_is_not_an_email_address(string typed) => Assert.Null(ContactDetails.Email(typed));

    [Theory]
    [InlineData("07700 900123", "+447700900123")]
    [InlineData("07700900123", "+447700900123")]
    [InlineData("+44 7700 900123", "+447700900123")]
    [InlineData("+44 (0)7700 900-123", "+447700900123")]
    [InlineData("0044 7700 900123", "+447700900123")]
    [InlineData("(07700) 900.123", "+447700900123")]
    [InlineData("+353 85 123 4567", "+353851234567")]
    [InlineData("+1 415 555 2671", "+14155552671")]
    public void A_mobile_number_is_written_in_E164(string typed, string kept) => Assert.Equal(kept, ContactDetails.Mobile(typed));

    [Theory]
    [InlineData("0114 496 0000")]        // a UK landline can't take a text
    [InlineData("+44 20 7946 0000")]
    [InlineData("0770090012")]           // a digit short
    [InlineData("077009001234")]         // a digit over
    [InlineData("+0 7700 900123")]
    [InlineData("+12345")]
    [InlineData("+1234567890123456")]
    [InlineData("call me")]
    [InlineData("07700 900123 ext 4")]
    [InlineData("")]
    public void Anything_else_is_not_a_mobile_number(string typed) => Assert.Null(ContactDetails.Mobile(typed));

    [Fact]
    public void The_contact_command_reads_what_to_do_and_never_whom_for()
    {
        Assert.IsType<ContactCommand.Show>(ContactCommand.Parse("contact"));
        Assert.Equal(new ContactCommand.Set(PageChannel.Email, "Sam@Council.gov.uk"), ContactCommand.Parse("Contact E-mail Sam@Council.gov.uk"));
        Assert.Equal(new ContactCommand.Set(PageChannel.Sms, "+44 7700 900123"), ContactCommand.Parse("contact mobile +44 7700 900123"));
        Assert.Equal(new ContactCommand.Remove(PageChannel.Sms), ContactCommand.Parse("contact remove mobile"));
        Assert.Equal(new ContactCommand.Remove(PageChannel.Email), ContactCommand.Parse("contact remove email."));
        Assert.IsType<ContactCommand.Unknown>(ContactCommand.Parse("contact email sam@council.gov.uk for aad-alex"));
        Assert.IsType<ContactCommand.Unknown>(ContactCommand.Parse("contact remove"));
        Assert.IsType<ContactCommand.Unknown>(ContactCommand.Parse("contact pager 1234"));
        Assert.Equal(ResponseBot.Application.Chat.StaffCommands.Command.Contact, ResponseBot.Application.Chat.StaffCommands.Parse("Contact mobile 07700 900123"));
        Assert.Equal(ResponseBot.Application.Chat.StaffCommands.Command.Help, ResponseBot.Application.Chat.StaffCommands.Parse("contacts please help"));
    }

    private static CaseRecord Case(string text) => new()
    {
        Id = 42,
        Mention = new Mention("acc", "ext", new Author("resident\u202e", "Sam\u0007 Resident", null), text, null, Instant.FromUtc(2026, 11, 24, 22, 0), null),
        ReceivedAt = Instant.FromUtc(2026, 11, 24, 22, 0),
        State = CaseState.Notified,
        Version = 1,
        Flags = ["emergency"],
    };

    [Fact]
    public void A_text_carries_at_most_a_short_excerpt_without_links_or_control_characters()
    {
        var sms = PageText.Sms(Case("Help!\u0000 Fire at\u202e the depot\r\nsee https://evil.example/x or bit.ly/abc or www.x.org, call me at sam@mail.example.com now please " +
            new string('x', 200)), PageReasons.Emergency);
        var excerpt = sms.Body.Split('"')[1];
        Assert.True(excerpt.Length <= PageText.ExcerptLength, excerpt);
        Assert.StartsWith("Help! Fire at the depot see or or call me at now", excerpt);
        Assert.DoesNotContain("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", sms.Body);
        Assert.DoesNotMatch(@"[\u0000-\u001f\u202e]", sms.Body);
        Assert.DoesNotContain("example", sms.Body);
        Assert.Contains("case #42", sms.Body);
        Assert.Contains("send \"case 42\"", sms.Body);
    }

    [Fact]
    public void An_excerpt_is_never_cut_through_an_emoji()
    {
        var excerpt = PageText.Excerpt(new string('a', 58) + "😀😀😀");
        Assert.True(excerpt.Length <= PageText.ExcerptLength);
        Assert.False(char.IsHighSurrogate(excerpt[^2]) && !char.IsLowSurrogate(excerpt[^1]));
        Assert.EndsWith("…", excerpt);
    }

    [Fact]
    public void An_email_carries_the_mention_as_plain_text_and_how_to_open_the_case()
    {
        var mail = PageText.Email(Case("Smoke coming from the depot\r\n<script>alert(1)</script>"), PageReasons.LastRound, "@ExampleCouncil on Bluesky");
        Assert.Equal("ResponseBot: case #42 has had no response and is on its last escalation round", mail.Subject);
        Assert.Contains("Smoke coming from the depot\n<script>alert(1)</script>", mail.Body);
        Assert.Contains("from @resident  (Sam  Resident)", mail.Body);
        Assert.Contains("Open Teams, go to your chat with ResponseBot and send \"case 42\".", mail.Body);
    }
}
