using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Replies;

namespace ResponseBot.Tests.Unit;

public sealed class ReplyTemplatesTests
{
    private static Mention From(string handle) => new("a", "e", new Author(handle, "n", null), "t", null, NodaTime.Instant.FromUnixTimeSeconds(0), null);

    [Theory]
    [InlineData("resident_42", "@resident_42")]
    [InlineData("@already.at", "@already.at")]
    [InlineData("evil](https://x.example) **bold** <at>Alex</at>", "@evilhttpsx.exampleboldatAlexat")]
    [InlineData("!!!", "@there")]
    public void The_author_placeholder_only_ever_holds_handle_characters(string handle, string expected)
    {
        var account = new Account("a", Platform.Mastodon, "Council", "Hello {author}, from {account}.");
        Assert.Equal($"Hello {expected}, from @Council.", ReplyTemplates.SuggestFor(From(handle), account));
    }

    [Fact]
    public void Without_a_configured_template_the_default_one_is_used()
    {
        var reply = ReplyTemplates.SuggestFor(From("sam"), new Account("a", Platform.X, "Council"));
        Assert.Equal(ReplyTemplates.Default.Replace("{author}", "@sam"), reply);
        Assert.True(ReplyText.Length(reply) <= PlatformFacts.ReplyLimit(Platform.X), "the default reply fits the tightest platform limit");
    }
}
