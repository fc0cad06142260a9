using System.Text.Json.Nodes;
using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Replies;
using ResponseBot.Platforms;
using ResponseBot.Platforms.Mastodon;

namespace ResponseBot.Tests.Unit;

public sealed class MastodonTests
{
    [Fact]
    public void The_documented_status_content_becomes_plain_text()
    {
        // methods/notifications.md and entities/Status.md (mastodon/documentation).
        Assert.Equal("@trwnh sup!", MastodonText.ToPlain(
            "<p><span class=\"h-card\"><a href=\"https://mastodon.social/@trwnh\" class=\"u-url mention\">@<span>trwnh</span></a></span> sup!</p>"));
        Assert.Equal("\"I lost my inheritance with one wrong digit on my sort code\"\n\nhttps://www.theguardian.com/money/2019/dec/07/i-lost",
            MastodonText.ToPlain("<p>&quot;I lost my inheritance with one wrong digit on my sort code&quot;</p><p><a href=\"https://www.theguardian.com/money\" rel=\"nofollow noopener noreferrer\" target=\"_blank\"><span class=\"invisible\">https://www.</span><span class=\"ellipsis\">theguardian.com/money/2019/dec</span><span class=\"invisible\">/07/i-lost</span></a></p>"));
    }

    [Theory]
    [InlineData("<p>hi<script>alert('x')</script> there</p>", "hi there")]
    [InlineData("<p>a<style>p{display:none}</style>b</p><SCRIPT src=x>evil()</SCRIPT >c", "ab\nc")]
    [InlineData("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", "<script>alert(1)</script>")]      // decoded once: text, not markup
    [InlineData("&amp;lt;b&amp;gt; &#x27;q&#39; &nbsp;x", "&lt;b&gt; 'q' \u00a0x")]
    [InlineData("line one<br>line two<br/>line three<br />", "line one\nline two\nline three")]
    [InlineData("<p>one</p><p></p><p></p><p>two</p>", "one\n\ntwo")]
    [InlineData("<a href=\"javascript:alert(1)\" onclick=\"x()\">click</a> me", "click me")]
    [InlineData("<img src=x onerror=alert(1)>nul\u0000 and \u0007bell", "nul and bell")]
    [InlineData("fine <b unclosed", "fine")]
    [InlineData(null, "")]
    public void Hostile_HTML_becomes_harmless_plain_text(string? html, string expected) => Assert.Equal(expected, MastodonText.ToPlain(html));

    [Fact]
    public void A_lone_surrogate_is_shown_as_a_replacement_character() => Assert.Equal("\ufffdlone", MastodonText.ToPlain("\ud800lone"));

    [Theory]
    [InlineData("direct", "direct")]
    [InlineData("private", "private")]
    [InlineData("unlisted", "unlisted")]
    [InlineData("public", "public")]
    [InlineData("PUBLIC", "public")]
    [InlineData("local", "direct")]                                                       // unknown: the narrowest
    [InlineData(null, "direct")]
    public void A_reply_is_never_wider_than_the_mention(string? mention, string reply) => Assert.Equal(reply, MastodonVisibility.ForReply(mention));

    [Theory]
    [InlineData("Hi @sam@town.example, thanks", "sam@town.example", "Hi @sam@town.example, thanks")]
    [InlineData("Hi @SAM, thanks", "sam", "Hi @SAM, thanks")]
    [InlineData("Thanks, we're on it", "sam@town.example", "@sam@town.example Thanks, we're on it")]
    [InlineData("Hi @samuel, thanks", "sam", "@sam Hi @samuel, thanks")]                   // a longer handle is someone else
    [InlineData("Hi @sam@town.example.evil, thanks", "sam@town.example", "@sam@town.example Hi @sam@town.example.evil, thanks")]
    public void The_reply_mentions_the_author(string text, string acct, string expected) => Assert.Equal(expected, MastodonVisibility.Addressed(text, acct));

