using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Replies;

namespace ResponseBot.Tests.Unit;

public sealed class ReplyTemplatesTests
{
    private static Mention From(string handle) => new("a", "e", new Author(handle, "n", null), "t", null, NodaTime.Instant.FromUnixTimeSeconds(0), null);

    [Theory]
    [InlineData("resident_42", "@resident_42")]
    [InlineData("@jo.bloggs", "@jo.bloggs")]
    // A handle that would read as a link under our name loses its dots: "already.at" is a real domain.
    [InlineData("@already.at", "@alreadyat")]
    [InlineData("www.x.y", "@wwwxy")]
    [InlineData("evil-example.com", "@evil-examplecom")]
    [InlineData("evil](https://x.example) **bold** <at>Alex</at>", "@evilhttpsx.exampleboldatAlexat")]
    [InlineData("!!!", "@there")]
    public void The_author_placeholder_only_ever_holds_handle_characters(string handle, string expected)
    {
        var account = new Account("a", Platform.Mastodon, "Council", "Hello {author}, from {account}.");
        Assert.Equal($"Hello {expected}, from @Council.", ReplyTemplates.SuggestFor(From(handle), account));
    }

    [Theory]
    // Facebook has no handles: a reply greets the person by first name, letters only.
    [InlineData("Sam Resident", "Sam")]
    [InlineData("  Anne-Marie O'Neill ", "Anne-Marie")]
    [InlineData("[Chief](https://evil.example) Constable", "there")]
    [InlineData("www.evil.example", "www")]
    public void On_Facebook_the_reply_greets_the_first_name(string name, string expected)
    {
        var mention = new Mention("a", "e", new Author(name, name, null), "t", null, NodaTime.Instant.FromUnixTimeSeconds(0), null);
        Assert.Equal($"Hello {expected}.", ReplyTemplates.SuggestFor(mention, new Account("a", Platform.Facebook, "ExampleCouncil", "Hello {author}.")));
    }

    [Theory]
    // On Bluesky a handle is a domain name, and the reply's facet makes it a mention of that account, not a link.
    [InlineData("jo.bsky.social", "@jo.bsky.social")]
    [InlineData("@council.gov.uk", "@council.gov.uk")]
    // Anything that isn't handle syntax is still reduced to handle characters.
    [InlineData("evil](https://x.example)", "@evilhttpsx.example")]
    public void On_Bluesky_a_handle_is_kept_whole(string handle, string expected)
    {
        var account = new Account("a", Platform.Bluesky, "council.bsky.social", "Hello {author}, from {account}.");
        Assert.Equal($"Hello {expected}, from @council.bsky.social.", ReplyTemplates.SuggestFor(From(handle), account));
        Assert.Equal("Hello @jobskysocial, from @Council.",
            ReplyTemplates.SuggestFor(From("jo.bsky.social"), new Account("g", Platform.Generic, "Council", "Hello {author}, from {account}.")));
    }

    [Fact]
    public void Without_a_configured_template_the_default_one_is_used()
    {
        var reply = ReplyTemplates.SuggestFor(From("sam"), new Account("a", Platform.X, "Council"));
        Assert.Equal(ReplyTemplates.Default.Replace("{author}", "@sam"), reply);
        Assert.True(ReplyText.Length(reply) <= PlatformFacts.ReplyLimit(Platform.X), "the default reply fits the tightest platform limit");
    }
}

public sealed class LinkTests
{
    [Theory]
    [InlineData("see https://evil-example.com/login", "evil-example.com/login")]
    [InlineData("see evil-example.com/login", "evil-example.com/login")]
    [InlineData("see www.evil-example.com/login.", "evil-example.com/login")]
    [InlineData("short: bit.ly/x", "bit.ly/x")]
    public void Links_are_found_as_the_platforms_find_them_bare_domains_included(string text, string link) =>
        Assert.Equal([link], ResponseBot.Domain.Triage.Flags.LinksIn(text));

    [Theory]
    [InlineData("We'll be back at 10.30am tomorrow, e.g. after the meeting.")]
    [InlineData("Version 1.2 of the form, file report.pdf")]
    public void Ordinary_text_has_no_links(string text) => Assert.Empty(ResponseBot.Domain.Triage.Flags.LinksIn(text));

    [Fact]
    public void A_reply_adding_a_bare_domain_needs_a_second_person_but_one_keeping_the_suggestions_link_does_not()
    {
        var policy = new ResponseBot.Domain.Policy.ReplyPolicy();
        var account = new Account("a", Platform.X, "Council");
        var c = new ResponseBot.Domain.Cases.CaseRecord
        {
            Id = 1, Version = 1, State = ResponseBot.Domain.Cases.CaseState.Notified, ReceivedAt = NodaTime.Instant.FromUnixTimeSeconds(0),
            Mention = new Mention("a", "e", new Author("sam", "Sam", null), "t", null, NodaTime.Instant.FromUnixTimeSeconds(0), null),
        };
        const string suggestion = "Report it at https://council.gov.uk/report";
        Assert.Equal("the reply adds a link", policy.WhyRisky(c, account, "Report it at evil-example.com/login", suggestion, null));
        Assert.Null(policy.WhyRisky(c, account, "Please report it at council.gov.uk/report", suggestion, null));
    }
}
