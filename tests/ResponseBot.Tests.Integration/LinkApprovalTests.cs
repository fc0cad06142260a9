using ResponseBot.Cards;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>A reply that adds a link a platform would make clickable — a bare domain too — goes to a manager first.</summary>
public sealed class LinkApprovalTests(PostgresFixture pg) : ScenarioTest(pg, s => s["Roles:Managers:0"] = "aad-megan")
{
    [Fact]
    public async Task An_edit_adding_a_bare_domain_link_needs_a_manager()
    {
        await _s.GoOnCallAsync(_s.Alex);
        var caseId = await _s.MentionAsync("link-1", "How do I report a pothole?");
        await _s.CardPostedToAsync(_s.Alex, caseId);
        await _s.ClickAsync(_s.Alex, CardVerbs.SendEdited, caseId, replyText: "Report it at evil-example.com/login");
        Assert.Equal("AwaitingApproval", await _s.StateAsync(caseId));
        Assert.Equal("the reply adds a link", await _s.Db.ScalarAsync<string>("select reason from cases where id = @caseId", new { caseId }));
    }

    [Fact]
    public async Task A_handle_shaped_like_a_domain_never_becomes_a_link_in_the_suggestion()
    {
        await _s.GoOnCallAsync(_s.Alex);
        var caseId = await _s.MentionAsync("link-2", "hello", handle: "www.evil-example.com");
        await _s.CardPostedToAsync(_s.Alex, caseId);
        await _s.ClickAsync(_s.Alex, CardVerbs.Approve, caseId);
        Assert.Equal("Scheduled", await _s.StateAsync(caseId));   // no link was added, so no manager was needed
        var reply = await _s.Db.ScalarAsync<string>("select reply_text from cases where id = @caseId", new { caseId });
        Assert.StartsWith("Hi @wwwevil-examplecom,", reply);
    }
}