    [Fact]
    public void Links_count_as_23_and_remote_mentions_as_their_user_part()
    {
        Assert.Equal(5 + 23, MastodonText.Length("see: https://example.com/a/very/long/path/that/goes/on/and/on"));
        Assert.Equal("@sam hi".Length, MastodonText.Length("@sam@town.example hi"));
    }

    [Fact]
    public void A_notification_status_becomes_a_mention_and_what_a_case_needs_is_required()
    {
        var status = new JsonObject
        {
            ["id"] = "103186126728896492", ["created_at"] = "2019-11-23T07:49:01.940Z", ["in_reply_to_id"] = "103186038209478945",
            ["spoiler_text"] = "bins", ["visibility"] = "public", ["url"] = "https://town.example/@zsc/103186126728896492",
            ["content"] = "<p>@council not collected</p>",
            ["account"] = new JsonObject { ["id"] = "971724", ["username"] = "zsc", ["acct"] = "zsc@town.example", ["display_name"] = "", ["url"] = "javascript:alert(1)" },
        };
        var m = MastodonMentionSource.Map("masto", status)!;
        Assert.Equal(("103186126728896492", "103186038209478945"), (m.ExternalId, m.InReplyTo));
        Assert.Equal(new Author("zsc@town.example", "zsc@town.example", null), m.Author);       // no display name: the acct; no script link
        Assert.Equal("CW: bins\n@council not collected", m.Text);
        Assert.Equal("https://town.example/@zsc/103186126728896492", m.Url);
        status.Remove("account");
        Assert.Null(MastodonMentionSource.Map("masto", status));
    }

    [Fact]
    public void Ids_compare_as_the_numbers_they_are() =>
        Assert.True(MastodonMentionSource.Compare("100", "99") > 0 && MastodonMentionSource.Compare("34975861", "34975535") > 0);

    [Fact]
    public void The_Link_header_is_read_by_relation()
    {
        var links = MastodonClient.ParseLinks("<https://mastodon.example/api/v1/notifications?max_id=34975535>; rel=\"next\", <https://mastodon.example/api/v1/notifications?min_id=34975861>; rel=\"prev\"");
        Assert.Equal("https://mastodon.example/api/v1/notifications?min_id=34975861", links["prev"].AbsoluteUri);
        Assert.Equal("https://mastodon.example/api/v1/notifications?max_id=34975535", links["next"].AbsoluteUri);
    }

    [Fact]
    public void A_Mastodon_account_names_its_missing_settings()
    {
        var problems = new AccountOptions { Platform = Platform.Mastodon, Handle = "council" }.Problems("masto").ToList();
        Assert.Contains("Accounts:masto:ServiceUrl is required for a Mastodon account (the instance, e.g. https://mastodon.social/).", problems);
        Assert.Contains("Accounts:masto:AccessToken is required for a Mastodon account.", problems);
        Assert.Contains("Accounts:masto:ServiceUrl must be an absolute https URL.",
            new AccountOptions { Platform = Platform.Mastodon, Handle = "c", AccessToken = "t", ServiceUrl = new Uri("http://m.example/") }.Problems("masto"));
        Assert.Empty(new AccountOptions { Platform = Platform.Mastodon, Handle = "c", AccessToken = "t", ServiceUrl = new Uri("http://127.0.0.1:5/") }.Problems("masto", development: true));
    }

    [Fact]
    public void The_suggested_reply_names_a_remote_author_by_their_full_address_on_Mastodon_only()
    {
        var mention = new Mention("masto", "1", new Author("sam@town.example", "Sam", null), "", null, NodaTime.Instant.FromUnixTimeSeconds(0), null);
        Assert.StartsWith("Hi @sam@town.example,", ReplyTemplates.SuggestFor(mention, new Account("masto", Platform.Mastodon, "council", null)));
        Assert.DoesNotContain("@sam@", ReplyTemplates.SuggestFor(mention, new Account("web", Platform.Generic, "council", null)));
        var sneaky = mention with { Author = new Author("sam@evil.example/x?y", "Sam", null) };
        Assert.DoesNotContain("evil.example/", ReplyTemplates.SuggestFor(sneaky, new Account("masto", Platform.Mastodon, "council", null)));
    }
}
